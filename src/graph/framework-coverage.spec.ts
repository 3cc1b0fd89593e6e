import { allFrameworkCoverage, frameworkCoverage } from './framework-coverage';
import { requirementStatus } from './requirement-status';
import { tinyCatalog, tinyTenant } from './tiny-catalog.fixture';

describe('frameworkCoverage', () => {
  // B: b1 FULL (EQUAL), b2 PARTIAL 0.7, b3 PARTIAL 0.5 (direct), b4 none, b5 excluded though FULL, bx not assessable.
  const graph = tinyCatalog(
    {
      A: ['a1', 'a2'],
      B: [{ ref: 'bx', assessable: false }, { ref: 'b1', parent: 'bx' }, 'b2', 'b3', 'b4', 'b5'],
      C: ['c1'],
    },
    [
      ['a1', 'EQUAL', 'b1'],
      ['a1', 'SUBSET_OF', 'b2', 7],
      ['a1', 'EQUAL', 'b5'],
      ['a2', 'EQUAL', 'bx'],
    ],
  );
  const status = requirementStatus(graph, tinyTenant(graph, [['k1', 'a1', 'FULL'], ['k2', 'a2', 'FULL'], ['k3', 'b3', 'PARTIAL']], ['b5']));

  it('reports full, partial, none and excluded over assessable requirements, and the score', () => {
    const coverage = frameworkCoverage(graph, status, 1);
    expect(coverage).toEqual({ full: 1, partial: 2, none: 1, excluded: 1, applicable: 4, partialWeight: expect.closeTo(1.2, 12), score: expect.closeTo((1 + 0.7 + 0.5) / 4, 12) });
  });

  it('drops an excluded requirement from the denominator', () => {
    const included = requirementStatus(graph, tinyTenant(graph, [['k1', 'a1', 'FULL'], ['k2', 'a2', 'FULL'], ['k3', 'b3', 'PARTIAL']]));
    expect(frameworkCoverage(graph, included, 1)).toMatchObject({ full: 2, excluded: 0, applicable: 5, score: expect.closeTo(3.2 / 5, 12) });
  });

  it('scores 0 with nothing applicable, and counts an uncovered framework as all none', () => {
    const all = requirementStatus(graph, tinyTenant(graph, [], ['c1']));
    expect(frameworkCoverage(graph, all, 2)).toEqual({ full: 0, partial: 0, none: 0, excluded: 1, applicable: 0, partialWeight: 0, score: 0 });
    expect(frameworkCoverage(graph, all, 0)).toMatchObject({ none: 2, applicable: 2, score: 0 });
  });

  it('counts only the requirements `keep` accepts: the others leave every part, the denominator included', () => {
    const onlyB2AndB5 = (r: number) => ['b2', 'b5'].includes(graph.refId(r));
    expect(frameworkCoverage(graph, status, 1, onlyB2AndB5)).toEqual({ full: 0, partial: 1, none: 0, excluded: 1, applicable: 1, partialWeight: expect.closeTo(0.7, 12), score: expect.closeTo(0.7, 12) });
  });

  it('gives every framework at once, the same as one by one', () => {
    expect(allFrameworkCoverage(graph, status)).toEqual([0, 1, 2].map((f) => frameworkCoverage(graph, status, f)));
    expect(allFrameworkCoverage(tinyCatalog({}), { status: new Uint8Array(0), weight: new Float64Array(0) })).toEqual([]);
  });

  it('guards its arguments', () => {
    expect(() => frameworkCoverage(graph, status, 3)).toThrow('graph/framework-coverage: frameworkIndex must be a framework index from 0 to 2, got 3');
    expect(() => frameworkCoverage(graph, { status: new Uint8Array(1), weight: new Float64Array(1) }, 0)).toThrow(
      'graph/framework-coverage: status must hold status and weight arrays of length 9',
    );
  });
});
