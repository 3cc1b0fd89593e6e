import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/paging/connection.model';
import { ControlLink } from '../../controls/models/control.model';
import { CoverageStatusEnum } from '../../coverage/models/coverage.models';
import type { StatusName } from '../../graph/status-code';

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

  @Field(() => Int, {
    description:
      'How many assessable descendants this change excluded (applicable: false) or included again (applicable: true): those whose ' +
      'applicability it changed. A descendant with a decision of its own keeps it and is not counted. 0 for a requirement without descendants.',
  })
  descendantsAffected: number;
}

@ObjectType({ description: 'One assessable requirement in the Statement of Applicability: whether it applies, why, who said so, and where it stands.' })
export class StatementOfApplicabilityEntry {
  /** Internal: resolved by `requirement` and `inheritedFrom`. */
  requirementId: string;
  inheritedFromId: string | null;

  @Field({ description: 'false: excluded (on its own or through a heading), and out of the coverage denominator. True when never set.' })
  applicable: boolean;

  @Field(() => String, { nullable: true, description: 'Why it applies or is excluded; the heading\'s justification when inherited. Null when never set.' })
  justification: string | null;

  @Field(() => ID, { nullable: true, description: 'The API key that set the deciding line (as auditEvents name their actor); null when never set.' })
  setBy: string | null;

  @Field(() => String, { nullable: true, description: 'The name of that API key.' })
  setByName: string | null;

  @Field(() => Date, { nullable: true, description: 'When the deciding line was last set; null when never set.' })
  setAt: Date | null;

  @Field(() => [ControlLink], { description: "The organization's controls linked to this requirement, of any status, with the coverage each link claims." })
  controls: ControlLink[];

  @Field(() => CoverageStatusEnum, { description: 'Its coverage status now (one crosswalk hop): FULL, PARTIAL, NONE, or EXCLUDED when it does not apply.' })
  status: StatusName;

  @Field(() => Float, { description: '1 for FULL, the best partial weight for PARTIAL, 0 otherwise.' })
  weight: number;
}

@ObjectType({ description: 'A page of the Statement of Applicability: every assessable requirement of one framework, in refId order.' })
export class StatementOfApplicabilityConnection extends Connection(StatementOfApplicabilityEntry, 'StatementOfApplicabilityEntry', 'Statement of Applicability line') {}
