/** Words and links shared by the explorer's pages. */
import { frameworkPath as pathOfFramework, requirementPath as pathOfRequirement } from '../../components/frameworks';
import type { FrameworkKind, Relationship } from '../../gql/graphql';

/** `CODE:VERSION` when the version is known, else `CODE` (the newest version): the API's framework reference. */
export function frameworkRef(framework: { code: string; version?: string | null }): string {
  return framework.version ? `${framework.code}:${framework.version}` : framework.code;
}

export function frameworkPath(framework: { code: string; version?: string | null }): string {
  return pathOfFramework(frameworkRef(framework));
}

export function requirementPath(framework: { code: string; version?: string | null }, refId: string): string {
  return pathOfRequirement(frameworkRef(framework), refId);
}

const RELATIONSHIP: Record<Relationship, string> = {
  EQUAL: 'equal to',
  SUBSET_OF: 'subset of',
  SUPERSET_OF: 'superset of',
  INTERSECTS_WITH: 'intersects with',
  NOT_RELATED: 'not related to',
};

/** NIST IR 8477's relationship as words ("subset of"): read "this requirement is subset of that one". */
export function relationshipWords(relationship: Relationship): string {
  return RELATIONSHIP[relationship];
}

const RELATIONSHIP_VERB: Record<Relationship, string> = {
  EQUAL: 'is equal to',
  SUBSET_OF: 'is a subset of',
  SUPERSET_OF: 'is a superset of',
  INTERSECTS_WITH: 'intersects with',
  NOT_RELATED: 'is not related to',
};

/** The relationship as a verb phrase for sentences: "A.5.15 intersects with CC6.1", "4.1 is equal to 4.1". */
export function relationshipSentence(relationship: Relationship): string {
  return RELATIONSHIP_VERB[relationship];
}

const KIND: Record<FrameworkKind, string> = {
  MANAGEMENT_SYSTEM_STANDARD: 'Management-system standard',
  ATTESTATION_CRITERIA: 'Attestation criteria',
  RISK_FRAMEWORK: 'Risk framework',
  CONTROL_CATALOG: 'Control catalog',
};

export function frameworkKindWords(kind: FrameworkKind): string {
  return KIND[kind];
}

/** Lower case with the first letter up: HUMAN → Human, SAME_MANAGEMENT_SYSTEM → Same management system. */
export function enumWords(value: string): string {
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
