import { compose } from './compose';
import { pathsInto } from './paths-into';
import { RELATIONSHIPS } from './relationship';
import { at, tinyCatalog } from './tiny-catalog.fixture';

const then = (a: ReturnType<typeof compose>, b: ReturnType<typeof compose>) => (a === null || b === null ? null : compose(a, b));

describe('pathsInto', () => {
  it.each(RELATIONSHIPS.flatMap((a) => RELATIONSHIPS.flatMap((b) => RELATIONSHIPS.map((c) => [a, b, c] as const))))(
    'relies on associativity: (%s∘%s)∘%s = %s∘(%s∘%s)',
    (a, b, c) => {
      expect(then(then(a, b), c)).toBe(then(a, then(b, c)));
    },
  );

  const graph = tinyCatalog({ A: ['s', 'x'], B: ['t'], C: ['m', 'n'] }, [
    ['s', 'SUBSET_OF', 'm', 6, 'SEMANTIC'],
    ['m', 'SUBSET_OF', 't', 8, 'SEMANTIC'],
    ['x', 'SUPERSET_OF', 'n', 3, null],
    ['n', 'EQUAL', 't', 10, null],
    ['x', 'INTERSECTS_WITH', 't', 2, null],
  ]);
  const names = (paths: ReturnType<typeof pathsInto>) =>
    paths.map((p) => [graph.requirementId(p.source), p.hops.map((h) => graph.requirementId(h.to)).join('>'), p.relationship, p.strength]);

  it('gives the empty path when the target is a source', () => {
    expect(names(pathsInto(graph, at(graph, 't'), { maxHops: 1, isSource: (r) => r === at(graph, 't') }))).toEqual([['t', '', null, 10]]);
  });

  it('finds one-hop paths whatever their rationale, and composes longer ones only on a shared recorded rationale', () => {
    const isSource = (r: number) => ['s', 'x'].includes(graph.requirementId(r));
    expect(names(pathsInto(graph, at(graph, 't'), { maxHops: 1, isSource }))).toEqual([['x', 't', 'INTERSECTS_WITH', 2]]);
    expect(names(pathsInto(graph, at(graph, 't'), { maxHops: 2, isSource })).sort()).toEqual([
      ['s', 'm>t', 'SUBSET_OF', 6],
      ['x', 't', 'INTERSECTS_WITH', 2],
    ]);
  });

  it('finds nothing in a disconnected part', () => {
    const lonely = tinyCatalog({ A: ['a', 'b'] });
    expect(pathsInto(lonely, 0, { maxHops: 3, isSource: (r) => r === 1 })).toEqual([]);
  });

  it('guards its arguments', () => {
    expect(() => pathsInto(graph, 99, { maxHops: 1, isSource: () => true })).toThrow('graph/paths-into: requirementIndex must be from 0 to 4, got 99');
    expect(() => pathsInto(graph, 0, { maxHops: 1 } as never)).toThrow('graph/paths-into: isSource must be a function');
  });
});
