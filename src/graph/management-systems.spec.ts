import { CatalogGraph } from './catalog-graph';
import { overlapMatrix } from './framework-overlap';
import { underDeclaredSystems } from './management-systems';
import { requirementStatus } from './requirement-status';
import { at, tinyCatalog, tinyTenant } from './tiny-catalog.fixture';

/** ISMS 7.2 EQUAL AIMS 7.2 only within one management system; QMS 7.2 joined unconditionally to ISMS 7.2. */
const catalog = () =>
  tinyCatalog({ ISMS: ['i7.2', 'i9.2'], AIMS: ['a7.2', 'a9.2'], QMS: ['q7.2'] }, [
    ['i7.2', 'EQUAL', 'a7.2', 10, 'SYNTACTIC', undefined, 'SAME_MANAGEMENT_SYSTEM'],
    ['i9.2', 'SUBSET_OF', 'a9.2', 7, 'SYNTACTIC', undefined, 'SAME_MANAGEMENT_SYSTEM'],
    ['i7.2', 'SUBSET_OF', 'q7.2', 8, 'SYNTACTIC'],
  ]);

function statusOf(graph: CatalogGraph, links: Array<[string, string]>, id: string, maxHops = 1) {
  const status = requirementStatus(graph, tinyTenant(graph, links.map(([c, r]) => [c, r, 'FULL'])), { maxHops });
  const r = at(graph, id);
  return { status: status.status[r], weight: status.weight[r], paths: status.explain(r) };
}
const FULL = 2;
const PARTIAL = 1;

