import { ArgsType, Field, ID, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsFrameworkRef } from '../../catalog/is-framework-ref';

@ObjectType({
  description:
    "An organization's declaration that one management system covers several standards, for example an integrated ISMS and AIMS " +
    'for ISO27001 and ISO42001. Crosswalk edges marked SAME_MANAGEMENT_SYSTEM hold as typed only between frameworks of one declared ' +
    'system; everywhere else coverage reads them as INTERSECTS_WITH (strength at most 9). A standard belongs to at most one system.',
})
export class ManagementSystem {
  @Field(() => ID, { description: 'The system (UUID).' })
  id: string;

  @Field({ description: 'Its name, unique within the organization; `setManagementSystem` upserts by it.' })
  name: string;

  /** Internal: resolved by `frameworks`. */
  frameworkIds: string[];

  @Field({ description: 'When it was first declared.' })
  createdAt: Date;

  @Field({ description: 'When it was last changed.' })
  updatedAt: Date;
}

@ArgsType()
export class SetManagementSystemArgs {
  @Field({ description: 'The system\'s name, 1 to 200 characters; an existing system of that name is replaced.' })
  @IsString({ message: 'must be a string of 1 to 200 characters' })
  @Matches(/\S/, { message: 'must not be blank: name the management system, e.g. "Integrated ISMS and AIMS"' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  name: string;

  @Field(() => [String], {
    description: 'The management-system standards it covers (CODE or CODE:VERSION), 1 to 10; ISO27701 only together with ISO27001.',
  })
  @ArrayMinSize(1, { message: 'must list at least one framework, e.g. ["ISO27001", "ISO42001"]' })
  @ArrayMaxSize(10, { message: 'must list at most 10 frameworks' })
  @IsFrameworkRef({ each: true })
  frameworks: string[];
}

@ArgsType()
export class DeleteManagementSystemArgs {
  @Field(() => ID, { description: 'The system to delete (UUID).' })
  @IsUUID('all', { message: 'must be a management system id (a UUID)' })
  id: string;
}
