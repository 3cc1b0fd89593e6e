import type { CatalogGraph } from './catalog-graph';
import { type CommonControls, commonControls } from './common-controls';
import { tinyCatalog } from './tiny-catalog.fixture';

function named(graph: CatalogGraph, result: CommonControls) {
  const id = (r: number) => graph.requirementId(r);
  return result.groups.map((g) => ({
    anchor: id(g.anchor),
    satisfies: Object.fromEntries(g.satisfies.map((s) => [graph.frameworkId(s.framework), s.requirements.map(id)])),
    newlyCovered: g.newlyCovered.map(id),
  }));
}

describe('commonControls', () => {
  const graph = tinyCatalog({ ISO: [{ ref: 'ix', assessable: false }, 'i1', 'i2', 'i3'], SOC: ['s1', 's2'], AI: ['a1'], Z: ['z1'] }, [
    ['i1', 'EQUAL', 's1'],
    ['i1', 'SUPERSET_OF', 'a1', 6],
    ['s2', 'SUBSET_OF', 'i2', 7], // read from i2: i2 SUPERSET_OF s2, so i2 covers s2 and not the other way round
    ['i3', 'INTERSECTS_WITH', 's2', 8], // covers nothing
    ['i1', 'EQUAL', 'z1'], // Z is not chosen
    ['ix', 'EQUAL', 's2'], // ix is not assessable: it anchors nothing and is never counted
  ]);

  it('groups EQUAL and SUPERSET_OF requirements, picks the largest group first, and covers everything', () => {
    const result = commonControls(graph, [0, 1, 2]);
    expect(result.requirementCount).toBe(6);
    expect(named(graph, result)).toEqual([
      { anchor: 'i1', satisfies: { ISO: ['i1'], SOC: ['s1'], AI: ['a1'] }, newlyCovered: ['i1', 's1', 'a1'] },
      { anchor: 'i2', satisfies: { ISO: ['i2'], SOC: ['s2'] }, newlyCovered: ['i2', 's2'] },
      { anchor: 'i3', satisfies: { ISO: ['i3'] }, newlyCovered: ['i3'] },
    ]);
  });

  it('puts every assessable requirement in exactly one group’s newlyCovered', () => {
    const result = commonControls(graph, [2, 1, 0]);
    const all = result.groups.flatMap((g) => g.newlyCovered);
    expect(new Set(all).size).toBe(all.length);
    expect(all.map((r) => graph.requirementId(r)).sort()).toEqual(['a1', 'i1', 'i2', 'i3', 's1', 's2']);
  });

  it('breaks ties by framework order, then natural refId order, deterministically', () => {
    const pair = tinyCatalog({ X: ['X.10', 'X.9'], Y: ['y1'] }, [['X.10', 'EQUAL', 'y1']]);
    expect(named(pair, commonControls(pair, [0, 1])).map((g) => g.anchor)).toEqual(['X.10', 'X.9']);
    expect(named(pair, commonControls(pair, [1, 0])).map((g) => g.anchor)).toEqual(['y1', 'X.9']);
    const singles = tinyCatalog({ X: ['X.10', 'X.9', 'X.1.2'] });
    expect(named(singles, commonControls(singles, [0])).map((g) => g.anchor)).toEqual(['X.1.2', 'X.9', 'X.10']);
  });

  it('follows EQUAL/SUPERSET_OF paths through other frameworks with maxHops 2, on one rationale only', () => {
    const chain = tinyCatalog({ A: ['a1'], B: ['b1', 'b2'], Z: ['z1', 'z2'] }, [
      ['a1', 'EQUAL', 'z1', 10, 'SEMANTIC'],
      ['z1', 'SUPERSET_OF', 'b1', 5, 'SEMANTIC'],
      ['a1', 'SUPERSET_OF', 'z2', 5, 'SEMANTIC'],
      ['z2', 'EQUAL', 'b2', 10, 'FUNCTIONAL'],
    ]);
    expect(commonControls(chain, [0, 1]).groups).toHaveLength(3);
    expect(named(chain, commonControls(chain, [0, 1], { maxHops: 2 }))).toEqual([
      { anchor: 'a1', satisfies: { A: ['a1'], B: ['b1'] }, newlyCovered: ['a1', 'b1'] },
      { anchor: 'b2', satisfies: { B: ['b2'] }, newlyCovered: ['b2'] },
    ]);
  });

  it('handles no frameworks, an empty framework and a disconnected catalog', () => {
    expect(commonControls(graph, [])).toEqual({ groups: [], requirementCount: 0 });
    const apart = tinyCatalog({ A: ['a1', 'a2'], E: [] });
    expect(named(apart, commonControls(apart, [0, 1])).map((g) => g.anchor)).toEqual(['a1', 'a2']);
  });

  it('guards its arguments', () => {
    expect(() => commonControls(graph, [0, 0])).toThrow('graph/common-controls: frameworkIndexes lists framework 0 twice');
    expect(() => commonControls(graph, 0 as never)).toThrow('graph/common-controls: frameworkIndexes must be an array of framework indexes');
    expect(() => commonControls(graph, [0], { maxHops: 5 })).toThrow('graph/common-controls: maxHops must be an integer from 1 to 3, got 5');
  });
});
