import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsFrameworkRef } from '../../catalog/is-framework-ref';
import { FrameworkCoverage } from '../../coverage/models/coverage.models';

@ObjectType({ description: "A vendor's answers read as its controls: YES a FULL link to every requirement of the question's group, PARTIAL a partial one, NO and NOT_APPLICABLE none." })
export class VendorCoverage {
  /** Internal: resolved by `vendor`. */
  vendorId: string;

  @Field(() => [FrameworkCoverage], { description: 'Coverage per framework from the answers, by the same engine as `coverage` (one hop, read as one management system, nothing excluded).' })
  frameworks: FrameworkCoverage[];

  @Field(() => Int, { description: 'Questions of the questionnaire the answers came from.' })
  questionCount: number;

  @Field(() => Int, { description: 'Questions answered YES or PARTIAL: the controls the coverage counts.' })
  counted: number;

  @Field(() => Int, { description: 'Answers whose question the catalog no longer makes (it changed since the import): kept, counted for nothing.' })
  unmatched: number;
}

@ArgsType()
export class VendorCoverageArgs {
  @Field(() => ID, { description: 'The vendor (UUID).' })
  @IsUUID('all', { message: 'must be a vendor id (a UUID)' })
  vendorId: string;

  @Field(() => [String], { nullable: true, description: "Frameworks to report (CODE or CODE:VERSION); default the questionnaire's." })
  @IsOptional()
  @ArrayMaxSize(50, { message: 'must list at most 50 frameworks' })
  @IsFrameworkRef({ each: true })
  frameworks?: string[];
}

@ArgsType()
export class VendorRequirementCoverageArgs {
  @Field(() => ID, { description: 'The vendor (UUID).' })
  @IsUUID('all', { message: 'must be a vendor id (a UUID)' })
  vendorId: string;

  @Field({ description: 'CODE or CODE:VERSION.' })
  @IsFrameworkRef()
  framework: string;

  @Field({ description: 'The requirement, e.g. A.5.15.' })
  @IsString({ message: 'must be a string such as A.5.15' })
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(80, { message: 'must be at most 80 characters' })
  refId: string;
}
