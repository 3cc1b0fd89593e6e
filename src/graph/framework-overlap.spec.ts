import { frameworkOverlap, overlapMatrix } from './framework-overlap';
import { tinyCatalog } from './tiny-catalog.fixture';

describe('frameworkOverlap', () => {
  it('counts distinct target requirements, never edge rows', () => {
    // Three edges (two from a1, one from a2, two of them parallel into b1) reach one requirement of B.
    const graph = tinyCatalog({ A: ['a1', 'a2'], B: ['b1', 'b2'] }, [
      ['a1', 'EQUAL', 'b1', 10, 'SEMANTIC', 'x'],
      ['a1', 'EQUAL', 'b1', 10, 'SYNTACTIC', 'y'],
      ['a2', 'EQUAL', 'b1'],
    ]);
    expect(frameworkOverlap(graph, 0, 1).coverage).toEqual({ full: 1, partial: 0, none: 1, excluded: 0, applicable: 2, partialWeight: 0, score: 0.5 });
  });

  it('is directional: A ⊇ B gives A→B full, B→A partial', () => {
    const graph = tinyCatalog({ A: ['a1'], B: ['b1', 'b2'] }, [
      ['a1', 'SUPERSET_OF', 'b1', 6],
      ['b2', 'SUBSET_OF', 'a1', 4],
    ]);
    expect(frameworkOverlap(graph, 0, 1).coverage).toMatchObject({ full: 2, partial: 0, score: 1 });
    expect(frameworkOverlap(graph, 1, 0).coverage).toMatchObject({ full: 0, partial: 1, score: 0.6 });
  });

  it('assumes only the assessable requirements of A, and counts only those of B', () => {
    const graph = tinyCatalog({ A: [{ ref: 'ax', assessable: false }, 'a1'], B: [{ ref: 'bx', assessable: false }, 'b1'] }, [
      ['ax', 'EQUAL', 'b1'],
      ['a1', 'EQUAL', 'bx'],
    ]);
    expect(frameworkOverlap(graph, 0, 1).coverage).toMatchObject({ full: 0, none: 1, applicable: 1, score: 0 });
  });

  it('goes through a third framework only with maxHops 2', () => {
    const graph = tinyCatalog({ A: ['a1'], B: ['b1'], C: ['c1'] }, [['a1', 'EQUAL', 'c1'], ['c1', 'EQUAL', 'b1']]);
    expect(frameworkOverlap(graph, 0, 1).coverage.full).toBe(0);
    expect(frameworkOverlap(graph, 0, 1, { maxHops: 2 }).coverage.full).toBe(1);
    expect(frameworkOverlap(graph, 0, 0).coverage.score).toBe(1);
  });
});

describe('overlapMatrix', () => {
  const graph = tinyCatalog({ A: ['a1', 'a2'], B: ['b1'], C: ['c1'] }, [
    ['a1', 'SUBSET_OF', 'b1', 8],
    ['b1', 'EQUAL', 'c1'],
  ]);

  // B→A: the stored a1 SUBSET_OF b1 reads b1 SUPERSET_OF a1, so a1 is FULL and a2 NONE.
  it('gives every ordered pair of distinct frameworks, each equal to the pairwise overlap', () => {
    const matrix = overlapMatrix(graph, [0, 1, 2]);
    expect(matrix.map((m) => [m.source, m.target])).toEqual([[0, 1], [0, 2], [1, 0], [1, 2], [2, 0], [2, 1]]);
    for (const cell of matrix) expect(cell).toEqual(frameworkOverlap(graph, cell.source, cell.target));
    expect(matrix.map((m) => m.coverage.score)).toEqual([0.8, 0, 0.5, 1, 0, 1]);
  });

  it('handles no frameworks and a disconnected catalog', () => {
    expect(overlapMatrix(graph, [])).toEqual([]);
    const apart = tinyCatalog({ A: ['a1'], B: ['b1'] });
    expect(overlapMatrix(apart, [0, 1]).map((m) => m.coverage.none)).toEqual([1, 1]);
  });

  it('guards its arguments', () => {
    expect(() => overlapMatrix(graph, [0, 0])).toThrow('graph/framework-overlap: frameworkIndexes lists framework 0 twice');
    expect(() => overlapMatrix(graph, [7])).toThrow('graph/framework-overlap: frameworkIndexes must be a framework index from 0 to 2, got 7');
    expect(() => frameworkOverlap(graph, 0, 1, { maxHops: 0 })).toThrow('graph/framework-overlap: maxHops must be an integer from 1 to 3, got 0');
  });
});
