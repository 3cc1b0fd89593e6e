import type { AiRole } from '../../catalog/ai-role';
import { AiRolesFilterField } from '../../ai-roles/models/ai-roles-filter';
import { ArgsType, Field, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsFrameworkRef } from '../../catalog/is-framework-ref';


@ArgsType()
export class HopsArgs {
  @Field(() => Int, { defaultValue: 1, description: 'Crosswalk hops to follow: 1 (default) to 3. More than one composes relationships by set algebra and marks results inferred.' })
  @IsInt({ message: 'must be 1, 2 or 3' })
  @Min(1, { message: 'must be 1, 2 or 3' })
  @Max(3, { message: 'must be 1, 2 or 3' })
  maxHops: number = 1;
}

@ArgsType()
export class CoverageArgs extends HopsArgs {
  @Field(() => [String], { nullable: true, description: "Frameworks to report (CODE or CODE:VERSION); default the organization's scope, or every framework when none is set." })
  @IsOptional()
  @ArrayMaxSize(50, { message: 'must list at most 50 frameworks' })
  @IsFrameworkRef({ each: true })
  frameworks?: string[];

  @AiRolesFilterField()
  aiRoles?: AiRole[];
}

/** The public overlap's reading of management systems, shared by frameworkOverlap and frameworkOverlapDetail. */
@ArgsType()
export class OneSystemArgs extends HopsArgs {
  @Field({
    defaultValue: false,
    description:
      'Read SAME_MANAGEMENT_SYSTEM crosswalks as stored, as if one integrated management system covered every framework. ' +
      'Default false: separate systems, so those edges count as INTERSECTS_WITH (partial).',
  })
  @IsBoolean({ message: 'must be true or false' })
  assumeSameManagementSystem: boolean = false;
}

/** frameworkOverlap is public and knows no organization, so its `frameworks` default is the whole catalog. */
@ArgsType()
export class OverlapArgs extends OneSystemArgs {
  @Field(() => [String], { nullable: true, description: 'Frameworks to compare (CODE or CODE:VERSION); default every framework version in the catalog. Public: no organization, and so no scope, is involved, with or without a key.' })
  @IsOptional()
  @ArrayMaxSize(50, { message: 'must list at most 50 frameworks' })
  @IsFrameworkRef({ each: true })
  frameworks?: string[];
}

/** One ordered pair of frameworkOverlap. */
@ArgsType()
export class OverlapDetailArgs extends OneSystemArgs {
  @Field({ description: 'The framework assumed fully satisfied ("if all of this"): CODE or CODE:VERSION.' })
  @IsFrameworkRef()
  source: string;

  @Field({ description: 'The framework whose requirements are listed ("covers this much of that"): CODE or CODE:VERSION, not the source itself.' })
  @IsFrameworkRef()
  target: string;
}

@ArgsType()
export class RequirementCoverageArgs extends HopsArgs {
  @Field({ description: 'CODE or CODE:VERSION.' })
  @IsFrameworkRef()
  framework: string;

  @Field({ description: 'The requirement, e.g. A.5.15.' })
  @IsString({ message: 'must be a string such as A.5.15' })
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(80, { message: 'must be at most 80 characters' })
  refId: string;
}

@ArgsType()
export class GapAnalysisArgs extends HopsArgs {
  @Field({ description: 'The framework you want to reach: CODE or CODE:VERSION.' })
  @IsFrameworkRef()
  target: string;

  @Field(() => [String], { nullable: true, description: "Frameworks you have fully in place; without it, the organization's own controls." })
  @IsOptional()
  @ArrayMaxSize(50, { message: 'must list at most 50 frameworks' })
  @IsFrameworkRef({ each: true })
  have?: string[];

  @AiRolesFilterField()
  aiRoles?: AiRole[];
}

@ArgsType()
export class CommonControlsArgs {
  @Field(() => [String], { description: 'The frameworks to cover together, 1 to 20.' })
  @ArrayMinSize(1, { message: 'must list at least one framework' })
  @ArrayMaxSize(20, { message: 'must list at most 20 frameworks' })
  @IsFrameworkRef({ each: true })
  frameworks: string[];
}

@ArgsType()
export class Soc2PlusArgs {
  @Field(() => [String], { description: 'The frameworks to add to SOC 2, 1 to 10, e.g. ["ISO42001", "NIST-AI-RMF"].' })
  @ArrayMinSize(1, { message: 'must list at least one framework to add' })
  @ArrayMaxSize(10, { message: 'must list at most 10 frameworks' })
  @IsFrameworkRef({ each: true })
  additional: string[];
}
