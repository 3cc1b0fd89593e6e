/**
 * What every surveillance audit covers, by ISO/IEC 17021-1:2015 9.6.2.2 (paraphrased: the list is 17021-1's, the
 * wording ours), and where each topic sits in a management-system standard: the Harmonized Structure clauses (the
 * clauses 4–10 that ISO management-system standards share, src/catalog/harmonized-structure.ts) a requirement names
 * as its `hsClause`. The clause choice is ours and is documented in docs/certification-plan.md.
 */

export const SURVEILLANCE_TOPICS = [
  'INTERNAL_AUDIT_AND_MANAGEMENT_REVIEW',
  'ACTIONS_ON_NONCONFORMITIES',
  'COMPLAINTS',
  'EFFECTIVENESS_AGAINST_OBJECTIVES',
  'CONTINUAL_IMPROVEMENT',
  'OPERATIONAL_CONTROL',
  'CHANGES',
  'USE_OF_MARKS',
] as const;
export type SurveillanceTopic = (typeof SURVEILLANCE_TOPICS)[number];

/**
 * The HS clauses each topic is checked against. Complaints have no clause of their own: they arrive through
 * communication with interested parties (7.4) and are handled as nonconformities (10.2). The use of certification
 * marks is a rule of the certification body, not a requirement of the standard: no clause.
 */
export const TOPIC_HS_CLAUSES: Readonly<Record<SurveillanceTopic, readonly string[]>> = {
  INTERNAL_AUDIT_AND_MANAGEMENT_REVIEW: ['9.2', '9.3'],
  ACTIONS_ON_NONCONFORMITIES: ['10.2'],
  COMPLAINTS: ['7.4', '10.2'],
  EFFECTIVENESS_AGAINST_OBJECTIVES: ['6.2', '9.1'],
  CONTINUAL_IMPROVEMENT: ['10.1'],
  OPERATIONAL_CONTROL: ['8.1'],
  CHANGES: ['6.3', '8.1'],
  USE_OF_MARKS: [],
};

export interface ClauseRequirement {
  id: string;
  hsClause: string | null;
}

export interface TopicRequirements {
  topic: SurveillanceTopic;
  /** The requirements whose HS clause is one of the topic's, in the order given. */
  requirementIds: string[];
}

/** Every topic, in 17021-1's order, with the requirements of `requirements` (one or more standards) it points to. */
export function surveillanceTopics(requirements: readonly ClauseRequirement[]): TopicRequirements[] {
  return SURVEILLANCE_TOPICS.map((topic) => {
    const clauses = TOPIC_HS_CLAUSES[topic];
    return { topic, requirementIds: requirements.filter((r) => r.hsClause !== null && clauses.includes(r.hsClause)).map((r) => r.id) };
  });
}
