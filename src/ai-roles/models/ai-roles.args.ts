import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { AI_ROLES, type AiRole } from '../../catalog/ai-role';
import { IsFrameworkRef } from '../../catalog/is-framework-ref';
import { AiRoleEnum } from '../../catalog/models/ai-role.enum';

const ROLE_MESSAGE = `must be one of ${AI_ROLES.join(', ')}`;
const NAME_MESSAGE = 'must be a string of 1 to 200 characters';
const DESCRIPTION_MAX = 4000;

@ArgsType()
export class SetAiRolesArgs {
  @Field(() => [AiRoleEnum], { description: 'The roles the organization holds, 1 to 6; they replace any earlier declaration.' })
  @ArrayMinSize(1, { message: 'must list at least one role, e.g. [AI_CUSTOMER]; an organization under ISO/IEC 42001 holds at least one' })
  @ArrayMaxSize(AI_ROLES.length, { message: `must list at most ${AI_ROLES.length} roles` })
  @IsIn(AI_ROLES, { each: true, message: ROLE_MESSAGE })
  roles: AiRole[];
}

@InputType({ description: 'A new AI system.' })
export class CreateAiSystemInput {
  @Field({ description: 'Its name, 1 to 200 characters, unique within the organization.' })
  @IsString({ message: NAME_MESSAGE })
  @Matches(/\S/, { message: 'must not be blank: name the AI system, e.g. "Support chatbot"' })
  @MaxLength(200, { message: NAME_MESSAGE })
  name: string;

  @Field(() => [AiRoleEnum], { description: 'The roles the organization holds for this system, 1 to 6.' })
  @ArrayMinSize(1, { message: 'must list at least one role, e.g. [AI_CUSTOMER]' })
  @ArrayMaxSize(AI_ROLES.length, { message: `must list at most ${AI_ROLES.length} roles` })
  @IsIn(AI_ROLES, { each: true, message: ROLE_MESSAGE })
  roles: AiRole[];

  @Field(() => String, { nullable: true, description: `What the system is and does, up to ${DESCRIPTION_MAX} characters.` })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(DESCRIPTION_MAX, { message: `must be at most ${DESCRIPTION_MAX} characters` })
  description?: string | null;
}

@InputType({ description: 'Changes to an AI system; fields left out stay as they are.' })
export class UpdateAiSystemInput {
  @Field(() => String, { nullable: true, description: 'New name; leave it out to keep the name (null is refused).' })
  @ValidateIf((_, value) => value !== undefined)
  @IsString({ message: `${NAME_MESSAGE}; leave it out to keep the name` })
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(200, { message: NAME_MESSAGE })
  name?: string;

  @Field(() => [AiRoleEnum], { nullable: true, description: 'New roles, 1 to 6; leave it out to keep them (null is refused).' })
  @ValidateIf((_, value) => value !== undefined)
  @IsArray({ message: 'must list at least one role, e.g. [AI_CUSTOMER]; leave it out to keep the roles' })
  @ArrayMinSize(1, { message: 'must list at least one role, e.g. [AI_CUSTOMER]' })
  @ArrayMaxSize(AI_ROLES.length, { message: `must list at most ${AI_ROLES.length} roles` })
  @IsIn(AI_ROLES, { each: true, message: ROLE_MESSAGE })
  roles?: AiRole[];

  @Field(() => String, { nullable: true, description: 'New description; null clears it.' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(DESCRIPTION_MAX, { message: `must be at most ${DESCRIPTION_MAX} characters` })
  description?: string | null;
}

@ArgsType()
export class CreateAiSystemArgs {
  @Field(() => CreateAiSystemInput, { description: 'The AI system to add.' })
  @ValidateNested()
  @Type(() => CreateAiSystemInput)
  input: CreateAiSystemInput;
}

@ArgsType()
export class AiSystemIdArgs {
  @Field(() => ID, { description: 'The AI system (UUID).' })
  @IsUUID('all', { message: 'must be an AI system id (a UUID)' })
  id: string;
}

@ArgsType()
export class UpdateAiSystemArgs extends AiSystemIdArgs {
  @Field(() => UpdateAiSystemInput, { description: 'What to change.' })
  @ValidateNested()
  @Type(() => UpdateAiSystemInput)
  input: UpdateAiSystemInput;
}

@ArgsType()
export class RoleApplicabilityArgs {
  @Field({ description: 'CODE or CODE:VERSION of the framework, e.g. ISO42001; own frameworks too.' })
  @IsFrameworkRef()
  framework: string;
}

@ArgsType()
export class AcceptRoleSuggestionsArgs extends RoleApplicabilityArgs {
  @Field(() => [String], { description: 'The refIds of current suggestions to accept, 1 to 500; all are written or none.' })
  @ArrayMinSize(1, { message: 'must list at least one refId from roleApplicability' })
  @ArrayMaxSize(500, { message: 'must list at most 500 refIds' })
  @IsString({ each: true, message: 'must be refIds such as A.6.1.2' })
  @MinLength(1, { each: true, message: 'must not be empty' })
  @MaxLength(80, { each: true, message: 'must be at most 80 characters' })
  refIds: string[];
}
