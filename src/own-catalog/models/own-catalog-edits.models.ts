/** The GraphQL arguments and results of the own catalog's edits (own-catalog-edits.resolver.ts). */
import { ArgsType, Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsFrameworkRef } from '../../catalog/is-framework-ref';
import { RationaleEnum, RelationshipEnum } from '../../crosswalks/models/enums';
import { RATIONALES, type Rationale, RELATIONSHIPS, type Relationship } from '../../graph/relationship';

/** As long as a refId the catalog stores (requirement.ref_id is varchar(80)). */
const REF_ID_MAX = 80;
const NOTE_MAX = 2000;

function IsRefId(): PropertyDecorator {
  return (target, key) => {
    IsString({ message: 'must be a requirement refId such as A.5.15' })(target, key);
    MinLength(1, { message: 'must not be empty; give a refId such as A.5.15' })(target, key);
    MaxLength(REF_ID_MAX, { message: `must be a refId of at most ${REF_ID_MAX} characters` })(target, key);
  };
}

@ArgsType()
export class DeleteOwnFrameworkArgs {
  @Field({ description: "The organization's own framework: CODE or CODE:VERSION." })
  @IsFrameworkRef()
  framework: string;

  @Field(() => Boolean, {
    defaultValue: false,
    description: 'true: remove the control links, applicability decisions, scope entries and management-system entries that use it first; false: refuse while any exist.',
  })
  @IsBoolean({ message: 'must be true or false' })
  force: boolean = false;
}

@ObjectType({ description: 'What deleteOwnFramework removed.' })
export class DeleteOwnFrameworkResult {
  @Field({ description: 'The framework removed, as CODE:VERSION.' })
  framework: string;

  @Field(() => Int, { description: 'Its requirements.' })
  requirements: number;

  @Field(() => Int, { description: "The organization's own mapping sets from or to it." })
  mappingSets: number;

  @Field(() => Int, { description: 'The crosswalk edges in those mapping sets.' })
  edges: number;

  @Field(() => Int, { description: 'Control links to its requirements (only with force).' })
  links: number;

  @Field(() => Int, { description: 'Applicability decisions on its requirements (only with force).' })
  applicabilityDecisions: number;

  @Field(() => Int, { description: 'Scope entries naming it: 0 or 1 (only with force).' })
  scopeEntries: number;

  @Field(() => Int, { description: 'Management systems it was part of (only with force).' })
  managementSystemEntries: number;
}

@InputType({ description: 'A crosswalk edge made by hand between two requirements, at least one of them in an own framework.' })
export class CreateOwnMappingEdgeInput {
  @Field({ description: 'The source framework (public or own): CODE or CODE:VERSION.' })
  @IsFrameworkRef()
  source: string;

  @Field({ description: "The source requirement's refId, as the framework prints it." })
  @IsRefId()
  sourceRefId: string;

  @Field({ description: 'The target framework (public or own): CODE or CODE:VERSION.' })
  @IsFrameworkRef()
  target: string;

  @Field({ description: "The target requirement's refId." })
  @IsRefId()
  targetRefId: string;

  @Field(() => RelationshipEnum, { description: 'How the source relates to the target (NIST IR 8477).' })
  @IsIn(RELATIONSHIPS, { message: `must be one of ${RELATIONSHIPS.join(', ')}` })
  relationship: Relationship;

  @Field(() => Int, {
    nullable: true,
    description: 'NIST IR 8278A strength: EQUAL 10, NOT_RELATED 0, the others 1–9. Left out: 10, 0, or 5 (about even) for the others.',
  })
  @IsOptional()
  @IsInt({ message: 'must be a whole number from 0 to 10' })
  @Min(0, { message: 'must be from 0 to 10' })
  @Max(10, { message: 'must be from 0 to 10' })
  strength?: number | null;

  @Field(() => RationaleEnum, { nullable: true, description: 'Why they are related. Left out: SEMANTIC.' })
  @IsOptional()
  @IsIn(RATIONALES, { message: `must be one of ${RATIONALES.join(', ')}` })
  rationale?: Rationale | null;

  @Field(() => String, { nullable: true, description: `The mapper's note, up to ${NOTE_MAX} characters.` })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(NOTE_MAX, { message: `must be at most ${NOTE_MAX} characters` })
  note?: string | null;
}

@ArgsType()
export class CreateOwnMappingEdgeArgs {
  @Field(() => CreateOwnMappingEdgeInput, { description: 'The edge to create.' })
  @ValidateNested()
  @Type(() => CreateOwnMappingEdgeInput)
  input: CreateOwnMappingEdgeInput;
}

@ArgsType()
export class DeleteOwnMappingEdgeArgs {
  @Field({ description: 'The source framework of the edge as stored: CODE or CODE:VERSION.' })
  @IsFrameworkRef()
  source: string;

  @Field({ description: "The source requirement's refId." })
  @IsRefId()
  sourceRefId: string;

  @Field({ description: 'The target framework of the edge as stored.' })
  @IsFrameworkRef()
  target: string;

  @Field({ description: "The target requirement's refId." })
  @IsRefId()
  targetRefId: string;
}
