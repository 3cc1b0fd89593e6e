import type { AiRole } from '../../catalog/ai-role';
import { AiRolesFilterField } from '../../ai-roles/models/ai-roles-filter';
import { ArgsType, Field } from '@nestjs/graphql';
import { IsBoolean, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsFrameworkRef } from '../../catalog/is-framework-ref';
import { PageArgs } from '../../common/paging/page.args';

@ArgsType()
export class SetApplicabilityArgs {
  @Field({ description: 'CODE or CODE:VERSION of the framework.' })
  @IsFrameworkRef()
  framework: string;

  @Field({ description: 'The requirement, e.g. A.7.4.' })
  @IsString({ message: 'must be a string such as A.7.4' })
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(80, { message: 'must be at most 80 characters' })
  refId: string;

  @Field({ description: 'false excludes the requirement: it leaves the coverage denominator. On a heading it excludes (or includes again) its descendants that have no decision of their own.' })
  @IsBoolean({ message: 'must be true or false' })
  applicable: boolean;

  @Field({ description: 'Why, 1 to 2000 characters; required either way (Statement of Applicability).' })
  @IsString({ message: 'must be a string of 1 to 2000 characters' })
  @MinLength(1, { message: 'must not be empty: the Statement of Applicability needs a reason' })
  @Matches(/\S/, { message: 'must not be blank: the Statement of Applicability needs a reason' })
  @MaxLength(2000, { message: 'must be at most 2000 characters' })
  justification: string;
}

@ArgsType()
export class StatementOfApplicabilityArgs extends PageArgs {
  @Field({ description: 'CODE or CODE:VERSION of the framework, e.g. ISO27001 or ISO9001:2015.' })
  @IsFrameworkRef()
  framework: string;

  @AiRolesFilterField()
  aiRoles?: AiRole[];
}
