import { CatalogGraph, type CatalogGraphInput } from './catalog-graph';
import { frameworkCoverage } from './framework-coverage';
import { frameworkStatus } from './framework-status';
import { gapAnalysis } from './gap-analysis';
import type { GraphView } from './graph-view';
import { underDeclaredSystems } from './management-systems';
import { OverlayGraph, type OverlayInput } from './overlay-graph';
import { requirementStatus } from './requirement-status';
import { STATUS_FULL, STATUS_NONE, STATUS_PARTIAL } from './status-code';
import { tenantState } from './tenant-state';
import { at, tinyCatalog, tinyOverlay, tinyTenant, type TinyLink } from './tiny-catalog.fixture';

function statusOf(graph: GraphView, links: TinyLink[], id: string, maxHops = 1) {
  const status = requirementStatus(graph, tinyTenant(graph, links), { maxHops });
  const r = at(graph, id);
  return { status: status.status[r], weight: status.weight[r], paths: status.explain(r) };
}

/** Every half-edge of a requirement, over both parts. */
function halfEdgesOf(graph: GraphView, r: number): number[] {
  const list: number[] = [];
  for (let part = 0; part < graph.halfEdgeParts; part++) {
    for (let h = graph.halfEdgeStart(r, part); h < graph.halfEdgeEnd(r, part); h++) list.push(h);
  }
  return list;
}

