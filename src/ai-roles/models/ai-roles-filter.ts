import { applyDecorators } from '@nestjs/common';
import { Field } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsOptional } from 'class-validator';
import { AI_ROLES } from '../../catalog/ai-role';
import { AiRoleEnum } from '../../catalog/models/ai-role.enum';

/** The optional `aiRoles` argument of coverage, gapAnalysis and statementOfApplicability (docs/ai-roles.md). */
export function AiRolesFilterField(): PropertyDecorator {
  return applyDecorators(
    Field(() => [AiRoleEnum], {
      nullable: true,
      description:
        'Only requirements whose AI-role tag shares a role with these, plus every untagged requirement (it concerns every role); ' +
        'the others leave every count. Omit it for no filter. 1 to 6 roles.',
    }),
    IsOptional(),
    ArrayMinSize(1, { message: 'must list at least one role, or be left out for no filter' }),
    ArrayMaxSize(AI_ROLES.length, { message: `must list at most ${AI_ROLES.length} roles` }),
    IsIn(AI_ROLES, { each: true, message: `must be one of ${AI_ROLES.join(', ')}` }),
  );
}
