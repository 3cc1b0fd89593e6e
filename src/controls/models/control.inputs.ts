import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { PageArgs } from '../../common/paging/page.args';
import { CONTROL_STATUSES, type ControlStatus, LINK_COVERAGES, type LinkCoverage } from '../control-status';
import { ControlStatusEnum, LinkCoverageEnum } from './control.model';
import { IsFrameworkRef } from '../../catalog/is-framework-ref';
import { atMost, CONTROL_CODE, CONTROL_CODE_MESSAGE, CONTROL_DESCRIPTION_MAX, CONTROL_OWNER_MAX, CONTROL_STATUS_MESSAGE, CONTROL_TITLE_MAX } from '../control-rules';

const CODE = CONTROL_CODE;
const CODE_MESSAGE = CONTROL_CODE_MESSAGE;
const STATUS_MESSAGE = CONTROL_STATUS_MESSAGE;

@InputType({ description: 'A new control.' })
export class CreateControlInput {
  @Field({ description: 'Unique code within the organization, e.g. AC-01.' })
  @IsString({ message: CODE_MESSAGE })
  @Matches(CODE, { message: CODE_MESSAGE })
  code: string;

  @Field({ description: 'Short title, 1 to 300 characters.' })
  @IsString({ message: 'must be a string of 1 to 300 characters' })
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(CONTROL_TITLE_MAX, { message: atMost(CONTROL_TITLE_MAX) })
  title: string;

  @Field(() => String, { nullable: true, description: 'What the control does, up to 10,000 characters.' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(CONTROL_DESCRIPTION_MAX, { message: atMost(CONTROL_DESCRIPTION_MAX) })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Who is responsible, up to 200 characters.' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(CONTROL_OWNER_MAX, { message: atMost(CONTROL_OWNER_MAX) })
  owner?: string | null;

  @Field(() => ControlStatusEnum, { defaultValue: 'PLANNED', description: 'Where it stands. Default PLANNED.' })
  @IsIn(CONTROL_STATUSES, { message: STATUS_MESSAGE })
  status: ControlStatus = 'PLANNED';
}

@InputType({ description: 'Changes to a control; fields left out stay as they are.' })
export class UpdateControlInput {
  @Field(() => String, { nullable: true, description: 'New unique code.' })
  @IsOptional()
  @Matches(CODE, { message: CODE_MESSAGE })
  code?: string;

  @Field(() => String, { nullable: true, description: 'New title.' })
  @IsOptional()
  @IsString({ message: 'must be a string of 1 to 300 characters' })
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(CONTROL_TITLE_MAX, { message: atMost(CONTROL_TITLE_MAX) })
  title?: string;

  @Field(() => String, { nullable: true, description: 'New description; null clears it.' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(CONTROL_DESCRIPTION_MAX, { message: atMost(CONTROL_DESCRIPTION_MAX) })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'New owner; null clears it.' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(CONTROL_OWNER_MAX, { message: atMost(CONTROL_OWNER_MAX) })
  owner?: string | null;

  @Field(() => ControlStatusEnum, { nullable: true, description: 'New status.' })
  @IsOptional()
  @IsIn(CONTROL_STATUSES, { message: STATUS_MESSAGE })
  status?: ControlStatus;
}

@ArgsType()
export class ControlIdArgs {
  @Field(() => ID, { description: 'The control (UUID).' })
  @IsUUID('all', { message: 'must be a control id (a UUID)' })
  id: string;
}

@ArgsType()
export class CreateControlArgs {
  @Field(() => CreateControlInput, { description: 'The control to create.' })
  @ValidateNested()
  @Type(() => CreateControlInput)
  input: CreateControlInput;
}

@ArgsType()
export class UpdateControlArgs extends ControlIdArgs {
  @Field(() => UpdateControlInput, { description: 'What to change.' })
  @ValidateNested()
  @Type(() => UpdateControlInput)
  input: UpdateControlInput;

  @Field(() => Int, { description: 'The version you read; a stale one is a CONFLICT, nothing changes.' })
  @IsInt({ message: 'must be the integer version you read' })
  @Min(1, { message: 'must be the version you read (1 or more)' })
  expectedVersion: number;
}

@ArgsType()
export class LinkArgs {
  @Field(() => ID, { description: 'The control (UUID).' })
  @IsUUID('all', { message: 'must be a control id (a UUID)' })
  controlId: string;

  @Field({ description: 'CODE or CODE:VERSION of the framework.' })
  @IsFrameworkRef()
  framework: string;

  @Field({ description: 'The requirement, as the standard prints it, e.g. A.5.15.' })
  @IsString({ message: 'must be a string such as A.5.15' })
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(80, { message: 'must be at most 80 characters' })
  refId: string;
}

@ArgsType()
export class LinkControlArgs extends LinkArgs {
  @Field(() => LinkCoverageEnum, { defaultValue: 'FULL', description: 'FULL or PARTIAL. Default FULL.' })
  @IsIn(LINK_COVERAGES, { message: 'must be FULL or PARTIAL' })
  coverage: LinkCoverage = 'FULL';
}

@InputType({ description: 'Narrows the list of controls. All given conditions must hold.' })
export class ControlFilter {
  @Field(() => ControlStatusEnum, { nullable: true, description: 'Only controls with this status.' })
  @IsOptional()
  @IsIn(CONTROL_STATUSES, { message: STATUS_MESSAGE })
  status?: ControlStatus;

  @Field(() => String, { nullable: true, description: 'Case-insensitive text in the code, title or owner.' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  search?: string;

  @Field(() => String, { nullable: true, description: 'Only controls with exactly this owner (case and spaces count).' })
  @IsOptional()
  @IsString({ message: 'must be a string of 1 to 200 characters' })
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  owner?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Only controls linked to at least one requirement of this framework: CODE (newest version) or CODE:VERSION. Cannot be combined with `unlinked: true`.',
  })
  @IsOptional()
  @IsFrameworkRef()
  framework?: string;

  @Field(() => Boolean, { nullable: true, description: 'true: only controls linked to no requirement; false: only controls with at least one link.' })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  unlinked?: boolean;
}

@ArgsType()
export class ControlsArgs extends PageArgs {
  @Field(() => ControlFilter, { nullable: true, description: 'Conditions the controls must meet.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ControlFilter)
  filter?: ControlFilter;
}
