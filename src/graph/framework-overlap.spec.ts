import { frameworkOverlap, frameworkOverlapDetail, overlapMatrix } from './framework-overlap';
import { STATUS_FULL, STATUS_NONE, STATUS_PARTIAL } from './status-code';
import { at, random, randomCatalog, tinyCatalog } from './tiny-catalog.fixture';

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

describe('frameworkOverlapDetail', () => {
  /** The detail's own requirements, counted by their status: what a drill-down shows beside its cell. */
  const tally = (d: ReturnType<typeof frameworkOverlapDetail>) => ({
    full: d.requirements.filter((r) => d.status.status[r] === STATUS_FULL).length,
    partial: d.requirements.filter((r) => d.status.status[r] === STATUS_PARTIAL).length,
    none: d.requirements.filter((r) => d.status.status[r] === STATUS_NONE).length,
  });

  it("is the matrix's cell, and its requirements are exactly what the cell counts, with their paths", () => {
    const graph = tinyCatalog({ A: ['a1', 'a2'], B: [{ ref: 'bx', assessable: false }, 'b1', 'b2', 'b3'] }, [
      ['a1', 'EQUAL', 'b1'],
      ['a2', 'INTERSECTS_WITH', 'b2', 6, 'FUNCTIONAL'],
      ['a1', 'EQUAL', 'bx'],
    ]);
    const detail = frameworkOverlapDetail(graph, 0, 1);
    expect({ source: detail.source, target: detail.target, coverage: detail.coverage }).toEqual(overlapMatrix(graph, [0, 1])[0]);
    expect(detail.requirements).toEqual([at(graph, 'b1'), at(graph, 'b2'), at(graph, 'b3')]); // not the heading bx
    expect(tally(detail)).toEqual({ full: 1, partial: 1, none: 1 });
    const [b2] = detail.status.explain(at(graph, 'b2'));
    expect(b2).toMatchObject({ source: at(graph, 'a2'), status: 'PARTIAL', weight: 0.6, controls: [] });
    expect(b2.hops).toMatchObject([{ from: at(graph, 'a2'), to: at(graph, 'b2'), relationship: 'INTERSECTS_WITH', strength: 6, rationale: 'FUNCTIONAL' }]);
    expect(detail.status.explain(at(graph, 'b3'))).toEqual([]);
  });

  it('equals every cell of the matrix at every hop count, on random catalogs', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { graph } = randomCatalog(random(seed), { frameworks: ['A', 'B', 'C'], requirements: 24, edges: 30, frameworkOf: (i) => 'ABC'[i % 3] });
      for (const maxHops of [1, 2, 3]) {
        for (const cell of overlapMatrix(graph, [0, 1, 2], { maxHops })) {
          const detail = frameworkOverlapDetail(graph, cell.source, cell.target, { maxHops });
          expect([seed, maxHops, detail.coverage]).toEqual([seed, maxHops, cell.coverage]);
          expect(tally(detail)).toEqual({ full: cell.coverage.full, partial: cell.coverage.partial, none: cell.coverage.none });
        }
      }
    }
  });

  it('guards its arguments', () => {
    const graph = tinyCatalog({ A: ['a1'], B: ['b1'] });
    expect(() => frameworkOverlapDetail(graph, 0, 2)).toThrow('graph/framework-overlap: targetFrameworkIndex must be a framework index from 0 to 1, got 2');
    expect(() => frameworkOverlapDetail(graph, 0, 1, { maxHops: 4 })).toThrow('graph/framework-overlap: maxHops must be an integer from 1 to 3, got 4');
  });
});