describe('conditional edges: SAME_MANAGEMENT_SYSTEM (DESIGN 2)', () => {
  it('reads a conditional EQUAL as INTERSECTS_WITH at strength 9 when no system is declared: partial, never FULL', () => {
    const graph = catalog();
    const t = statusOf(graph, [['c', 'i7.2']], 'a7.2');
    expect(t).toMatchObject({ status: PARTIAL, weight: 0.9 });
    expect(t.paths[0].hops[0]).toMatchObject({ relationship: 'INTERSECTS_WITH', strength: 9, condition: 'SAME_MANAGEMENT_SYSTEM', conditionMet: false });
  });

  it('reads it as stored once one declared system holds both frameworks, and the path says the condition was met', () => {
    const graph = underDeclaredSystems(catalog(), [{ frameworkIds: ['ISMS', 'AIMS'] }]);
    const t = statusOf(graph, [['c', 'i7.2']], 'a7.2');
    expect(t).toMatchObject({ status: FULL, weight: 1 });
    expect(t.paths[0].hops[0]).toMatchObject({ relationship: 'EQUAL', strength: 10, condition: 'SAME_MANAGEMENT_SYSTEM', conditionMet: true });
  });

  it('does not meet the condition across two systems, or for frameworks in none', () => {
    const separate = underDeclaredSystems(catalog(), [{ frameworkIds: ['ISMS'] }, { frameworkIds: ['AIMS'] }]);
    expect(statusOf(separate, [['c', 'i7.2']], 'a7.2')).toMatchObject({ status: PARTIAL, weight: 0.9 });
    const other = underDeclaredSystems(catalog(), [{ frameworkIds: ['ISMS', 'QMS'] }]);
    expect(statusOf(other, [['c', 'i7.2']], 'a7.2')).toMatchObject({ status: PARTIAL, weight: 0.9 });
  });

  it('keeps the stored strength (up to 9) of an unmet SUBSET_OF, read the same both ways', () => {
    const graph = catalog();
    expect(statusOf(graph, [['c', 'a9.2']], 'i9.2')).toMatchObject({ status: PARTIAL, weight: 0.7 });
    expect(statusOf(graph, [['c', 'i9.2']], 'a9.2')).toMatchObject({ status: PARTIAL, weight: 0.7 });
    const one = catalog().underOneSystem();
    // Met: a9.2 contains i9.2, so meeting a9.2 meets i9.2 (FULL); the other way stays partial.
    expect(statusOf(one, [['c', 'a9.2']], 'i9.2')).toMatchObject({ status: FULL });
    expect(statusOf(one, [['c', 'i9.2']], 'a9.2')).toMatchObject({ status: PARTIAL, weight: 0.7 });
  });

  it('leaves unconditional edges alone, and reports them with no condition', () => {
    for (const graph of [catalog(), catalog().underOneSystem()]) {
      const q = statusOf(graph, [['c', 'q7.2']], 'i7.2');
      expect(q).toMatchObject({ status: FULL });
      expect(q.paths[0].hops[0]).toMatchObject({ relationship: 'SUPERSET_OF', condition: null, conditionMet: null });
    }
  });

  it('composes a met condition as stored and an unmet one as an intersection (maxHops 2)', () => {
    // q7.2 ⊇ i7.2 = a7.2 (conditional): one system gives a7.2 FULL from q7.2 in two hops; separate gives INTERSECTS∘… = partial.
    const separate = statusOf(catalog(), [['c', 'q7.2']], 'a7.2', 2);
    expect(separate).toMatchObject({ status: PARTIAL, weight: 0.8 });
    const one = statusOf(catalog().underOneSystem(), [['c', 'q7.2']], 'a7.2', 2);
    expect(one).toMatchObject({ status: FULL, weight: 1 });
    expect(one.paths[0].hops.map((h) => [h.relationship, h.conditionMet])).toEqual([['SUPERSET_OF', null], ['EQUAL', true]]);
  });

  it('changes overlap only when asked to assume one system', () => {
    const base = overlapMatrix(catalog(), [0, 1], { maxHops: 1 }).find((o) => o.source === 0 && o.target === 1)!;
    const one = overlapMatrix(catalog().underOneSystem(), [0, 1], { maxHops: 1 }).find((o) => o.source === 0 && o.target === 1)!;
    expect([base.coverage.full, base.coverage.partial]).toEqual([0, 2]);
    expect([one.coverage.full, one.coverage.partial]).toEqual([1, 1]);
  });

  it('shares one view per distinct reading, and gives the graph itself for the separate reading', () => {
    const graph = catalog();
    expect(underDeclaredSystems(graph, [])).toBe(graph);
    expect(underDeclaredSystems(graph, [{ frameworkIds: ['ISMS', 'QMS'] }])).toBe(graph);
    const one = underDeclaredSystems(graph, [{ frameworkIds: ['ISMS', 'AIMS'] }]);
    expect(one).not.toBe(graph);
    expect(underDeclaredSystems(graph, [{ frameworkIds: ['AIMS', 'ISMS', 'QMS'] }])).toBe(one);
    expect(graph.underOneSystem()).toBe(one);
    // A view answers catalog questions like the graph it came from.
    expect([one.requirementCount, one.edgeCount, one.refId(at(one, 'a7.2'))]).toEqual([graph.requirementCount, graph.edgeCount, 'a7.2']);
  });

  it('ignores frameworks the catalog no longer holds, and refuses a framework in two systems', () => {
    const graph = catalog();
    expect(underDeclaredSystems(graph, [{ frameworkIds: ['GONE', 'ISMS'] }])).toBe(graph);
    expect(() => underDeclaredSystems(graph, [{ frameworkIds: ['ISMS'] }, { frameworkIds: ['ISMS', 'AIMS'] }])).toThrow(/"ISMS" is declared in two management systems/);
    expect(() => graph.underSystems([0])).toThrow(/one system number \(or -1\) per framework, 3 in all/);
  });

  it('refuses a condition on an edge that claims no containment, or an unknown condition', () => {
    const input = (relationship: 'INTERSECTS_WITH' | 'EQUAL', condition: string) => ({
      frameworks: [{ id: 'A', code: 'A', version: '1' }, { id: 'B', code: 'B', version: '1' }],
      requirements: [{ id: 'a', frameworkId: 'A', refId: 'a', title: 'a', assessable: true, parentId: null }, { id: 'b', frameworkId: 'B', refId: 'b', title: 'b', assessable: true, parentId: null }],
      mappingSets: [{ id: 'm', key: 'm' }],
      edges: [{ mappingSetId: 'm', sourceId: 'a', targetId: 'b', relationship, rationale: null, strength: relationship === 'EQUAL' ? 10 : 5, condition: condition as 'SAME_MANAGEMENT_SYSTEM' }],
    });
    expect(() => new CatalogGraph(input('INTERSECTS_WITH', 'SAME_MANAGEMENT_SYSTEM'))).toThrow(/only containment edges take a condition/);
    expect(() => new CatalogGraph(input('EQUAL', 'SAME_ORGANIZATION'))).toThrow(/unknown condition "SAME_ORGANIZATION"/);
  });
});
