import { ArgsType, Field, ID } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
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
