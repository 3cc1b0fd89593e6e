import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { enumObject } from '../../common/models/enum-object';
import { CONTROL_STATUSES, type ControlStatus, LINK_COVERAGES, type LinkCoverage } from '../control-status';

export const ControlStatusEnum = enumObject(CONTROL_STATUSES);
registerEnumType(ControlStatusEnum, {
  name: 'ControlStatus',
  description: 'Where a control stands. Only IMPLEMENTED controls count in coverage.',
  valuesMap: {
    PLANNED: { description: 'Decided, not started.' },
    IN_PROGRESS: { description: 'Being put in place.' },
    IMPLEMENTED: { description: 'In operation; counts in coverage.' },
    NOT_APPLICABLE: { description: 'Recorded as not applicable.' },
  },
});

export const LinkCoverageEnum = enumObject(LINK_COVERAGES);
registerEnumType(LinkCoverageEnum, {
  name: 'LinkCoverage',
  description: 'How much of a requirement a control satisfies.',
  valuesMap: { FULL: { description: 'All of it.' }, PARTIAL: { description: 'Part of it (counts with weight 0.5).' } },
});

@ObjectType({ description: "One of the organization's own controls. Link it to requirements of any framework." })
export class Control {
  @Field(() => ID, { description: 'Identifier (UUID).' })
  id: string;

  @Field({ description: "The organization's own code, unique within it, e.g. AC-01." })
  code: string;

  @Field({ description: 'Short title.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'What the control does.' })
  description: string | null;

  @Field(() => String, { nullable: true, description: 'Who is responsible for it.' })
  owner: string | null;

  @Field(() => ControlStatusEnum, { description: 'Where it stands; only IMPLEMENTED counts in coverage.' })
  status: ControlStatus;

  @Field(() => Int, { description: 'Optimistic-locking version: pass it as expectedVersion to updateControl.' })
  version: number;

  @Field({ description: 'When it was created.' })
  createdAt: Date;

  @Field({ description: 'When it last changed.' })
  updatedAt: Date;
}

@ObjectType({ description: 'A control satisfying a requirement, fully or partly.' })
export class ControlLink {
  /** Internal: resolved by `control` and `requirement`. */
  controlId: string;
  requirementId: string;

  @Field(() => LinkCoverageEnum, { description: 'FULL or PARTIAL.' })
  coverage: LinkCoverage;
}
