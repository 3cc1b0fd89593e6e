import { compose } from './compose';
import { explainStatus } from './explain-status';
import { propagateStatus, type StatusSeeds } from './propagate-status';
import type { Relationship } from './relationship';
import { STATUS_EXCLUDED, STATUS_FULL, STATUS_NONE, STATUS_PARTIAL } from './status-code';
import { random, randomCatalog, tinyCatalog } from './tiny-catalog.fixture';

const COMPOSABLE: Relationship[] = ['EQUAL', 'SUBSET_OF', 'SUPERSET_OF', 'INTERSECTS_WITH'];
/** What a relationship hands on: 2 status, 1 a partial, 0 nothing. */
const rank = (r: Relationship | null): number => (r === null ? 0 : r === 'EQUAL' || r === 'SUPERSET_OF' ? 2 : r === 'NOT_RELATED' ? 0 : 1);
const then = (a: Relationship | null, b: Relationship | null): Relationship | null => (a === null || b === null ? null : compose(a, b));

describe('propagateStatus: walks never beat simple paths (what lets it search walks)', () => {
  // A walk A·C·B, where C is a closed walk composing to c, against the path A·B obtained by cutting C out.
  const cases = COMPOSABLE.flatMap((x) => COMPOSABLE.flatMap((c) => COMPOSABLE.map((y) => [x, c, y] as const)));
  it.each(cases)('%s ∘ (cycle %s) ∘ %s hands on no more than %s ∘ the rest', (x, c, y) => {
    expect(rank(then(then(x, c), y))).toBeLessThanOrEqual(rank(then(x, y)));
  });
  it.each(COMPOSABLE.flatMap((x) => COMPOSABLE.map((c) => [x, c] as const)))('a cycle at either end: %s with cycle %s', (x, c) => {
    expect(rank(then(x, c))).toBeLessThanOrEqual(rank(x));
    expect(rank(then(c, x))).toBeLessThanOrEqual(rank(x));
  });
});

describe('propagateStatus', () => {
  it('takes seeds directly and returns fresh arrays', () => {
    const graph = tinyCatalog({ A: ['s', 'x'], B: ['t'] }, [['s', 'SUBSET_OF', 't', 4]]);
    const seeds: StatusSeeds = { direct: Uint8Array.from([STATUS_FULL, STATUS_NONE, STATUS_NONE]), excluded: Uint8Array.from([0, 1, 0]) };
    const result = propagateStatus(graph, seeds);
    expect(Array.from(result.status)).toEqual([STATUS_FULL, STATUS_EXCLUDED, STATUS_PARTIAL]);
    expect(Array.from(result.weight)).toEqual([1, 0, 0.4]);
    expect(Array.from(seeds.direct)).toEqual([STATUS_FULL, STATUS_NONE, STATUS_NONE]);
  });

  it('refuses seeds of the wrong length, and bad maxHops', () => {
    const graph = tinyCatalog({ A: ['s'] });
    expect(() => propagateStatus(graph, { direct: new Uint8Array(2), excluded: new Uint8Array(1) })).toThrow(
      'graph/propagate-status: seeds must hold direct and excluded Uint8Arrays of length 1',
    );
    expect(() => propagateStatus(graph, { direct: new Uint8Array(1), excluded: new Uint8Array(1) }, { maxHops: 9 })).toThrow(
      'graph/propagate-status: maxHops must be an integer from 1 to 3, got 9',
    );
  });

  // Property: on random small graphs, the status equals the best explained simple path, and `inferred` holds exactly
  // when every best path has two or more hops.
  it.each(Array.from({ length: 30 }, (_, i) => [i + 1]))('agrees with explain-status on random graph #%d', (seed) => {
    const rnd = random(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
    const n = 12;
    const { graph, ids } = randomCatalog(rnd, {
      frameworks: ['A', 'B'],
      requirements: n,
      edges: 30,
      frameworkOf: (i) => (i < n / 2 ? 'A' : 'B'),
    });
    const seeds: StatusSeeds = {
      direct: Uint8Array.from(ids, () => pick([STATUS_NONE, STATUS_NONE, STATUS_PARTIAL, STATUS_FULL])),
      excluded: Uint8Array.from(ids, () => (rnd() < 0.15 ? 1 : 0)),
    };
    for (const maxHops of [1, 2, 3]) {
      const result = propagateStatus(graph, seeds, { maxHops });
      for (let r = 0; r < n; r++) {
        const paths = explainStatus(graph, seeds, r, { maxHops, controlsOf: () => [] });
        if (seeds.excluded[r]) {
          expect([result.status[r], result.weight[r], paths.length]).toEqual([STATUS_EXCLUDED, 0, 0]);
          continue;
        }
        const best = paths[0];
        expect(result.status[r]).toBe(best === undefined ? STATUS_NONE : best.status === 'FULL' ? STATUS_FULL : STATUS_PARTIAL);
        expect(result.weight[r]).toBe(best?.weight ?? 0);
        const shortestBest = Math.min(...paths.filter((p) => p.weight === best.weight).map((p) => p.hops.length));
        expect(result.inferred[r]).toBe(best !== undefined && shortestBest > 1 ? 1 : 0);
      }
    }
  });
});
