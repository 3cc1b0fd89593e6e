import { ArgsType, Field, ID } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { IsFutureDateTime } from '../../common/validation/is-future-date-time';
import { ROLES, type Role } from '../role';
import { RoleEnum } from './principal.model';
import { IsFrameworkRef } from '../../catalog/is-framework-ref';

@ArgsType()
export class CreateApiKeyArgs {
  @Field(() => RoleEnum, { description: 'What the new key may do.' })
  @IsIn(ROLES, { message: 'must be ADMIN, EDITOR or AUDITOR' })
  role: Role;

  @Field({ description: 'A name to recognise the key by, 1 to 200 characters.' })
  @IsString({ message: 'must be a string of 1 to 200 characters' })
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  name: string;

  @Field(() => Date, {
    nullable: true,
    description: 'When the key stops authenticating (an ISO-8601 date-time in the future, e.g. 2027-06-30T00:00:00Z); omitted or null: never.',
  })
  @IsOptional()
  @IsFutureDateTime()
  expiresAt?: Date | null;
}

@ArgsType()
export class RevokeApiKeyArgs {
  @Field(() => ID, { description: 'The key to revoke (UUID).' })
  @IsUUID('all', { message: 'must be an API key id (a UUID)' })
  id: string;
}

@ArgsType()
export class SetScopeArgs {
  @Field(() => [String], { description: 'Framework references (CODE or CODE:VERSION), 0 to 50; replaces the scope.' })
  @ArrayMinSize(0)
  @ArrayMaxSize(50, { message: 'must list at most 50 frameworks' })
  @IsFrameworkRef({ each: true })
  frameworks: string[];
}

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

  @Field({ description: 'false excludes the requirement: it leaves the coverage denominator.' })
  @IsBoolean({ message: 'must be true or false' })
  applicable: boolean;

  @Field({ description: 'Why, 1 to 2000 characters; required either way (Statement of Applicability).' })
  @IsString({ message: 'must be a string of 1 to 2000 characters' })
  @MinLength(1, { message: 'must not be empty: the Statement of Applicability needs a reason' })
  @Matches(/\S/, { message: 'must not be blank: the Statement of Applicability needs a reason' })
  @MaxLength(2000, { message: 'must be at most 2000 characters' })
  justification: string;
}