describe('OverlayGraph: an organization’s own frameworks on the catalog (issue 12)', () => {
  const catalog = () => tinyCatalog({ A: ['a1', 'a2'], B: ['b1'] }, [['a1', 'EQUAL', 'b1']]);

  it('extends the index spaces after the catalog’s, and shares the catalog’s rows', () => {
    const base = catalog();
    const graph = tinyOverlay(base, { OWN: [{ ref: 'o', assessable: false }, { ref: 'o1', parent: 'o' }] }, [['a2', 'SUBSET_OF', 'o1', 6]]);
    expect([graph.frameworkCount, graph.requirementCount, graph.mappingSetCount, graph.edgeCount]).toEqual([3, 5, 2, 2]);
    expect([graph.frameworkIndex('OWN'), graph.frameworkIndex('A'), graph.findFramework('OWN', '1'), graph.findFramework('B', '1')]).toEqual([2, 0, 2, 1]);
    expect([at(graph, 'o'), at(graph, 'o1'), at(graph, 'a2')]).toEqual([3, 4, 1]);
    expect(Array.from(graph.requirementsOf(2))).toEqual([3, 4]);
    expect(Array.from(graph.requirementsOf(0))).toEqual([0, 1]);
    expect([graph.parentOf(4), graph.topLevelAncestorOf(4), graph.frameworkOf(4), graph.isAssessable(3)]).toEqual([3, 3, 2, false]);
    expect([graph.frameworkIsPrivate(2), graph.frameworkIsPrivate(0), graph.mappingSetIsPrivate(1), graph.mappingSetIsPrivate(0)]).toEqual([true, false, true, false]);
    expect([graph.edgeSourceOf(1), graph.edgeTargetOf(1), graph.edgeMappingSetOf(1), graph.edgeRelationshipOf(1), graph.edgeStrengthOf(1)]).toEqual([1, 4, 1, 'SUBSET_OF', 6]);
    expect(graph.catalog).toBe(base);
    // The catalog itself knows nothing of it.
    expect([base.requirementCount, base.edgeCount, base.requirementIndex('o1')]).toEqual([3, 1, -1]);
  });

  it('reads a public requirement’s own crosswalks in its second half-edge part, each edge end once, in stored order', () => {
    const base = catalog();
    const graph = tinyOverlay(base, { OWN: ['o1', 'o2'] }, [['a1', 'SUBSET_OF', 'o1', 6], ['o2', 'INTERSECTS_WITH', 'a1', 3], ['o1', 'EQUAL', 'o2']]);
    const a1 = at(graph, 'a1');
    expect([graph.halfEdgeEnd(a1, 0) - graph.halfEdgeStart(a1, 0), graph.halfEdgeEnd(a1, 1) - graph.halfEdgeStart(a1, 1)]).toEqual([1, 2]);
    expect(halfEdgesOf(graph, a1).map((h) => [graph.halfEdgeEdge(h), graph.requirementId(graph.halfEdgeHead(h)), graph.halfEdgeReversed(h)])).toEqual([
      [0, 'b1', false],
      [1, 'o1', false],
      [2, 'o2', true],
    ]);
    // A public requirement no own crosswalk touches has an empty second part.
    expect(graph.halfEdgeEnd(at(graph, 'a2'), 1) - graph.halfEdgeStart(at(graph, 'a2'), 1)).toBe(0);
    let ends = 0;
    for (let r = 0; r < graph.requirementCount; r++) {
      for (const h of halfEdgesOf(graph, r)) {
        ends++;
        const e = graph.halfEdgeEdge(h);
        expect(graph.halfEdgeHead(h)).toBe(graph.halfEdgeReversed(h) ? graph.edgeSourceOf(e) : graph.edgeTargetOf(e));
        expect(graph.halfEdgeStrength(h)).toBe(graph.edgeStrengthOf(e));
      }
    }
    expect(ends).toBe(2 * graph.edgeCount);
  });

  it('covers an own framework through a private crosswalk from a public requirement with a control, and explains it with the private set', () => {
    const graph = tinyOverlay(catalog(), { POL: ['p1', 'p2'] }, [['a1', 'EQUAL', 'p1'], ['a1', 'SUBSET_OF', 'p2', 7]]);
    const p1 = statusOf(graph, [['c1', 'a1', 'FULL']], 'p1');
    expect(p1).toMatchObject({ status: STATUS_FULL, weight: 1 });
    expect(p1.paths[0].hops).toEqual([
      expect.objectContaining({ from: at(graph, 'a1'), to: at(graph, 'p1'), mappingSetId: 'ms:A->POL', mappingSetPrivate: true, relationship: 'EQUAL' }),
    ]);
    expect(p1.paths[0].controls).toEqual([expect.objectContaining({ controlId: 'c1' })]);
    expect(statusOf(graph, [['c1', 'a1', 'FULL']], 'p2')).toMatchObject({ status: STATUS_PARTIAL, weight: 0.7 });
    // The one-framework path (the service's maxHops 1 coverage) gives the same numbers for the own framework.
    const tenant = tinyTenant(graph, [['c1', 'a1', 'FULL']]);
    const pol = graph.frameworkIndex('POL');
    expect(frameworkCoverage(graph, frameworkStatus(graph, tenant, pol), pol)).toEqual(frameworkCoverage(graph, requirementStatus(graph, tenant), pol));
    expect(frameworkCoverage(graph, frameworkStatus(graph, tenant, pol), pol)).toMatchObject({ full: 1, partial: 1, none: 0, score: 0.85 });
  });

  it('lets a control on an own requirement count for a public one, and leaves the catalog’s own answer alone', () => {
    const base = catalog();
    const graph = tinyOverlay(base, { POL: ['p1'] }, [['p1', 'SUPERSET_OF', 'a2', 4]]);
    expect(statusOf(graph, [['c1', 'p1', 'FULL']], 'a2')).toMatchObject({ status: STATUS_FULL, weight: 1 });
    expect(statusOf(base, [['c1', 'a1', 'FULL']], 'a2')).toMatchObject({ status: STATUS_NONE });
  });

  it('joins two own frameworks', () => {
    const graph = tinyOverlay(catalog(), { POL: ['p1', 'p2'], CON: ['k1', 'k2'] }, [['p1', 'EQUAL', 'k1'], ['p2', 'INTERSECTS_WITH', 'k2', 4]]);
    const links: TinyLink[] = [['c1', 'p1', 'FULL'], ['c2', 'p2', 'FULL']];
    expect(statusOf(graph, links, 'k1')).toMatchObject({ status: STATUS_FULL });
    expect(statusOf(graph, links, 'k2')).toMatchObject({ status: STATUS_PARTIAL, weight: 0.4 });
    expect(statusOf(graph, links, 'k2').paths[0].hops[0]).toMatchObject({ mappingSetId: 'ms:POL->CON', mappingSetPrivate: true });
    const con = graph.frameworkIndex('CON');
    const gaps = gapAnalysis(graph, requirementStatus(graph, tinyTenant(graph, links)), con);
    expect(gaps.gaps.map((g) => [graph.requirementId(g.requirement), g.status])).toEqual([['k2', 'PARTIAL']]);
  });

  it('names which sets are private on a composed path through a public and a private crosswalk', () => {
    const graph = tinyOverlay(catalog(), { POL: ['p1'] }, [['b1', 'EQUAL', 'p1']]);
    const p1 = statusOf(graph, [['c1', 'a1', 'FULL']], 'p1', 2);
    expect(p1).toMatchObject({ status: STATUS_FULL });
    expect(p1.paths).toHaveLength(1);
    expect(p1.paths[0].hops.map((h) => [h.mappingSetId, h.mappingSetPrivate])).toEqual([
      ['ms:A->B', false],
      ['ms:B->POL', true],
    ]);
    expect(p1.paths[0].inferred).toBe(true);
  });

  it('reads a conditional private crosswalk as unmet until one declared management system holds both frameworks', () => {
    const base = catalog();
    const graph = tinyOverlay(base, { AIMS: ['m1'] }, [['m1', 'SUBSET_OF', 'a1', 8, 'SYNTACTIC', undefined, 'SAME_MANAGEMENT_SYSTEM']]);
    const links: TinyLink[] = [['c1', 'a1', 'FULL']];
    const unmet = statusOf(graph, links, 'm1');
    expect(unmet).toMatchObject({ status: STATUS_PARTIAL, weight: 0.8 });
    expect(unmet.paths[0].hops[0]).toMatchObject({ relationship: 'INTERSECTS_WITH', condition: 'SAME_MANAGEMENT_SYSTEM', conditionMet: false, mappingSetPrivate: true });

    const one = underDeclaredSystems(graph, [{ frameworkIds: ['A', 'AIMS'] }]);
    const met = statusOf(one, links, 'm1');
    expect(met).toMatchObject({ status: STATUS_FULL, weight: 1 });
    expect(met.paths[0].hops[0]).toMatchObject({ relationship: 'SUPERSET_OF', conditionMet: true });
    // Separate systems, or another reading, leave it unmet; the readings are memoized and the overlay itself unchanged.
    expect(statusOf(underDeclaredSystems(graph, [{ frameworkIds: ['A'] }, { frameworkIds: ['AIMS'] }]), links, 'm1')).toMatchObject({ status: STATUS_PARTIAL });
    expect(underDeclaredSystems(graph, [{ frameworkIds: ['AIMS', 'A'] }])).toBe(one);
    expect(graph.underOneSystem()).toBe(graph.underSystems(new Int32Array(graph.frameworkCount)));
    expect(statusOf(graph, links, 'm1')).toMatchObject({ status: STATUS_PARTIAL });
  });

  it('reads the catalog’s own conditional crosswalks under the same systems', () => {
    const base = tinyCatalog({ ISMS: ['i1'], QMS: ['q1'] }, [['i1', 'EQUAL', 'q1', 10, 'SYNTACTIC', undefined, 'SAME_MANAGEMENT_SYSTEM']]);
    const graph = tinyOverlay(base, { POL: ['p1'] }, [['q1', 'EQUAL', 'p1', 10, 'SYNTACTIC']]);
    const links: TinyLink[] = [['c1', 'i1', 'FULL']];
    expect(statusOf(graph, links, 'q1')).toMatchObject({ status: STATUS_PARTIAL, weight: 0.9 });
    const one = underDeclaredSystems(graph, [{ frameworkIds: ['ISMS', 'QMS'] }]);
    expect(statusOf(one, links, 'q1')).toMatchObject({ status: STATUS_FULL });
    expect(statusOf(one, links, 'p1', 2)).toMatchObject({ status: STATUS_FULL });
    expect(one).toBeInstanceOf(OverlayGraph);
  });

  it('maps seqs of own requirements too, so packed links reach them', () => {
    const frameworks = [{ id: 'A', code: 'A', version: '1' }];
    const base = new CatalogGraph({
      frameworks,
      requirements: [{ id: 'a1', frameworkId: 'A', refId: 'A.1', title: '', assessable: true, parentId: null, seq: 7 }],
      mappingSets: [],
      edges: [],
    });
    const own = (seq?: number): OverlayInput => ({
      frameworks: [{ id: 'P', code: 'P', version: '1' }],
      requirements: [{ id: 'p1', frameworkId: 'P', refId: 'P.1', title: '', assessable: true, parentId: null, seq }],
      mappingSets: [{ id: 'm', key: 'A->P' }],
      edges: [{ mappingSetId: 'm', sourceId: 'a1', targetId: 'p1', relationship: 'EQUAL', rationale: 'SEMANTIC', strength: 10 }],
    });
    const graph = new OverlayGraph(base, own(900_000));
    expect([graph.requirementIndexBySeq(7), graph.requirementIndexBySeq(900_000), graph.requirementIndexBySeq(900_001), graph.requirementIndexBySeq(8)]).toEqual([0, 1, -1, -1]);
    const state = tenantState(graph, {
      controls: [{ id: 'c', code: 'C', status: 'IMPLEMENTED' }],
      links: { control: Int32Array.of(0), requirementSeq: Int32Array.of(900_000), full: Uint8Array.of(1) },
      excludedRequirementIds: [],
    });
    expect(state.ignoredLinks).toBe(0);
    expect(requirementStatus(graph, state).status[at(graph, 'a1')]).toBe(STATUS_FULL);
    expect(() => new OverlayGraph(base, own())).toThrow('graph/overlay-graph: 0 of 1 own requirements have a seq');
    expect(() => new OverlayGraph(base, own(7))).toThrow('graph/overlay-graph: duplicate requirement seq 7 (the catalog it extends has it)');
    expect(() => new OverlayGraph(base, own(0))).toThrow('graph/overlay-graph: requirement #0 has seq 0; expected a positive integer');
    expect(() => new OverlayGraph(catalog(), { ...own(5), edges: [] })).toThrow('the catalog was built without seqs; give none');
  });
});

