/**
 * The vocabulary of a crosswalk edge.
 *
 * Relationship: the NIST IR 8477 set-theory relationships. `s SUBSET_OF t` reads "everything s asks for is also asked
 * for by t". Every edge is stored once and can be read in both directions; `inverse` gives the reverse reading.
 * Rationale: why the two were judged related (NIST IR 8477): wording (SYNTACTIC), meaning (SEMANTIC) or purpose
 * (FUNCTIONAL). Strength: the NIST IR 8278A 0–10 scale; EQUAL is 10, NOT_RELATED 0, the others 1–9.
 */
export const RELATIONSHIPS = ['EQUAL', 'SUBSET_OF', 'SUPERSET_OF', 'INTERSECTS_WITH', 'NOT_RELATED'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export const RATIONALES = ['SYNTACTIC', 'SEMANTIC', 'FUNCTIONAL'] as const;
export type Rationale = (typeof RATIONALES)[number];

export const MIN_STRENGTH = 0;
export const MAX_STRENGTH = 10;

const INVERSE: Record<Relationship, Relationship> = {
  EQUAL: 'EQUAL',
  SUBSET_OF: 'SUPERSET_OF',
  SUPERSET_OF: 'SUBSET_OF',
  INTERSECTS_WITH: 'INTERSECTS_WITH',
  NOT_RELATED: 'NOT_RELATED',
};

/** The relationship read from target to source. */
export function inverse(relationship: Relationship): Relationship {
  return INVERSE[relationship];
}

/** The strengths a relationship allows, as a closed range: EQUAL only 10, NOT_RELATED only 0, the rest 1–9. */
export function strengthRange(relationship: Relationship): [number, number] {
  if (relationship === 'EQUAL') return [MAX_STRENGTH, MAX_STRENGTH];
  if (relationship === 'NOT_RELATED') return [MIN_STRENGTH, MIN_STRENGTH];
  return [MIN_STRENGTH + 1, MAX_STRENGTH - 1];
}
