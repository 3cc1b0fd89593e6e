import { CatalogGraph, type CatalogGraphInput } from './catalog-graph';
import { relationshipOf } from './edge-codes';
import { inverse, RELATIONSHIPS } from './relationship';
import { at, tinyCatalog } from './tiny-catalog.fixture';

function halfEdges(graph: CatalogGraph, id: string) {
  const r = at(graph, id);
  const result = [];
  for (let h = graph.halfEdgeStart(r, 0); h < graph.halfEdgeEnd(r, 0); h++) {
    result.push({
      head: graph.requirementId(graph.halfEdgeHead(h)),
      relationship: relationshipOf(graph.halfEdgeRelationship(h)),
      rationale: graph.halfEdgeRationale(h),
      strength: graph.halfEdgeStrength(h),
      reversed: graph.halfEdgeReversed(h),
      edge: graph.halfEdgeEdge(h),
    });
  }
  return result;
}

function base(): CatalogGraphInput {
  return {
    frameworks: [{ id: 'A', code: 'A', version: '1' }, { id: 'B', code: 'B', version: '1' }],
    requirements: [
      { id: 'a1', frameworkId: 'A', refId: 'A.1', title: 'a one', assessable: true, parentId: null },
      { id: 'b1', frameworkId: 'B', refId: 'B.1', title: 'b one', assessable: true, parentId: null },
    ],
    mappingSets: [{ id: 'm', key: 'A->B' }],
    edges: [{ mappingSetId: 'm', sourceId: 'a1', targetId: 'b1', relationship: 'EQUAL', rationale: 'SEMANTIC', strength: 10 }],
  };
}

