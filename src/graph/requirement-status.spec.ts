import type { CatalogGraph } from './catalog-graph';
import type { Relationship } from './relationship';
import { type RequirementStatus, requirementStatus } from './requirement-status';
import { STATUS_NAMES } from './status-code';
import type { ControlStatus } from './tenant-state';
import { at, itReadsOneHop, type TinyEdge, type TinyLink, tinyCatalog, tinyTenant } from './tiny-catalog.fixture';

function read(graph: CatalogGraph, status: RequirementStatus, id: string) {
  const r = at(graph, id);
  return { status: STATUS_NAMES[status.status[r]], weight: status.weight[r], inferred: status.inferred[r] === 1 };
}

/** Status of `t` when `s` is directly satisfied and joined to it by the given edges. */
function through(edges: TinyEdge[], coverage: 'FULL' | 'PARTIAL' = 'FULL', maxHops = 1, extra: string[] = ['m', 'n']) {
  const graph = tinyCatalog({ A: ['s'], B: ['t'], C: extra }, edges);
  const status = requirementStatus(graph, tinyTenant(graph, [['c1', 's', coverage]]), { maxHops });
  return { graph, status, t: read(graph, status, 't') };
}

describe('requirementStatus: direct status (DESIGN 1)', () => {
  it('is NONE everywhere without controls, on a disconnected catalog', () => {
    const graph = tinyCatalog({ A: ['a1', 'a2'], B: ['b1'] });
    const status = requirementStatus(graph, tinyTenant(graph, []));
    expect(Array.from(status.status)).toEqual([0, 0, 0]);
    expect(Array.from(status.weight)).toEqual([0, 0, 0]);
    expect(status.maxHops).toBe(1);
  });

  it('works on an empty catalog', () => {
    const graph = tinyCatalog({});
    const status = requirementStatus(graph, tinyTenant(graph, []));
    expect([status.status.length, status.weight.length, status.inferred.length]).toEqual([0, 0, 0]);
  });

  it('lets a FULL link beat a PARTIAL one, whatever their order, and explains with the FULL control only', () => {
    const graph = tinyCatalog({ A: ['a1'] });
    for (const links of [
      [['p', 'a1', 'PARTIAL'], ['f', 'a1', 'FULL']],
      [['f', 'a1', 'FULL'], ['p', 'a1', 'PARTIAL']],
    ] as TinyLink[][]) {
      const status = requirementStatus(graph, tinyTenant(graph, links));
      expect(read(graph, status, 'a1')).toEqual({ status: 'FULL', weight: 1, inferred: false });
      expect(status.explain(0)).toEqual([
        expect.objectContaining({ source: 0, hops: [], relationship: null, status: 'FULL', weight: 1, controls: [{ controlId: 'f', code: 'F', status: 'IMPLEMENTED', coverage: 'FULL' }] }),
      ]);
    }
  });

  it('weighs a direct PARTIAL link 0.5', () => {
    const graph = tinyCatalog({ A: ['a1'] });
    const status = requirementStatus(graph, tinyTenant(graph, [['p', 'a1', 'PARTIAL']]));
    expect(read(graph, status, 'a1')).toEqual({ status: 'PARTIAL', weight: 0.5, inferred: false });
  });

  it.each<[ControlStatus]>([['PLANNED'], ['IN_PROGRESS'], ['NOT_APPLICABLE']])('counts a %s control for nothing, directly or through edges', (controlStatus) => {
    const graph = tinyCatalog({ A: ['a1'], B: ['b1'] }, [['a1', 'EQUAL', 'b1']]);
    const status = requirementStatus(graph, tinyTenant(graph, [['c', 'a1', 'FULL', controlStatus]]));
    expect(Array.from(status.status)).toEqual([0, 0]);
    expect(status.explain(0)).toEqual([]);
  });
});

