/**
 * The ISO/IEC 22989 AI stakeholder roles that ISO/IEC 42001 refers to (issue 14, part 1). Part 1 brings the AiRole
 * enum and the requirements' role tags; until it lands here, the vendor questionnaire takes the roles as strings held
 * to this list, so its argument's values are the enum's values already.
 */
import { BadUserInputError } from '../common/errors/domain-error';

export const AI_ROLE_NAMES = ['AI_PROVIDER', 'AI_PRODUCER', 'AI_CUSTOMER', 'AI_PARTNER', 'AI_SUBJECT', 'RELEVANT_AUTHORITY'] as const;
export type AiRoleName = (typeof AI_ROLE_NAMES)[number];

/** Each role once, in the order given; BAD_USER_INPUT on `field[i]` for a name that is not a role. */
export function readAiRoles(roles: readonly string[], field: string): AiRoleName[] {
  const seen = new Set<AiRoleName>();
  roles.forEach((role, i) => {
    if (!(AI_ROLE_NAMES as readonly string[]).includes(role)) {
      throw new BadUserInputError(`${field}[${i}]`, `"${role.slice(0, 40)}" is not an AI role; one of ${AI_ROLE_NAMES.join(', ')}`);
    }
    seen.add(role as AiRoleName);
  });
  return [...seen];
}
