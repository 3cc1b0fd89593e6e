/**
 * The AI roles a vendor questionnaire is asked for, as the export's `aiRoles` parameter spells them (comma-separated
 * names); GraphQL holds its argument to the AiRole enum itself.
 */
import { AI_ROLES, type AiRole } from '../catalog/ai-role';
import { BadUserInputError } from '../common/errors/domain-error';

/** Each role once, in the order given; BAD_USER_INPUT on `field[i]` for a name that is not a role. */
export function readAiRoles(roles: readonly string[], field: string): AiRole[] {
  const seen = new Set<AiRole>();
  roles.forEach((role, i) => {
    if (!(AI_ROLES as readonly string[]).includes(role)) {
      throw new BadUserInputError(`${field}[${i}]`, `"${role.slice(0, 40)}" is not an AI role; one of ${AI_ROLES.join(', ')}`);
    }
    seen.add(role as AiRole);
  });
  return [...seen];
}