describe('OverlayGraph refuses a bad delta, clearly, and leaves the catalog untouched', () => {
  const base = () => tinyCatalog({ A: ['a1', 'a2'] }, [['a1', 'SUBSET_OF', 'a2', 5]]);
  const delta = (): OverlayInput => ({
    frameworks: [{ id: 'P', code: 'P', version: '1' }],
    requirements: [
      { id: 'p1', frameworkId: 'P', refId: 'P.1', title: 'one', assessable: true, parentId: null },
      { id: 'p2', frameworkId: 'P', refId: 'P.2', title: 'two', assessable: true, parentId: null },
    ],
    mappingSets: [{ id: 'own', key: 'A->P' }],
    edges: [{ mappingSetId: 'own', sourceId: 'a1', targetId: 'p1', relationship: 'EQUAL', rationale: 'SEMANTIC', strength: 10 }],
  });

  type Breaker = (input: OverlayInput) => void;
  it.each<[string, Breaker, string]>([
    ['a duplicate own framework', (i) => i.frameworks.push({ id: 'P', code: 'Q', version: '1' }), 'duplicate framework id "P"'],
    ['a framework id the catalog uses', (i) => i.frameworks.push({ id: 'A', code: 'Q', version: '1' }), 'duplicate framework id "A" (the catalog it extends has it)'],
    ['an own code shadowing a public one', (i) => (i.frameworks[0].code = 'A'), 'framework "P" has code "A", a public framework\'s; an own code may not shadow a public one'],
    ['a duplicate own requirement', (i) => i.requirements.push({ ...i.requirements[0] }), 'duplicate requirement id "p1"'],
    ['a requirement id the catalog uses', (i) => (i.requirements[1].id = 'a2'), 'duplicate requirement id "a2" (the catalog it extends has it)'],
    ['a duplicate own mapping set', (i) => i.mappingSets.push({ id: 'own', key: 'x' }), 'duplicate mapping set id "own"'],
    ['a mapping set id the catalog uses', (i) => i.mappingSets.push({ id: 'ms:A->A', key: 'x' }), 'duplicate mapping set id "ms:A->A" (the catalog it extends has it)'],
    ['an unknown framework', (i) => (i.requirements[0].frameworkId = 'Z'), 'requirement "p1" names unknown framework "Z"'],
    ['an own requirement in a public framework', (i) => (i.requirements[0].frameworkId = 'A'), 'requirement "p1" names public framework "A"; own requirements belong to own frameworks'],
    ['an unknown parent', (i) => (i.requirements[0].parentId = 'zz'), 'requirement "p1" names unknown parent "zz"'],
    ['a public parent', (i) => (i.requirements[0].parentId = 'a1'), 'requirement "p1" has parent "a1" in another framework'],
    ['a parent cycle', (i) => {
      i.requirements[0].parentId = 'p2';
      i.requirements[1].parentId = 'p1';
    }, 'is its own ancestor'],
    ['a self-parent', (i) => (i.requirements[0].parentId = 'p1'), 'requirement "p1" is its own ancestor'],
    ['an unknown mapping set', (i) => (i.edges[0].mappingSetId = 'zz'), 'names unknown mapping set "zz"'],
    ['an own crosswalk in a public mapping set', (i) => (i.edges[0].mappingSetId = 'ms:A->A'), 'edge #0 (a1 → p1) names public mapping set "ms:A->A"; own crosswalks belong to own mapping sets'],
    ['an unknown edge end', (i) => (i.edges[0].targetId = 'zz'), 'edge #0 (a1 → zz) names an unknown requirement'],
    ['a self-edge', (i) => Object.assign(i.edges[0], { sourceId: 'p1', targetId: 'p1' }), 'joins a requirement to itself'],
    ['an own crosswalk between two public requirements', (i) => (i.edges[0].targetId = 'a2'), 'edge #0 (a1 → a2) joins two public requirements; an own crosswalk needs an own requirement at one end at least'],
    ['an unknown relationship', (i) => (i.edges[0].relationship = 'SAME' as never), 'unknown relationship "SAME"'],
    ['an unknown rationale', (i) => (i.edges[0].rationale = 'VIBES' as never), 'unknown rationale "VIBES"'],
    ['EQUAL below 10', (i) => (i.edges[0].strength = 9), 'strength 9; EQUAL allows 10–10'],
    ['NOT_RELATED above 0', (i) => Object.assign(i.edges[0], { relationship: 'NOT_RELATED', strength: 1 }), 'NOT_RELATED allows 0–0'],
    ['INTERSECTS_WITH at 10', (i) => Object.assign(i.edges[0], { relationship: 'INTERSECTS_WITH', strength: 10 }), 'allows 1–9'],
    ['a fractional strength', (i) => Object.assign(i.edges[0], { relationship: 'SUBSET_OF', strength: 4.5 }), 'strength 4.5'],
    ['a condition on an edge that claims no containment', (i) => Object.assign(i.edges[0], { relationship: 'INTERSECTS_WITH', strength: 4, condition: 'SAME_MANAGEMENT_SYSTEM' }), 'is INTERSECTS_WITH; only containment edges take a condition'],
    ['an unknown condition', (i) => (i.edges[0].condition = 'SOMETIMES' as never), 'unknown condition "SOMETIMES"'],
    ['a requirement that is not an object', (i) => i.requirements.push(null as never), 'requirement #2 is null; expected an object'],
    ['an edge that is not an object', (i) => i.edges.push('a1->p2' as never), 'edge #1 is string; expected an object'],
  ])('refuses %s', (_case, breakIt, message) => {
    const catalog = base();
    const before = requirementStatus(catalog, tinyTenant(catalog, [['c', 'a1', 'FULL']]));
    const input = delta();
    breakIt(input);
    expect(() => new OverlayGraph(catalog, input)).toThrow(message);
    expect(() => new OverlayGraph(catalog, input)).toThrow(/^graph\/overlay-graph: /);
    // The catalog is untouched: same counts, same answers, and a good delta still builds on it.
    expect([catalog.frameworkCount, catalog.requirementCount, catalog.mappingSetCount, catalog.edgeCount]).toEqual([1, 2, 1, 1]);
    const after = requirementStatus(catalog, tinyTenant(catalog, [['c', 'a1', 'FULL']]));
    expect([Array.from(after.status), Array.from(after.weight)]).toEqual([Array.from(before.status), Array.from(before.weight)]);
    expect(new OverlayGraph(catalog, delta()).requirementCount).toBe(4);
  });

  it('refuses input without the four arrays, and a base that is not a CatalogGraph', () => {
    expect(() => new OverlayGraph(base(), {} as OverlayInput)).toThrow('graph/overlay-graph: expected { frameworks, requirements, mappingSets, edges } arrays');
    expect(() => new OverlayGraph({} as CatalogGraph, delta())).toThrow('graph/overlay-graph: base must be the CatalogGraph the organization\'s rows extend');
  });

  it('refuses a systems reading of the wrong length', () => {
    expect(() => new OverlayGraph(base(), delta()).underSystems([0])).toThrow('graph/overlay-graph: systemOf must give one system number (or -1) per framework, 2 in all');
  });
});