describe('requirementStatus: one hop (DESIGN 2)', () => {
  itReadsOneHop(through);

  it('explains a reversed reading with the edge as stored and as read', () => {
    const { graph, status } = through([['t', 'SUBSET_OF', 's', 6, 'FUNCTIONAL']]);
    expect(status.explain(at(graph, 't'))).toEqual([
      {
        source: at(graph, 's'),
        controls: [{ controlId: 'c1', code: 'C1', status: 'IMPLEMENTED', coverage: 'FULL' }],
        hops: [{ from: at(graph, 's'), to: at(graph, 't'), edge: 0, mappingSetId: 'ms:B->A', mappingSetPrivate: false, relationship: 'SUPERSET_OF', rationale: 'FUNCTIONAL', strength: 6, reversed: true, condition: null, conditionMet: null }],
        relationship: 'SUPERSET_OF',
        strength: 6,
        status: 'FULL',
        weight: 1,
        inferred: false,
      },
    ]);
  });

  it('never adds partials up: 0.6 and 0.7 give PARTIAL 0.7, both explained', () => {
    const graph = tinyCatalog({ A: ['s1', 's2'], B: ['t'] }, [
      ['s1', 'SUBSET_OF', 't', 6],
      ['s2', 'INTERSECTS_WITH', 't', 7],
    ]);
    const status = requirementStatus(graph, tinyTenant(graph, [['c1', 's1', 'FULL'], ['c2', 's2', 'FULL']]));
    expect(read(graph, status, 't')).toEqual({ status: 'PARTIAL', weight: 0.7, inferred: false });
    const explained = status.explain(at(graph, 't'));
    expect(explained.map((e) => [graph.requirementId(e.source), e.relationship, e.strength, e.weight, e.controls[0].controlId])).toEqual([
      ['s2', 'INTERSECTS_WITH', 7, 0.7, 'c2'],
      ['s1', 'SUBSET_OF', 6, 0.6, 'c1'],
    ]);
  });

  it('never makes FULL from partials, not even nine 0.9s or a direct PARTIAL plus crosswalk partials', () => {
    const sources = Array.from({ length: 9 }, (_, i) => `s${i}`);
    const graph = tinyCatalog({ A: sources, B: ['t'] }, sources.map((s): TinyEdge => [s, 'SUBSET_OF', 't', 9]));
    const status = requirementStatus(graph, tinyTenant(graph, [...sources.map((s): TinyLink => [`c${s}`, s, 'FULL']), ['d', 't', 'PARTIAL']]));
    expect(read(graph, status, 't')).toEqual({ status: 'PARTIAL', weight: 0.9, inferred: false });
    expect(status.explain(at(graph, 't'))).toHaveLength(10);
  });

  it('gives FULL only through a FULL path: a PARTIAL source passes PARTIAL even over EQUAL', () => {
    const { t, status, graph } = through([['s', 'EQUAL', 't']], 'PARTIAL');
    expect(t).toEqual({ status: 'PARTIAL', weight: 0.5, inferred: false });
    expect(status.explain(at(graph, 't'))[0]).toMatchObject({ status: 'PARTIAL', weight: 0.5 });
  });

  it('does not chain at maxHops 1: only directly satisfied requirements are sources', () => {
    const { graph, status, t } = through([['s', 'EQUAL', 'm'], ['m', 'EQUAL', 't']]);
    expect(read(graph, status, 'm').status).toBe('FULL');
    expect(t.status).toBe('NONE');
    expect(status.explain(at(graph, 't'))).toEqual([]);
  });
});

