import type { CatalogGraph } from './catalog-graph';
import { frameworkCoverage } from './framework-coverage';
import { type FrameworkStatus, frameworkStatus } from './framework-status';
import { requirementStatus } from './requirement-status';
import { STATUS_NAMES } from './status-code';
import { CONTROL_STATUSES, type ControlStatus, LINK_COVERAGES, tenantState } from './tenant-state';
import { at, itReadsOneHop, random, randomCatalog, type TinyEdge, type TinyLink, tinyCatalog, tinyTenant } from './tiny-catalog.fixture';

function read(graph: CatalogGraph, status: FrameworkStatus, id: string) {
  const r = at(graph, id);
  return { status: STATUS_NAMES[status.status[r]], weight: status.weight[r], inferred: status.inferred[r] === 1 };
}

/** Status of `t` (framework B) when `s` (framework A) is directly satisfied and joined to it by the given edges. */
function through(edges: TinyEdge[], coverage: 'FULL' | 'PARTIAL' = 'FULL') {
  const graph = tinyCatalog({ A: ['s'], B: ['t'], C: ['m'] }, edges);
  const status = frameworkStatus(graph, tinyTenant(graph, [['c1', 's', coverage]]), 1);
  return { graph, status, t: read(graph, status, 't') };
}

describe('frameworkStatus: direct status (DESIGN 1)', () => {
  it('is NONE without controls, and works on a framework with no requirements', () => {
    const graph = tinyCatalog({ A: ['a1', 'a2'], B: [] });
    const tenant = tinyTenant(graph, []);
    expect(Array.from(frameworkStatus(graph, tenant, 0).status)).toEqual([0, 0]);
    expect(frameworkStatus(graph, tenant, 1)).toMatchObject({ frameworkIndex: 1, maxHops: 1 });
  });

  it('lets a FULL link beat a PARTIAL one, whatever their order, and weighs a direct PARTIAL link 0.5', () => {
    const graph = tinyCatalog({ A: ['a1', 'a2'] });
    for (const links of [
      [['p', 'a1', 'PARTIAL'], ['f', 'a1', 'FULL'], ['q', 'a2', 'PARTIAL']],
      [['f', 'a1', 'FULL'], ['p', 'a1', 'PARTIAL'], ['q', 'a2', 'PARTIAL']],
    ] as TinyLink[][]) {
      const status = frameworkStatus(graph, tinyTenant(graph, links), 0);
      expect(read(graph, status, 'a1')).toEqual({ status: 'FULL', weight: 1, inferred: false });
      expect(read(graph, status, 'a2')).toEqual({ status: 'PARTIAL', weight: 0.5, inferred: false });
    }
  });

  it.each<[ControlStatus]>([['PLANNED'], ['IN_PROGRESS'], ['NOT_APPLICABLE']])('counts a %s control for nothing, directly or through edges', (controlStatus) => {
    const graph = tinyCatalog({ A: ['a1'], B: ['b1'] }, [['a1', 'EQUAL', 'b1']]);
    const tenant = tinyTenant(graph, [['c', 'a1', 'FULL', controlStatus]]);
    expect(frameworkStatus(graph, tenant, 0).status[0]).toBe(0);
    expect(frameworkStatus(graph, tenant, 1).status[1]).toBe(0);
  });
});

