import { BadUserInputError } from '../common/errors/domain-error';

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

/** Role names as a client spelled them (the vendor questionnaire export's `aiRoles`), each once in the order given; BAD_USER_INPUT on `field[i]` for a name that is not a role. */
export function readAiRoles(roles: readonly string[], field: string): AiRole[] {
  const seen = new Set<AiRole>();
  roles.forEach((role, i) => {
    if (!isAiRole(role)) throw new BadUserInputError(`${field}[${i}]`, `"${role.slice(0, 40)}" is not an AI role; one of ${AI_ROLES.join(', ')}`);
    seen.add(role);
  });
  return [...seen];
}