describe('requirementStatus: several hops (DESIGN 3)', () => {
  it.each<[string, TinyEdge[], string, number, Relationship | null]>([
    ['EQUAL∘EQUAL', [['s', 'EQUAL', 'm'], ['m', 'EQUAL', 't']], 'FULL', 1, 'EQUAL'],
    ['SUPERSET∘SUPERSET', [['s', 'SUPERSET_OF', 'm', 8], ['m', 'SUPERSET_OF', 't', 3]], 'FULL', 1, 'SUPERSET_OF'],
    ['SUBSET∘SUBSET, strength the min', [['s', 'SUBSET_OF', 'm', 5], ['m', 'SUBSET_OF', 't', 8]], 'PARTIAL', 0.5, 'SUBSET_OF'],
    ['SUPERSET∘SUBSET', [['s', 'SUPERSET_OF', 'm', 9], ['m', 'SUBSET_OF', 't', 4]], 'PARTIAL', 0.4, 'INTERSECTS_WITH'],
    ['SUPERSET∘INTERSECTS', [['s', 'SUPERSET_OF', 'm', 9], ['m', 'INTERSECTS_WITH', 't', 3]], 'PARTIAL', 0.3, 'INTERSECTS_WITH'],
    ['EQUAL∘SUBSET', [['s', 'EQUAL', 'm'], ['m', 'SUBSET_OF', 't', 6]], 'PARTIAL', 0.6, 'SUBSET_OF'],
    ['a reversed hop: s ⊇ m stored as m SUBSET_OF s', [['m', 'SUBSET_OF', 's', 7], ['m', 'EQUAL', 't']], 'FULL', 1, 'SUPERSET_OF'],
    ['SUBSET∘SUPERSET (refused)', [['s', 'SUBSET_OF', 'm', 5], ['m', 'SUPERSET_OF', 't', 5]], 'NONE', 0, null],
    ['SUBSET∘INTERSECTS (refused)', [['s', 'SUBSET_OF', 'm', 5], ['m', 'INTERSECTS_WITH', 't', 5]], 'NONE', 0, null],
    ['INTERSECTS∘INTERSECTS (refused)', [['s', 'INTERSECTS_WITH', 'm', 5], ['m', 'INTERSECTS_WITH', 't', 5]], 'NONE', 0, null],
    ['EQUAL∘NOT_RELATED (refused)', [['s', 'EQUAL', 'm'], ['m', 'NOT_RELATED', 't']], 'NONE', 0, null],
    ['mixed rationales (refused)', [['s', 'EQUAL', 'm', 10, 'SEMANTIC'], ['m', 'EQUAL', 't', 10, 'FUNCTIONAL']], 'NONE', 0, null],
    ['no rationale recorded (refused)', [['s', 'EQUAL', 'm', 10, null], ['m', 'EQUAL', 't', 10, null]], 'NONE', 0, null],
  ])('maxHops 2 composes %s', (_case, edges, expected, weight, relationship) => {
    const { graph, status, t } = through(edges, 'FULL', 2);
    expect(t.status).toBe(expected);
    expect(t.weight).toBeCloseTo(weight, 12);
    expect(t.inferred).toBe(expected !== 'NONE');
    const explained = status.explain(at(graph, 't'));
    if (relationship === null) return expect(explained).toEqual([]);
    expect(explained).toHaveLength(1);
    expect(explained[0]).toMatchObject({ relationship, inferred: true, status: expected, source: at(graph, 's') });
    expect(explained[0].hops.map((h) => [graph.requirementId(h.from), graph.requirementId(h.to)])).toEqual([['s', 'm'], ['m', 't']]);
    expect(explained[0].weight).toBeCloseTo(weight, 12);
  });

  it('reaches three hops only with maxHops 3', () => {
    const edges: TinyEdge[] = [['s', 'EQUAL', 'm'], ['m', 'SUPERSET_OF', 'n', 4], ['n', 'EQUAL', 't']];
    expect(through(edges, 'FULL', 2).t.status).toBe('NONE');
    const { t, status, graph } = through(edges, 'FULL', 3);
    expect(t).toEqual({ status: 'FULL', weight: 1, inferred: true });
    expect(status.explain(at(graph, 't'))[0].hops).toHaveLength(3);
  });

  it('is not inferred when one hop already gives the same, and lists both paths', () => {
    const { t, status, graph } = through([['s', 'EQUAL', 't'], ['s', 'EQUAL', 'm'], ['m', 'EQUAL', 't']], 'FULL', 2);
    expect(t).toEqual({ status: 'FULL', weight: 1, inferred: false });
    expect(status.explain(at(graph, 't')).map((e) => [e.hops.length, e.inferred])).toEqual([[1, false], [2, true]]);
  });

  it('is inferred when only the composed path gives the better result', () => {
    const { t } = through([['s', 'INTERSECTS_WITH', 't', 3], ['s', 'EQUAL', 'm'], ['m', 'SUBSET_OF', 't', 8]], 'FULL', 2);
    expect(t.status).toBe('PARTIAL');
    expect(t.weight).toBeCloseTo(0.8, 12);
    expect(t.inferred).toBe(true);
  });

  it('lists simple paths only, even where parallel edges make cycles', () => {
    const { status, graph } = through([['s', 'EQUAL', 'm', 10, 'SEMANTIC', 'x'], ['m', 'EQUAL', 's', 10, 'SEMANTIC', 'y'], ['s', 'EQUAL', 't']], 'FULL', 3);
    for (const e of status.explain(at(graph, 't'))) {
      const visited = [e.source, ...e.hops.map((h) => h.to)];
      expect(new Set(visited).size).toBe(visited.length);
    }
    expect(status.explain(at(graph, 't'))).toHaveLength(1);
  });
});

