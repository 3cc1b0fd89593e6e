/**
 * Composition of NIST IR 8477 relationships along a path: `s R1 m` and `m R2 t` give `s (R1∘R2) t`, or nothing when
 * set algebra proves nothing. This is the careful alternative to "weakest link" transitivity that NIST IR 8477 warns
 * about (DESIGN.md, "More than one hop"):
 *   EQUAL∘X = X∘EQUAL = X; SUBSET∘SUBSET = SUBSET; SUPERSET∘SUPERSET = SUPERSET;
 *   SUPERSET∘SUBSET, INTERSECTS∘SUBSET and SUPERSET∘INTERSECTS = INTERSECTS (both ends contain, or meet, the middle);
 *   SUBSET∘SUPERSET, SUBSET∘INTERSECTS, INTERSECTS∘SUPERSET and INTERSECTS∘INTERSECTS prove nothing;
 *   NOT_RELATED composes with nothing.
 */
import type { Relationship } from './relationship';

const TABLE: Record<Relationship, Partial<Record<Relationship, Relationship>>> = {
  EQUAL: { EQUAL: 'EQUAL', SUBSET_OF: 'SUBSET_OF', SUPERSET_OF: 'SUPERSET_OF', INTERSECTS_WITH: 'INTERSECTS_WITH' },
  SUBSET_OF: { EQUAL: 'SUBSET_OF', SUBSET_OF: 'SUBSET_OF' },
  SUPERSET_OF: { EQUAL: 'SUPERSET_OF', SUPERSET_OF: 'SUPERSET_OF', SUBSET_OF: 'INTERSECTS_WITH', INTERSECTS_WITH: 'INTERSECTS_WITH' },
  INTERSECTS_WITH: { EQUAL: 'INTERSECTS_WITH', SUBSET_OF: 'INTERSECTS_WITH' },
  NOT_RELATED: {},
};

/** The relationship `first` then `second` proves, or null when it proves nothing. */
export function compose(first: Relationship, second: Relationship): Relationship | null {
  return TABLE[first][second] ?? null;
}