describe('CatalogGraph', () => {
  it('builds an empty catalog', () => {
    const graph = new CatalogGraph({ frameworks: [], requirements: [], mappingSets: [], edges: [] });
    expect([graph.frameworkCount, graph.requirementCount, graph.mappingSetCount, graph.edgeCount]).toEqual([0, 0, 0, 0]);
    expect(graph.requirementIndex('x')).toBe(-1);
    expect(graph.frameworkIndex('x')).toBe(-1);
  });

  it('gives dense indexes in input order, with per-framework lists, flags and the hierarchy', () => {
    const graph = tinyCatalog({
      A: [{ ref: 'A.5', assessable: false, title: 'Organizational' }, { ref: 'A.5.1', parent: 'A.5' }, { ref: 'A.5.1.a', parent: 'A.5.1' }],
      B: ['b1', 'b2'],
    });
    expect(graph.requirementCount).toBe(5);
    expect(graph.frameworkIndex('B')).toBe(1);
    expect(graph.findFramework('B', '1')).toBe(1);
    expect(graph.findFramework('B', '2')).toBe(-1);
    expect([graph.frameworkId(1), graph.frameworkCode(1), graph.frameworkVersion(1)]).toEqual(['B', 'B', '1']);
    expect(Array.from(graph.requirementsOf(0))).toEqual([0, 1, 2]);
    expect(Array.from(graph.requirementsOf(1))).toEqual([3, 4]);
    const leaf = at(graph, 'A.5.1.a');
    expect([graph.requirementId(leaf), graph.refId(leaf), graph.frameworkOf(leaf)]).toEqual(['A.5.1.a', 'A.5.1.a', 0]);
    expect(graph.isAssessable(at(graph, 'A.5'))).toBe(false);
    expect(graph.isAssessable(leaf)).toBe(true);
    expect(graph.parentOf(leaf)).toBe(at(graph, 'A.5.1'));
    expect(graph.parentOf(at(graph, 'A.5'))).toBe(-1);
    expect(graph.topLevelAncestorOf(leaf)).toBe(at(graph, 'A.5'));
    expect(graph.topLevelAncestorOf(at(graph, 'b2'))).toBe(at(graph, 'b2'));
    expect(graph.title(graph.topLevelAncestorOf(leaf))).toBe('Organizational');
  });

  it('stores each edge once and reads it from both ends, the far end inverted and flagged reversed', () => {
    const graph = tinyCatalog({ A: ['t'], B: ['s'] }, [['t', 'SUBSET_OF', 's', 7, 'FUNCTIONAL']]);
    expect(graph.edgeCount).toBe(1);
    expect(halfEdges(graph, 't')).toEqual([{ head: 's', relationship: 'SUBSET_OF', rationale: 3, strength: 7, reversed: false, edge: 0 }]);
    expect(halfEdges(graph, 's')).toEqual([{ head: 't', relationship: 'SUPERSET_OF', rationale: 3, strength: 7, reversed: true, edge: 0 }]);
    expect([graph.edgeSourceOf(0), graph.edgeTargetOf(0)]).toEqual([at(graph, 't'), at(graph, 's')]);
    expect([graph.edgeRelationshipOf(0), graph.edgeRationaleOf(0), graph.edgeStrengthOf(0)]).toEqual(['SUBSET_OF', 'FUNCTIONAL', 7]);
    expect(graph.mappingSetId(graph.edgeMappingSetOf(0))).toBe('ms:A->B');
    expect(graph.mappingSetKey(graph.mappingSetIndex('ms:A->B'))).toBe('A->B');
  });

  it.each(RELATIONSHIPS.map((r) => [r]))('reads a stored %s backwards as its inverse', (relationship) => {
    const strength = relationship === 'EQUAL' ? 10 : relationship === 'NOT_RELATED' ? 0 : 4;
    const graph = tinyCatalog({ A: ['a'], B: ['b'] }, [['a', relationship, 'b', strength]]);
    expect(halfEdges(graph, 'a')[0].relationship).toBe(relationship);
    expect(halfEdges(graph, 'b')[0].relationship).toBe(inverse(relationship));
  });

  it('keeps parallel edges of different mapping sets, a null rationale as 0, and isolated requirements', () => {
    const graph = tinyCatalog({ A: ['a', 'lonely'], B: ['b'] }, [
      ['a', 'EQUAL', 'b', 10, 'SEMANTIC', 'one'],
      ['b', 'INTERSECTS_WITH', 'a', 3, null, 'two'],
    ]);
    expect(halfEdges(graph, 'a').map((h) => [h.head, h.relationship, h.rationale, h.edge])).toEqual([
      ['b', 'EQUAL', 2, 0],
      ['b', 'INTERSECTS_WITH', 0, 1],
    ]);
    expect(graph.edgeRationaleOf(1)).toBeNull();
    expect(halfEdges(graph, 'lonely')).toEqual([]);
  });

  it('has one half-edge per edge end on a larger generated graph', () => {
    const ids = Array.from({ length: 300 }, (_, i) => `r${i}`);
    const edges = Array.from({ length: 2000 }, (_, e): [string, 'INTERSECTS_WITH', string, number] => {
      const s = (e * 7) % 300;
      return [`r${s}`, 'INTERSECTS_WITH', `r${(s + 1 + (e % 299)) % 300}`, 1 + (e % 9)];
    });
    const graph = tinyCatalog({ A: ids.slice(0, 150), B: ids.slice(150) }, edges);
    let total = 0;
    const seen = new Map<number, number>();
    for (let r = 0; r < graph.requirementCount; r++) {
      for (let h = graph.halfEdgeStart(r, 0); h < graph.halfEdgeEnd(r, 0); h++) {
        total++;
        const e = graph.halfEdgeEdge(h);
        seen.set(e, (seen.get(e) ?? 0) + 1);
        const other = graph.halfEdgeReversed(h) ? graph.edgeSourceOf(e) : graph.edgeTargetOf(e);
        expect(graph.halfEdgeHead(h)).toBe(other);
        expect(graph.halfEdgeStrength(h)).toBe(graph.edgeStrengthOf(e));
      }
    }
    expect(total).toBe(2 * edges.length);
    expect([...seen.values()].every((count) => count === 2)).toBe(true);
  });

  type Breaker = (input: CatalogGraphInput) => void;
  it.each<[string, Breaker, string]>([
    ['a duplicate framework', (i) => i.frameworks.push({ id: 'A', code: 'A', version: '2' }), 'duplicate framework id "A"'],
    ['a duplicate requirement', (i) => i.requirements.push({ ...i.requirements[0] }), 'duplicate requirement id "a1"'],
    ['a duplicate mapping set', (i) => i.mappingSets.push({ id: 'm', key: 'x' }), 'duplicate mapping set id "m"'],
    ['an unknown framework', (i) => (i.requirements[0].frameworkId = 'Z'), 'requirement "a1" names unknown framework "Z"'],
    ['an unknown parent', (i) => (i.requirements[0].parentId = 'zz'), 'requirement "a1" names unknown parent "zz"'],
    ['a parent in another framework', (i) => (i.requirements[0].parentId = 'b1'), 'requirement "a1" has parent "b1" in another framework'],
    ['a parent cycle', (i) => {
      i.requirements.push({ id: 'a2', frameworkId: 'A', refId: 'A.2', title: '', assessable: true, parentId: 'a1' });
      i.requirements[0].parentId = 'a2';
    }, 'is its own ancestor'],
    ['a self-parent', (i) => (i.requirements[0].parentId = 'a1'), 'is its own ancestor'],
    ['an unknown mapping set', (i) => (i.edges[0].mappingSetId = 'zz'), 'names unknown mapping set "zz"'],
    ['an unknown edge end', (i) => (i.edges[0].targetId = 'zz'), 'names an unknown requirement'],
    ['a self-edge', (i) => (i.edges[0].targetId = 'a1'), 'joins a requirement to itself'],
    ['an unknown relationship', (i) => (i.edges[0].relationship = 'SAME' as never), 'unknown relationship "SAME"'],
    ['an unknown rationale', (i) => (i.edges[0].rationale = 'VIBES' as never), 'unknown rationale "VIBES"'],
    ['EQUAL below 10', (i) => (i.edges[0].strength = 9), 'strength 9; EQUAL allows 10–10'],
    ['NOT_RELATED above 0', (i) => Object.assign(i.edges[0], { relationship: 'NOT_RELATED', strength: 1 }), 'NOT_RELATED allows 0–0'],
    ['SUBSET_OF at 0', (i) => Object.assign(i.edges[0], { relationship: 'SUBSET_OF', strength: 0 }), 'SUBSET_OF allows 1–9'],
    ['INTERSECTS_WITH at 10', (i) => Object.assign(i.edges[0], { relationship: 'INTERSECTS_WITH', strength: 10 }), 'allows 1–9'],
    ['a fractional strength', (i) => Object.assign(i.edges[0], { relationship: 'SUBSET_OF', strength: 4.5 }), 'strength 4.5'],
  ])('refuses %s', (_case, breakIt, message) => {
    const input = base();
    breakIt(input);
    expect(() => new CatalogGraph(input)).toThrow(message);
    expect(() => new CatalogGraph(input)).toThrow(/^graph\/catalog-graph: /);
  });

  it('refuses input without the four arrays', () => {
    expect(() => new CatalogGraph({} as CatalogGraphInput)).toThrow('graph/catalog-graph: expected { frameworks, requirements, mappingSets, edges } arrays');
  });

  it('accepts the valid base input', () => {
    expect(new CatalogGraph(base()).edgeCount).toBe(1);
  });
});
