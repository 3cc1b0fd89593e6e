import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { CrosswalkCondition, Rationale, Relationship } from '../../graph/relationship';
import { CrosswalkConditionEnum, RationaleEnum, RelationshipEnum } from './enums';

@ObjectType({
  description:
    'A crosswalk edge read from `source` to `target`. Edges are stored once; read against the stored direction ' +
    '(`reversed: true`) SUBSET_OF becomes SUPERSET_OF and vice versa, and the other relationships stay as they are.',
})
export class Crosswalk {
  /** Internal: resolved by `source`, `target` and `mappingSet`. */
  sourceId: string;
  targetId: string;
  mappingSetId: string;

  @Field(() => RelationshipEnum, { description: 'How the source relates to the target, in this reading.' })
  relationship: Relationship;

  @Field(() => RationaleEnum, { nullable: true, description: 'Why they were judged related.' })
  rationale: Rationale | null;

  @Field(() => Int, {
    description: 'NIST IR 8278A strength, 0–10: EQUAL 10; 7–9 much more similar than not; 4–6 about even; 1–3 much less; NOT_RELATED 0.',
  })
  strength: number;

  @Field(() => String, { nullable: true, description: "The mapper's note on a choice that is not obvious." })
  note: string | null;

  @Field(() => [String], {
    description:
      'Why a containment edge (EQUAL, SUBSET_OF, SUPERSET_OF) holds: each demand of the contained requirement, in our own words, ' +
      'with where the container makes it. Empty for INTERSECTS_WITH and NOT_RELATED.',
  })
  evidence: string[];

  @Field(() => CrosswalkConditionEnum, {
    nullable: true,
    description: 'The condition under which the edge holds as typed; null when it holds unconditionally. See CrosswalkCondition.',
  })
  condition: CrosswalkCondition | null;

  @Field({ description: 'True when this reading runs against the direction the edge is stored in.' })
  reversed: boolean;

  @Field(() => Boolean, {
    description:
      'True for an EQUAL edge imported from OSCAL as `equivalent-to` (similar meaning, not identical text); it counts ' +
      'as EQUAL, and an OSCAL export writes it back as equivalent-to.',
  })
  equivalent: boolean;
}
