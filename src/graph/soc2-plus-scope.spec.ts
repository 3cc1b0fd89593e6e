import type { CatalogGraph } from './catalog-graph';
import { type Soc2PlusScope, soc2PlusScope } from './soc2-plus-scope';
import { at, tinyCatalog } from './tiny-catalog.fixture';

function named(graph: CatalogGraph, scope: Soc2PlusScope) {
  const id = (r: number) => graph.requirementId(r);
  return scope.topics.map((t) => ({
    topic: `${graph.frameworkId(t.framework)} ${t.title}`,
    items: t.items.map((i) => [id(i.representative.requirement), ...i.members.map((m) => `${m.equivalent ? '=' : '⊇'} ${id(m.requirement)}`)].join(' ')),
  }));
}

describe('soc2PlusScope', () => {
  const graph = tinyCatalog(
    {
      SOC2: [{ ref: 'CC1', assessable: false }, { ref: 'cc1', parent: 'CC1' }, { ref: 'cc2', parent: 'CC1' }],
      NIST: [
        { ref: 'GOVERN', assessable: false, title: 'Govern' },
        { ref: 'gv1', parent: 'GOVERN' },
        { ref: 'gv2', parent: 'GOVERN' },
        { ref: 'MAP', assessable: false, title: 'Map' },
        { ref: 'mp1', parent: 'MAP' },
        { ref: 'mp2', parent: 'MAP' },
      ],
      ISO42: [{ ref: 'A.6', assessable: false, title: 'A.6 AI system life cycle' }, { ref: 'a61', parent: 'A.6' }, { ref: 'a62', parent: 'A.6' }],
      P: ['p1'],
    },
    [
      ['cc1', 'EQUAL', 'gv1'], // fully covered: out of scope
      ['cc2', 'INTERSECTS_WITH', 'gv2', 4], // partly covered: in scope, with its SOC 2 source
      ['gv2', 'EQUAL', 'a61'], // the same criterion in two added frameworks: counted once
      ['mp1', 'EQUAL', 'a62'],
      ['mp1', 'EQUAL', 'mp2'], // within one framework: not merged
      ['a61', 'EQUAL', 'p1'], // p1 = a61 = gv2: equality chains
    ],
  );
  const [, nist, iso, p] = [0, 1, 2, 3];

  it('lists what SOC 2 does not fully cover, deduplicated across the added frameworks, grouped by topic', () => {
    const scope = soc2PlusScope(graph, 0, [nist, iso, p]);
    expect(named(graph, scope)).toEqual([
      { topic: 'NIST Govern', items: ['gv2 = a61 = p1'] },
      { topic: 'NIST Map', items: ['mp1 = a62', 'mp2'] },
    ]);
    expect([scope.itemCount, scope.requirementCount]).toEqual([3, 6]);
  });

  it('explains each partial overlap with its SOC 2 sources', () => {
    const scope = soc2PlusScope(graph, 0, [nist, iso, p]);
    const item = scope.topics[0].items[0];
    expect(item.representative).toMatchObject({ status: 'PARTIAL', weight: 0.4 });
    expect(item.representative.soc2Sources.map((s) => [graph.requirementId(s.source), s.relationship, s.strength])).toEqual([['cc2', 'INTERSECTS_WITH', 4]]);
    expect(item.members[0]).toMatchObject({ requirement: at(graph, 'a61'), status: 'NONE', weight: 0, soc2Sources: [], equivalent: true });
    expect(item.members[0].mergedBy).toMatchObject({ from: at(graph, 'a61'), to: at(graph, 'gv2'), relationship: 'EQUAL', reversed: true, mappingSetId: 'ms:NIST->ISO42' });
  });

  it('picks the representative from the first added framework', () => {
    expect(named(graph, soc2PlusScope(graph, 0, [iso, nist]))).toEqual([
      { topic: 'ISO42 A.6 AI system life cycle', items: ['a61 = gv2', 'a62 = mp1'] }, // P is not added here: p1 stays out
      { topic: 'NIST Map', items: ['mp2'] },
    ]);
  });

  it('merges an added requirement into the added requirement that contains it, along chains, counting each once', () => {
    const chain = tinyCatalog({ SOC2: ['cc1'], P: ['p1', 'p2'], ISO42: ['i1', 'i2'], NIST: ['n1'] }, [
      ['p1', 'SUBSET_OF', 'i1', 7], // meeting i1 meets p1
      ['n1', 'SUPERSET_OF', 'i1', 6], // and meeting n1 meets i1: n1 represents all three
      ['p2', 'SUPERSET_OF', 'i2', 6], // p2 contains i2
      ['cc1', 'INTERSECTS_WITH', 'i2', 3],
    ]);
    const scope = soc2PlusScope(chain, 0, [1, 2, 3]);
    expect(named(chain, scope)).toEqual([
      { topic: 'P Title of p2', items: ['p2 ⊇ i2'] },
      { topic: 'NIST Title of n1', items: ['n1 ⊇ p1 ⊇ i1'] },
    ]);
    expect([scope.itemCount, scope.requirementCount]).toEqual([2, 5]);
    const merged = scope.topics[1].items[0].members.map((m) => [chain.requirementId(m.mergedBy.from), m.mergedBy.relationship, chain.requirementId(m.mergedBy.to)]);
    expect(merged).toEqual([['p1', 'SUBSET_OF', 'i1'], ['i1', 'SUBSET_OF', 'n1']]);
    // A merged member keeps its own SOC 2 explanation.
    expect(scope.topics[0].items[0].members[0]).toMatchObject({ status: 'PARTIAL', weight: 0.3 });
  });

  it('merges SAME_MANAGEMENT_SYSTEM containment only when one declared management system holds both standards', () => {
    const ims = tinyCatalog({ SOC2: ['cc1'], ISO27701: ['p53'], ISO42001: ['i53'], ISO27001: ['x53'] }, [
      ['p53', 'SUBSET_OF', 'x53', 8, 'SEMANTIC', undefined, 'SAME_MANAGEMENT_SYSTEM'],
      ['i53', 'SUBSET_OF', 'x53', 8, 'SEMANTIC', undefined, 'SAME_MANAGEMENT_SYSTEM'],
      ['p53', 'EQUAL', 'i53', 10, 'SEMANTIC', undefined, 'SAME_MANAGEMENT_SYSTEM'],
    ]);
    const count = (graph: CatalogGraph) => soc2PlusScope(graph, 0, [1, 2]).itemCount;
    expect(count(ims)).toBe(2); // separate systems: the edges read INTERSECTS_WITH, nothing merges
    expect(count(ims.underSystems([-1, 0, 0, 0]))).toBe(1); // 27001 + 27701 + 42001 as one system
    expect(count(ims.underSystems([-1, 0, 1, 0]))).toBe(2); // 42001 in a system of its own
    const one = soc2PlusScope(ims.underSystems([-1, 0, 0, 0]), 0, [1, 2]).topics[0].items[0].members[0];
    expect(one.mergedBy).toMatchObject({ relationship: 'EQUAL', condition: 'SAME_MANAGEMENT_SYSTEM', conditionMet: true });
  });

  it('lets SOC 2 cover through a third framework with maxHops 2', () => {
    const chain = tinyCatalog({ SOC2: ['cc1'], Z: ['z1'], NIST: ['gv1'] }, [['cc1', 'EQUAL', 'z1'], ['z1', 'SUPERSET_OF', 'gv1', 5]]);
    expect(soc2PlusScope(chain, 0, [2]).itemCount).toBe(1);
    expect(soc2PlusScope(chain, 0, [2], { maxHops: 2 }).itemCount).toBe(0);
  });

  it('returns nothing for no added frameworks', () => {
    expect(soc2PlusScope(graph, 0, [])).toEqual({ topics: [], itemCount: 0, requirementCount: 0 });
  });

  it('guards its arguments', () => {
    expect(() => soc2PlusScope(graph, 0, [0])).toThrow('graph/soc2-plus-scope: additionalFrameworkIndexes must not include the SOC 2 framework (0)');
    expect(() => soc2PlusScope(graph, 9, [1])).toThrow('graph/soc2-plus-scope: soc2FrameworkIndex must be a framework index from 0 to 3, got 9');
    expect(() => soc2PlusScope(graph, 0, [1, 1])).toThrow('graph/soc2-plus-scope: additionalFrameworkIndexes lists framework 1 twice');
  });
});