describe('requirementStatus: exclusions', () => {
  it('marks an excluded requirement EXCLUDED with weight 0 and nothing to explain, even when directly FULL', () => {
    const graph = tinyCatalog({ A: ['a1'] });
    const status = requirementStatus(graph, tinyTenant(graph, [['c', 'a1', 'FULL']], ['a1']));
    expect(read(graph, status, 'a1')).toEqual({ status: 'EXCLUDED', weight: 0, inferred: false });
    expect(status.explain(0)).toEqual([]);
  });

  it('does not let an excluded requirement vouch for others', () => {
    const graph = tinyCatalog({ A: ['s'], B: ['t'] }, [['s', 'EQUAL', 't']]);
    const status = requirementStatus(graph, tinyTenant(graph, [['c', 's', 'FULL']], ['s']));
    expect(read(graph, status, 't').status).toBe('NONE');
  });

  it('lets a path run through an excluded requirement: set relations do not depend on scope', () => {
    const graph = tinyCatalog({ A: ['s'], B: ['t'], C: ['m'] }, [['s', 'EQUAL', 'm'], ['m', 'EQUAL', 't']]);
    const status = requirementStatus(graph, tinyTenant(graph, [['c', 's', 'FULL']], ['m']), { maxHops: 2 });
    expect(read(graph, status, 'm').status).toBe('EXCLUDED');
    expect(read(graph, status, 't')).toEqual({ status: 'FULL', weight: 1, inferred: true });
  });
});

describe('requirementStatus: controls touching a requirement', () => {
  it('lists controls of any status linked to it or to a requirement a path joins to it, closest first', () => {
    const graph = tinyCatalog({ A: ['s', 'u', 'w'], B: ['t'] }, [
      ['s', 'INTERSECTS_WITH', 't', 3],
      ['u', 'NOT_RELATED', 't'],
      ['w', 'SUBSET_OF', 't', 2],
    ]);
    const tenant = tinyTenant(graph, [['impl', 's', 'FULL'], ['planned', 't', 'PARTIAL', 'PLANNED'], ['other', 'u', 'FULL'], ['wip', 'w', 'FULL', 'IN_PROGRESS']]);
    const touching = requirementStatus(graph, tenant).controlsTouching(at(graph, 't'));
    expect(touching.map((c) => [c.controlId, c.status, c.coverage, graph.requirementId(c.via), c.relationship, c.hops.length])).toEqual([
      ['planned', 'PLANNED', 'PARTIAL', 't', null, 0],
      ['impl', 'IMPLEMENTED', 'FULL', 's', 'INTERSECTS_WITH', 1],
      ['wip', 'IN_PROGRESS', 'FULL', 'w', 'SUBSET_OF', 1],
    ]);
  });
});

describe('requirementStatus: guards', () => {
  const graph = tinyCatalog({ A: ['a1'] });
  const tenant = tinyTenant(graph, []);

  it.each([[0], [-1], [4], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY], ['2']])('refuses maxHops %p', (maxHops) => {
    expect(() => requirementStatus(graph, tenant, { maxHops: maxHops as number })).toThrow(
      `graph/requirement-status: maxHops must be an integer from 1 to 3, got ${String(maxHops)}`,
    );
  });

  it.each([[undefined], [null]])('takes the default maxHops 1 for %p', (maxHops) => {
    expect(requirementStatus(graph, tenant, { maxHops: maxHops as unknown as number }).maxHops).toBe(1);
  });

  it('refuses a tenant built against another graph, and a non-graph', () => {
    const other = tinyCatalog({ A: ['a1', 'a2'] });
    expect(() => requirementStatus(graph, tinyTenant(other, []))).toThrow('graph/requirement-status: tenant must be a TenantState built against this graph');
    expect(() => requirementStatus({} as CatalogGraph, tenant)).toThrow('graph/requirement-status: the first argument must be a CatalogGraph');
  });

  it('refuses to explain an index outside the graph', () => {
    expect(() => requirementStatus(graph, tenant).explain(5)).toThrow('graph/explain-status: requirementIndex must be from 0 to 0, got 5');
  });
});
