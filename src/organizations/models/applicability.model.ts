import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: "One line of the organization's Statement of Applicability." })
export class Applicability {
  /** Internal: resolved by `requirement`. */
  requirementId: string;

  @Field({ description: 'false: excluded, and out of the coverage denominator.' })
  applicable: boolean;

  @Field({ description: 'Why it applies or is excluded.' })
  justification: string;

  @Field({ description: 'When it was last set.' })
  updatedAt: Date;
}