describe('frameworkStatus: one hop (DESIGN 2)', () => {
  itReadsOneHop(through);

  it('takes sources inside the framework too', () => {
    const graph = tinyCatalog({ A: ['a1', 'a2', 'a3'] }, [['a1', 'SUBSET_OF', 'a2', 4], ['a3', 'SUBSET_OF', 'a1', 8]]);
    const status = frameworkStatus(graph, tinyTenant(graph, [['c', 'a1', 'FULL']]), 0);
    expect(['a1', 'a2', 'a3'].map((id) => read(graph, status, id))).toEqual([
      { status: 'FULL', weight: 1, inferred: false },
      { status: 'PARTIAL', weight: 0.4, inferred: false },
      { status: 'FULL', weight: 1, inferred: false },
    ]);
  });

  it('never adds partials up: 0.6 and 0.7 give PARTIAL 0.7', () => {
    const graph = tinyCatalog({ A: ['s1', 's2'], B: ['t'] }, [
      ['s1', 'SUBSET_OF', 't', 6],
      ['s2', 'INTERSECTS_WITH', 't', 7],
    ]);
    const status = frameworkStatus(graph, tinyTenant(graph, [['c1', 's1', 'FULL'], ['c2', 's2', 'FULL']]), 1);
    expect(read(graph, status, 't')).toEqual({ status: 'PARTIAL', weight: 0.7, inferred: false });
  });

  it('never makes FULL from partials, not even nine 0.9s and a direct PARTIAL', () => {
    const sources = Array.from({ length: 9 }, (_, i) => `s${i}`);
    const graph = tinyCatalog({ A: sources, B: ['t'] }, sources.map((s): TinyEdge => [s, 'SUBSET_OF', 't', 9]));
    const status = frameworkStatus(graph, tinyTenant(graph, [...sources.map((s): TinyLink => [`c${s}`, s, 'FULL']), ['d', 't', 'PARTIAL']]), 1);
    expect(read(graph, status, 't')).toEqual({ status: 'PARTIAL', weight: 0.9, inferred: false });
  });

  it('lets a direct PARTIAL beat a weaker crosswalk partial, and a crosswalk FULL beat a direct PARTIAL', () => {
    const weak = tinyCatalog({ A: ['s'], B: ['t'] }, [['s', 'INTERSECTS_WITH', 't', 3]]);
    expect(read(weak, frameworkStatus(weak, tinyTenant(weak, [['c', 's', 'FULL'], ['d', 't', 'PARTIAL']]), 1), 't')).toEqual({ status: 'PARTIAL', weight: 0.5, inferred: false });
    const strong = tinyCatalog({ A: ['s'], B: ['t'] }, [['s', 'EQUAL', 't']]);
    expect(read(strong, frameworkStatus(strong, tinyTenant(strong, [['c', 's', 'FULL'], ['d', 't', 'PARTIAL']]), 1), 't')).toEqual({ status: 'FULL', weight: 1, inferred: false });
  });

  it('takes the best of parallel edges between the same two requirements', () => {
    const { t } = through([['s', 'INTERSECTS_WITH', 't', 2], ['t', 'SUBSET_OF', 's', 3, 'FUNCTIONAL', 'x'], ['s', 'SUBSET_OF', 't', 6, 'SYNTACTIC', 'y']]);
    expect(t).toEqual({ status: 'FULL', weight: 1, inferred: false });
  });

  it('does not chain: only directly satisfied requirements are sources', () => {
    const { t } = through([['s', 'EQUAL', 'm'], ['m', 'EQUAL', 't']]);
    expect(t.status).toBe('NONE');
  });

  it('computes only the framework: other entries stay NONE with weight 0', () => {
    const { graph, status } = through([['s', 'EQUAL', 't'], ['s', 'EQUAL', 'm']]);
    expect(read(graph, status, 't').status).toBe('FULL');
    expect([read(graph, status, 's'), read(graph, status, 'm')]).toEqual([
      { status: 'NONE', weight: 0, inferred: false },
      { status: 'NONE', weight: 0, inferred: false },
    ]);
  });
});

describe('frameworkStatus: exclusions', () => {
  it('marks an excluded requirement EXCLUDED with weight 0, even when directly FULL or fed by an EQUAL', () => {
    const graph = tinyCatalog({ A: ['s'], B: ['t'] }, [['s', 'EQUAL', 't']]);
    const status = frameworkStatus(graph, tinyTenant(graph, [['c', 's', 'FULL'], ['d', 't', 'FULL']], ['t']), 1);
    expect(read(graph, status, 't')).toEqual({ status: 'EXCLUDED', weight: 0, inferred: false });
  });

  it('does not let an excluded requirement vouch for others', () => {
    const graph = tinyCatalog({ A: ['s'], B: ['t'] }, [['s', 'EQUAL', 't']]);
    const status = frameworkStatus(graph, tinyTenant(graph, [['c', 's', 'FULL']], ['s']), 1);
    expect(read(graph, status, 't').status).toBe('NONE');
  });
});

describe('frameworkStatus: several hops fall back to requirementStatus', () => {
  it('composes through another framework, and is inferred, exactly as requirementStatus', () => {
    const graph = tinyCatalog({ A: ['s'], B: ['t'], C: ['m'] }, [['s', 'EQUAL', 'm'], ['m', 'SUBSET_OF', 't', 6]]);
    const tenant = tinyTenant(graph, [['c', 's', 'FULL']]);
    const status = frameworkStatus(graph, tenant, 1, { maxHops: 2 });
    expect(status).toMatchObject({ frameworkIndex: 1, maxHops: 2 });
    expect(read(graph, status, 't')).toEqual({ status: 'PARTIAL', weight: 0.6, inferred: true });
    const full = requirementStatus(graph, tenant, { maxHops: 2 });
    expect([status.status, status.weight, status.inferred]).toEqual([full.status, full.weight, full.inferred]);
  });
});