describe('OverlayGraph memory: nothing proportional to the catalog', () => {
  /** A catalog of `size` requirements in two frameworks, with 2 × size edges. */
  function bigCatalog(size: number): CatalogGraph {
    const input: CatalogGraphInput = {
      frameworks: [{ id: 'A', code: 'A', version: '1' }, { id: 'B', code: 'B', version: '1' }],
      requirements: Array.from({ length: size }, (_, i) => ({ id: `r${i}`, frameworkId: i % 2 ? 'B' : 'A', refId: `R${i}`, title: `r${i}`, assessable: true, parentId: null })),
      mappingSets: [{ id: 'm', key: 'A->B' }],
      edges: Array.from({ length: 2 * size }, (_, e) => ({ mappingSetId: 'm', sourceId: `r${(2 * e) % size}`, targetId: `r${(2 * e + 1) % size}`, relationship: 'INTERSECTS_WITH' as const, rationale: null, strength: 5 })),
    };
    return new CatalogGraph(input);
  }
  const delta: OverlayInput = {
    frameworks: [{ id: 'P', code: 'P', version: '1' }],
    requirements: Array.from({ length: 10 }, (_, i) => ({ id: `p${i}`, frameworkId: 'P', refId: `P.${i}`, title: `p${i}`, assessable: true, parentId: null })),
    mappingSets: [{ id: 'own', key: 'A->P' }],
    edges: Array.from({ length: 20 }, (_, e) => ({ mappingSetId: 'own', sourceId: `r${e}`, targetId: `p${e % 10}`, relationship: 'SUBSET_OF' as const, rationale: null, strength: 5 })),
  };

  /** The length of every array, typed array, Map and string the overlay holds itself (not through the catalog). */
  function ownLengths(graph: OverlayGraph): number[] {
    const lengths: number[] = [];
    const seen = new Set<unknown>();
    const visit = (value: unknown, depth: number): void => {
      if (value === null || typeof value !== 'object' || seen.has(value) || depth > 4) return;
      seen.add(value);
      if (value instanceof CatalogGraph) return; // shared, not held
      if (ArrayBuffer.isView(value)) lengths.push((value as Int32Array).length);
      else if (Array.isArray(value)) {
        lengths.push(value.length);
        value.forEach((v) => visit(v, depth + 1));
      } else if (value instanceof Map) {
        lengths.push(value.size);
        for (const [k, v] of value) {
          visit(k, depth + 1);
          visit(v, depth + 1);
        }
      } else for (const v of Object.values(value)) visit(v, depth + 1);
    };
    for (const [key, value] of Object.entries(graph)) if (key !== 'base') visit(value, 0);
    return lengths;
  }

  it('holds no array sized like the catalog, only its own rows and the public requirements it touches', () => {
    const catalog = bigCatalog(20_000);
    const graph = new OverlayGraph(catalog, delta);
    const lengths = ownLengths(graph);
    expect(lengths.length).toBeGreaterThan(20); // it did find the overlay's arrays
    // The largest of them: the own half-edges (2 × 20 edges) and their CSR offsets over own and touched requirements.
    expect(Math.max(...lengths)).toBeLessThanOrEqual(2 * delta.edges.length + delta.requirements.length + 20 + 1);
    expect(graph.requirementCount).toBe(20_010);
  });

  it('estimates the same size over a catalog ten times larger, and a size the tenant cache can charge', () => {
    const small = new OverlayGraph(bigCatalog(2_000), delta);
    const large = new OverlayGraph(bigCatalog(20_000), delta);
    expect(large.bytes).toBe(small.bytes);
    expect(small.bytes).toBeGreaterThan(1024);
    expect(small.bytes).toBeLessThan(16 * 1024);
    // More own rows, more bytes.
    const more = new OverlayGraph(bigCatalog(2_000), { ...delta, edges: [...delta.edges, ...delta.edges] });
    expect(more.bytes).toBeGreaterThan(small.bytes);
  });

  it('shares the catalog’s management-system readings instead of building its own', () => {
    const catalog = tinyCatalog({ A: ['a1'], B: ['b1'] }, [['a1', 'EQUAL', 'b1', 10, 'SYNTACTIC', undefined, 'SAME_MANAGEMENT_SYSTEM']]);
    const graph = tinyOverlay(catalog, { P: ['p1'] }, [['a1', 'EQUAL', 'p1']]);
    const view = graph.underSystems([0, 0, -1]);
    expect((view as unknown as { base: CatalogGraph }).base).toBe(catalog.underSystems([0, 0]));
  });
});
