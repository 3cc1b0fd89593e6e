/**
 * One-byte codes for the crosswalk vocabulary, so the catalog graph can keep relationships and rationales in typed
 * arrays and the hot loops compare small integers instead of strings. A relationship's code is its position in
 * RELATIONSHIPS; a rationale's code is its position in RATIONALES plus one, and 0 means "no rationale recorded".
 * The composition table is `compose` (compose.ts) precomputed over codes.
 */
import { compose } from './compose';
import { inverse, RATIONALES, RELATIONSHIPS, type Rationale, type Relationship } from './relationship';

export const REL_EQUAL = 0;
export const REL_SUBSET_OF = 1;
export const REL_SUPERSET_OF = 2;
export const REL_INTERSECTS_WITH = 3;
export const REL_NOT_RELATED = 4;

/** The rationale code of an edge whose rationale was not recorded. Such an edge never composes. */
export const NO_RATIONALE = 0;

/** Composed code, or -1 when the two hops prove nothing: index `first * 5 + second`. */
const COMPOSE_TABLE = new Int8Array(RELATIONSHIPS.length * RELATIONSHIPS.length);
for (let a = 0; a < RELATIONSHIPS.length; a++) {
  for (let b = 0; b < RELATIONSHIPS.length; b++) {
    const composed = compose(RELATIONSHIPS[a], RELATIONSHIPS[b]);
    COMPOSE_TABLE[a * RELATIONSHIPS.length + b] = composed === null ? -1 : RELATIONSHIPS.indexOf(composed);
  }
}

const INVERSE_TABLE = Uint8Array.from(RELATIONSHIPS, (r) => RELATIONSHIPS.indexOf(inverse(r)));

/** The code of a relationship, or -1 when the value is not one. */
export function relationshipCode(relationship: unknown): number {
  return RELATIONSHIPS.indexOf(relationship as Relationship);
}

export function relationshipOf(code: number): Relationship {
  return RELATIONSHIPS[code];
}

/** The code of a rationale (0 for null), or -1 when the value is not one. */
export function rationaleCode(rationale: unknown): number {
  if (rationale === null) return NO_RATIONALE;
  const index = RATIONALES.indexOf(rationale as Rationale);
  return index < 0 ? -1 : index + 1;
}

export function rationaleOf(code: number): Rationale | null {
  return code === NO_RATIONALE ? null : RATIONALES[code - 1];
}

/** `first` then `second` over codes, or -1 when set algebra proves nothing. */
export function composeCodes(first: number, second: number): number {
  return COMPOSE_TABLE[first * RELATIONSHIPS.length + second];
}

export function inverseCode(code: number): number {
  return INVERSE_TABLE[code];
}

/** EQUAL and SUPERSET_OF hand the source's status on unchanged (DESIGN 2). */
export function passesStatus(code: number): boolean {
  return code === REL_EQUAL || code === REL_SUPERSET_OF;
}
