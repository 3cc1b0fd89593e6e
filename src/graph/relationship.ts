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

/**
 * A condition on an edge: it holds as typed only when the condition is met. `SAME_MANAGEMENT_SYSTEM` marks an edge that
 * rests on one management system covering both standards (identical Harmonized Structure text, or clause containment
 * resting on it); it is our counterpart of an OSCAL map qualifier (subject both, predicate has-requirement, category
 * restricted). Where the condition is not met the edge reads as INTERSECTS_WITH, strength at most 9.
 */
export const CROSSWALK_CONDITIONS = ['SAME_MANAGEMENT_SYSTEM'] as const;
export type CrosswalkCondition = (typeof CROSSWALK_CONDITIONS)[number];

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

/** The relationships that claim one side contains the other, and so can pass FULL: they must carry evidence. */
export const CONTAINMENT_RELATIONSHIPS: readonly Relationship[] = ['EQUAL', 'SUBSET_OF', 'SUPERSET_OF'];

export function isContainment(relationship: Relationship): boolean {
  return CONTAINMENT_RELATIONSHIPS.includes(relationship);
}

/** The strengths a relationship allows, as a closed range: EQUAL only 10, NOT_RELATED only 0, the rest 1–9. */
export function strengthRange(relationship: Relationship): [number, number] {
  if (relationship === 'EQUAL') return [MAX_STRENGTH, MAX_STRENGTH];
  if (relationship === 'NOT_RELATED') return [MIN_STRENGTH, MIN_STRENGTH];
  return [MIN_STRENGTH + 1, MAX_STRENGTH - 1];
}
