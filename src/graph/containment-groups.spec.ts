import type { CatalogGraph } from './catalog-graph';
import { containmentGroups } from './containment-groups';
import { REL_EQUAL, REL_SUBSET_OF } from './edge-codes';
import { at, random, randomCatalog, tinyCatalog, type TinyEdge } from './tiny-catalog.fixture';

/** Each group as "rep: member<container, ..." with ~ marking equivalents. */
function named(graph: CatalogGraph, list: string[]): string[] {
  const id = (r: number) => graph.requirementId(r);
  return containmentGroups(graph, list.map((r) => at(graph, r))).map(
    (g) => `${id(g.representative)}:${g.members.map((m) => ` ${m.equivalent ? '~' : ''}${id(m.requirement)}<${id(m.container)}`).join(',')}`,
  );
}

const three = (edges: TinyEdge[]) => tinyCatalog({ A: ['a1', 'a2'], B: ['b1', 'b2'], C: ['c1', 'c2'] }, edges);

describe('containmentGroups', () => {
  it('merges a chain into one item whose representative is the maximal element', () => {
    const graph = three([['a1', 'SUBSET_OF', 'b1'], ['b1', 'SUBSET_OF', 'c1']]);
    expect(named(graph, ['a1', 'b1', 'c1', 'a2'])).toEqual(['c1: a1<b1, b1<c1', 'a2:']);
  });

  it('reads SUPERSET_OF towards the container, whichever way the edge is stored', () => {
    const graph = three([['b1', 'SUPERSET_OF', 'a1'], ['a2', 'SUPERSET_OF', 'b2']]);
    expect(named(graph, ['a1', 'a2', 'b1', 'b2'])).toEqual(['a2: b2<a2', 'b1: a1<b1']);
  });

  it('collapses cycles (EQUAL, mutual SUBSET_OF) into one item; the first listed represents it', () => {
    const graph = three([['a1', 'EQUAL', 'b1'], ['b1', 'EQUAL', 'c1'], ['a2', 'SUBSET_OF', 'b2'], ['b2', 'SUBSET_OF', 'a2']]);
    expect(named(graph, ['a1', 'a2', 'b1', 'b2', 'c1'])).toEqual(['a1: ~b1<a1, ~c1<b1', 'a2: ~b2<a2']);
    expect(named(graph, ['c1', 'b1', 'a1'])).toEqual(['c1: ~b1<c1, ~a1<b1']);
  });

  it('puts what a cycle contains under the cycle, and marks only the cycle as equivalent', () => {
    const graph = three([['a1', 'EQUAL', 'b1'], ['c1', 'SUBSET_OF', 'b1']]);
    expect(named(graph, ['a1', 'b1', 'c1'])).toEqual(['a1: ~b1<a1, c1<b1']);
  });

  it('places a requirement with two unrelated containers in exactly one item, the first listed', () => {
    const graph = three([['a1', 'SUBSET_OF', 'b1'], ['a1', 'SUBSET_OF', 'c1']]);
    expect(named(graph, ['a1', 'b1', 'c1'])).toEqual(['b1: a1<b1', 'c1:']);
    expect(named(graph, ['a1', 'c1', 'b1'])).toEqual(['c1: a1<c1', 'b1:']);
  });

  it('follows the chosen container down a diamond without counting anything twice', () => {
    // a1 ⊂ b1 ⊂ c1 and a1 ⊂ b2 ⊂ c2: two maximal elements, a1 goes with the first listed.
    const graph = three([['a1', 'SUBSET_OF', 'b1'], ['b1', 'SUBSET_OF', 'c1'], ['a1', 'SUBSET_OF', 'b2'], ['b2', 'SUBSET_OF', 'c2']]);
    expect(named(graph, ['c2', 'c1', 'b1', 'b2', 'a1'])).toEqual(['c2: b2<c2, a1<b2', 'c1: b1<c1']);
  });

  it('merges nothing through INTERSECTS_WITH, NOT_RELATED, the same framework, or a requirement not listed', () => {
    const graph = tinyCatalog({ A: ['a1', 'a2'], B: ['b1'], C: ['c1'] }, [
      ['a1', 'INTERSECTS_WITH', 'b1', 9],
      ['a1', 'NOT_RELATED', 'c1'],
      ['a1', 'EQUAL', 'a2'], // within one framework
      ['a2', 'SUBSET_OF', 'b1'],
      ['b1', 'SUBSET_OF', 'c1'],
    ]);
    expect(named(graph, ['a1', 'a2', 'c1'])).toEqual(['a1:', 'a2:', 'c1:']); // b1 not listed: no chain through it
    expect(named(graph, ['a1', 'a2', 'b1', 'c1'])).toEqual(['a1:', 'c1: a2<b1, b1<c1']);
  });

  it('honours SAME_MANAGEMENT_SYSTEM: conditional containment merges only within one declared system', () => {
    const graph = tinyCatalog({ ISO27001: ['x6'], ISO27701: ['p6'], ISO42001: ['i6'] }, [
      ['p6', 'SUBSET_OF', 'x6', 8, 'SEMANTIC', undefined, 'SAME_MANAGEMENT_SYSTEM'],
      ['i6', 'EQUAL', 'x6', 10, 'SEMANTIC', undefined, 'SAME_MANAGEMENT_SYSTEM'],
    ]);
    const list = ['p6', 'i6', 'x6'];
    expect(named(graph, list)).toEqual(['p6:', 'i6:', 'x6:']); // separate systems: the edges read INTERSECTS_WITH
    expect(named(graph.underSystems([0, 0, 0]), list)).toEqual(['i6: p6<x6, ~x6<i6']);
    expect(named(graph.underSystems([0, 1, 0]), list)).toEqual(['p6:', 'i6: ~x6<i6']); // 27701 in a system of its own
    expect(named(graph.underSystems([0, 0, -1]), list)).toEqual(['i6:', 'x6: p6<x6']);
  });

  it('returns nothing for nothing, and guards its arguments', () => {
    const graph = three([]);
    expect(containmentGroups(graph, [])).toEqual([]);
    expect(() => containmentGroups(graph, [0, 0])).toThrow('graph/containment-groups: requirements lists requirement 0 twice');
    expect(() => containmentGroups(graph, [99])).toThrow('graph/containment-groups: requirementIndex must be from 0 to 5, got 99');
    expect(() => containmentGroups(graph, 'x' as never)).toThrow('graph/containment-groups: requirements must be an array');
  });

  it('on random catalogs: a partition into items whose representatives are maximal and meet every member', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rnd = random(seed);
      const { graph } = randomCatalog(rnd, { frameworks: ['A', 'B', 'C'], requirements: 18, edges: 30, frameworkOf: (i) => 'ABC'[i % 3] });
      const list = [...Array(graph.requirementCount).keys()].filter(() => rnd() < 0.8);
      const listed = new Set(list);
      const groups = containmentGroups(graph, list);
      const groupOf = new Map<number, number>();
      groups.forEach((g, i) => [g.representative, ...g.members.map((m) => m.requirement)].forEach((r) => {
        expect(groupOf.has(r)).toBe(false); // never counted twice
        groupOf.set(r, i);
      }));
      expect([...groupOf.keys()].sort((a, b) => a - b)).toEqual(list);
      // x ⊆ y for listed requirements of different frameworks, as the containment relation reads it.
      const containers = (x: number) => {
        const out: number[] = [];
        for (let h = graph.halfEdgeStart(x, 0); h < graph.halfEdgeEnd(x, 0); h++) {
          const y = graph.halfEdgeHead(h);
          const rel = graph.halfEdgeRelationship(h);
          if (listed.has(y) && graph.frameworkOf(y) !== graph.frameworkOf(x) && (rel === REL_EQUAL || rel === REL_SUBSET_OF)) out.push(y);
        }
        return out;
      };
      groups.forEach((g, i) => {
        // Maximal: whatever contains the representative is in its item, and is contained by it in turn.
        for (const y of containers(g.representative)) {
          expect(g.members.find((m) => m.requirement === y)?.equivalent).toBe(true);
        }
        for (const m of g.members) {
          expect(graph.halfEdgeHead(m.halfEdge)).toBe(m.container);
          expect(containers(m.requirement)).toContain(m.container);
          expect(groupOf.get(m.container)).toBe(i);
          // Following containers reaches the representative: meeting it meets the member.
          let x = m.requirement;
          for (let steps = 0; x !== g.representative; steps++) {
            expect(steps).toBeLessThan(list.length);
            x = g.members.find((o) => o.requirement === x)!.container;
          }
        }
      });
    }
  });
});
