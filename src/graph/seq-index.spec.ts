import { CatalogGraph } from './catalog-graph';
import { SeqIndex } from './seq-index';

describe('SeqIndex', () => {
  it('maps each seq to its row index, and any other number to -1', () => {
    const index = new SeqIndex([5, 1, 9], 'row');
    expect([5, 1, 9, 2, 0, -3, 10, 1e9].map((s) => index.indexOf(s))).toEqual([0, 1, 2, -1, -1, -1, -1, -1]);
  });

  it('answers the same when the seqs are far sparser than the rows (a catalog reloaded many times)', () => {
    const seqs = [3, 2_000_000_000, 70_000, 1];
    const index = new SeqIndex(seqs, 'row');
    expect(seqs.map((s) => index.indexOf(s))).toEqual([0, 1, 2, 3]);
    expect([2, 69_999, 2_000_000_001].map((s) => index.indexOf(s))).toEqual([-1, -1, -1]);
  });

  it('handles no rows', () => {
    expect(new SeqIndex([], 'row').indexOf(1)).toBe(-1);
  });

  it.each<[string, number[], string]>([
    ['a duplicate', [4, 4], 'duplicate row seq 4'],
    ['a duplicate among sparse seqs', [4, 2_000_000_000, 4], 'duplicate row seq 4'],
    ['zero', [0], 'row #0 has seq 0; expected a positive integer'],
    ['a fraction', [1, 2.5], 'row #1 has seq 2.5; expected a positive integer'],
    ['a number past 31 bits', [2 ** 31], `row #0 has seq ${2 ** 31}; expected a positive integer`],
  ])('refuses %s', (_case, seqs, message) => {
    expect(() => new SeqIndex(seqs, 'row')).toThrow(`graph/seq-index: ${message}`);
  });
});

describe('CatalogGraph.requirementIndexBySeq', () => {
  const frameworks = [{ id: 'F', code: 'F', version: '1' }];
  const requirement = (id: string, seq?: number) => ({ id, frameworkId: 'F', refId: id, title: id, assessable: true, parentId: null, seq });

  it("maps the store's numbers to requirement indexes, in views under management systems too", () => {
    const graph = new CatalogGraph({ frameworks, requirements: [requirement('x', 8), requirement('y', 3)], mappingSets: [], edges: [] });
    expect(graph.hasRequirementSeqs).toBe(true);
    expect([8, 3, 4].map((s) => graph.requirementIndexBySeq(s))).toEqual([0, 1, -1]);
    expect(graph.underOneSystem().requirementIndexBySeq(3)).toBe(1);
  });

  it('is refused on a graph built without seqs, and a graph takes seqs for every requirement or none', () => {
    const bare = new CatalogGraph({ frameworks, requirements: [requirement('x')], mappingSets: [], edges: [] });
    expect(bare.hasRequirementSeqs).toBe(false);
    expect(() => bare.requirementIndexBySeq(1)).toThrow('graph/catalog-graph: this catalog was built without requirement seqs');
    expect(() => new CatalogGraph({ frameworks, requirements: [requirement('x', 1), requirement('y')], mappingSets: [], edges: [] })).toThrow(
      'graph/catalog-graph: 1 of 2 requirements have a seq; give it to every requirement or to none',
    );
  });
});