describe('frameworkStatus: coverage', () => {
  it('feeds frameworkCoverage, with the same result as requirementStatus', () => {
    const graph = tinyCatalog(
      { A: ['a1', 'a2'], B: [{ ref: 'bx', assessable: false }, { ref: 'b1', parent: 'bx' }, 'b2', 'b3', 'b4', 'b5'] },
      [['a1', 'EQUAL', 'b1'], ['a1', 'SUBSET_OF', 'b2', 7], ['a1', 'EQUAL', 'b5'], ['a2', 'EQUAL', 'bx']],
    );
    const tenant = tinyTenant(graph, [['k1', 'a1', 'FULL'], ['k2', 'a2', 'FULL'], ['k3', 'b3', 'PARTIAL']], ['b5']);
    const coverage = frameworkCoverage(graph, frameworkStatus(graph, tenant, 1), 1);
    expect(coverage).toEqual(frameworkCoverage(graph, requirementStatus(graph, tenant), 1));
    expect(coverage).toMatchObject({ full: 1, partial: 2, none: 1, excluded: 1, applicable: 4 });
  });
});

describe('frameworkStatus: guards', () => {
  const graph = tinyCatalog({ A: ['a1'] });
  const tenant = tinyTenant(graph, []);

  it.each([[0], [-1], [4], [1.5], [Number.NaN], ['2']])('refuses maxHops %p', (maxHops) => {
    expect(() => frameworkStatus(graph, tenant, 0, { maxHops: maxHops as number })).toThrow(
      `graph/framework-status: maxHops must be an integer from 1 to 3, got ${String(maxHops)}`,
    );
  });

  it.each([[undefined], [null]])('takes the default maxHops 1 for %p', (maxHops) => {
    expect(frameworkStatus(graph, tenant, 0, { maxHops: maxHops as unknown as number }).maxHops).toBe(1);
  });

  it.each([[1], [-1], [0.5], ['0']])('refuses framework index %p', (frameworkIndex) => {
    expect(() => frameworkStatus(graph, tenant, frameworkIndex as number)).toThrow(
      `graph/framework-status: frameworkIndex must be a framework index from 0 to 0, got ${String(frameworkIndex)}`,
    );
  });

  it('refuses a tenant built against another graph, and a non-graph', () => {
    const other = tinyCatalog({ A: ['a1', 'a2'] });
    for (const maxHops of [1, 2]) {
      expect(() => frameworkStatus(graph, tinyTenant(other, []), 0, { maxHops })).toThrow('graph/framework-status: tenant must be a TenantState built against this graph');
    }
    expect(() => frameworkStatus({} as CatalogGraph, tenant, 0)).toThrow('graph/framework-status: the first argument must be a CatalogGraph');
  });
});

describe('frameworkStatus: equals requirementStatus on the framework (property)', () => {
  const FRAMEWORKS = ['A', 'B', 'C', 'D'];

  it.each(Array.from({ length: 40 }, (_, i) => [i + 1]))('random graph #%d', (seed) => {
    const rnd = random(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
    const { graph, ids } = randomCatalog(rnd, {
      frameworks: FRAMEWORKS,
      requirements: 16,
      edges: 40,
      frameworkOf: (i) => FRAMEWORKS[i % FRAMEWORKS.length],
      assessable: () => rnd() < 0.85,
    });
    const controls = Array.from({ length: 6 }, (_, i) => ({ id: `c${i}`, code: `C${i}`, status: pick(CONTROL_STATUSES) }));
    const tenant = tenantState(graph, {
      controls,
      links: Array.from({ length: 14 }, () => ({ controlId: pick(controls).id, requirementId: pick(ids), coverage: pick(LINK_COVERAGES) })),
      excludedRequirementIds: ids.filter(() => rnd() < 0.15),
    });
    for (const maxHops of [1, 2, 3]) {
      const expected = requirementStatus(graph, tenant, { maxHops });
      for (let f = 0; f < graph.frameworkCount; f++) {
        const actual = frameworkStatus(graph, tenant, f, { maxHops });
        const members = Array.from(graph.requirementsOf(f));
        expect(members.map((r) => [r, actual.status[r], actual.inferred[r]])).toEqual(members.map((r) => [r, expected.status[r], expected.inferred[r]]));
        for (const r of members) expect(Math.abs(actual.weight[r] - expected.weight[r])).toBeLessThan(1e-12);
        expect(frameworkCoverage(graph, actual, f)).toEqual(frameworkCoverage(graph, expected, f));
      }
    }
  });
});
