/**
 * The AI stakeholder roles of ISO/IEC 22989:2022 §5.19, which ISO/IEC 42001 asks an organization to determine (its
 * clause 4.1 refers to them). Requirements of the shipped catalog may be tagged with the roles they concern; a
 * requirement without a tag concerns every role. docs/ai-roles.md lines them up with other vocabularies.
 */
export const AI_ROLES = ['AI_PROVIDER', 'AI_PRODUCER', 'AI_CUSTOMER', 'AI_PARTNER', 'AI_SUBJECT', 'RELEVANT_AUTHORITY'] as const;
export type AiRole = (typeof AI_ROLES)[number];

const ROLE_SET: ReadonlySet<string> = new Set(AI_ROLES);

export function isAiRole(value: unknown): value is AiRole {
  return typeof value === 'string' && ROLE_SET.has(value);
}

/** Each role once, in the order of AI_ROLES, so stored and compared role lists have one spelling. */
export function normalizeAiRoles(roles: Iterable<AiRole>): AiRole[] {
  const given = new Set(roles);
  return AI_ROLES.filter((role) => given.has(role));
}

/** A short English name for messages and generated justifications ("AI producer"). */
export function aiRoleLabel(role: AiRole): string {
  return role === 'RELEVANT_AUTHORITY' ? 'relevant authority' : `AI ${role.slice(3).toLowerCase()}`;
}
