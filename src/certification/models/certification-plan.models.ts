import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { enumObject } from '../../common/models/enum-object';
import { CalendarDateScalar } from '../../common/models/date.scalar';
import { AUDIT_KINDS, type AuditKind as Kind } from '../certification-cycle';
import { SURVEILLANCE_TOPICS, type SurveillanceTopic as Topic } from '../surveillance-topics';

export const AuditKind = enumObject(AUDIT_KINDS);
registerEnumType(AuditKind, {
  name: 'AuditKind',
  description: 'An audit of the ISO/IEC 17021-1 certification cycle.',
  valuesMap: {
    STAGE_1: { description: 'Stage 1 (9.3.1.2): readiness and documentation review, planning Stage 2.' },
    STAGE_2: { description: 'Stage 2 (9.3.1.3): implementation and effectiveness of the whole management system.' },
    SURVEILLANCE_1: { description: 'First surveillance (9.6.2.2): no more than 12 months after the certification decision.' },
    SURVEILLANCE_2: { description: 'Second surveillance (9.6.2.2): in the calendar year after the first.' },
    RECERTIFICATION: { description: 'Recertification (9.6.3): every requirement again, decided before the certificate expires three years after the decision.' },
  },
});

export const SurveillanceTopic = enumObject(SURVEILLANCE_TOPICS);
registerEnumType(SurveillanceTopic, {
  name: 'SurveillanceTopic',
  description: 'What ISO/IEC 17021-1 9.6.2.2 asks every surveillance audit to cover (paraphrased).',
  valuesMap: {
    INTERNAL_AUDIT_AND_MANAGEMENT_REVIEW: { description: 'Internal audits and management review (HS 9.2, 9.3).' },
    ACTIONS_ON_NONCONFORMITIES: { description: 'Actions on the nonconformities found at the previous audit (HS 10.2).' },
    COMPLAINTS: { description: 'How complaints were handled (HS 7.4 communication, 10.2 nonconformity).' },
    EFFECTIVENESS_AGAINST_OBJECTIVES: { description: "Effectiveness in reaching the organization's objectives and intended results (HS 6.2, 9.1)." },
    CONTINUAL_IMPROVEMENT: { description: 'Progress of planned continual improvement (HS 10.1).' },
    OPERATIONAL_CONTROL: { description: 'Continuing operational control (HS 8.1).' },
    CHANGES: { description: 'Changes since the last audit (HS 6.3, 8.1).' },
    USE_OF_MARKS: { description: "Use of the certification body's marks and references to the certificate: its rules, no clause of the standard." },
  },
});

export const SampleReason = enumObject(['GAP', 'RECENT_CHANGE'] as const);
registerEnumType(SampleReason, {
  name: 'SampleReason',
  description: 'Why a control is sampled at the first surveillance it can be.',
  valuesMap: {
    GAP: { description: "Not FULL in the organization's coverage (one crosswalk hop) for one of the requirements it stands for." },
    RECENT_CHANGE: { description: 'A link, control or applicability decision of one of its requirements changed in the year before the plan was made (audit events).' },
  },
});

@ObjectType({ description: 'What a (possibly combined) audit is for one standard.' })
export class AuditPart {
  frameworkId: string;

  @Field(() => AuditKind, { description: 'The audit of this standard\'s own cycle that this part is.' })
  kind: Kind;
}

@ObjectType({ description: 'One topic every surveillance covers, and where each standard in the audit says it.' })
export class AuditTopic {
  @Field(() => SurveillanceTopic, { description: 'The ISO/IEC 17021-1 9.6.2.2 topic.' })
  topic: Topic;

  @Field(() => [String], { description: 'The Harmonized Structure clauses it is checked against (empty for the use of marks).' })
  hsClauses: string[];

  requirementIds: string[];
}

@ObjectType({
  description:
    'An Annex A control sampled at this audit. Requirements the crosswalks show it meets (EQUAL or SUBSET_OF, read under the management systems) ' +
    'are sampled with it, once for every standard they serve.',
})
export class SampledControl {
  requirementId: string;
  alsoCoversIds: string[];

  @Field(() => [SampleReason], { description: 'Why it comes first (empty: spread over the cycle in catalog order).' })
  reasons: Array<'GAP' | 'RECENT_CHANGE'>;
}

@ObjectType({ description: 'What an audit looks at.' })
export class AuditScope {
  @Field({ description: 'The scope in words.' })
  note: string;

  @Field(() => [AuditTopic], { description: 'For the standards with a surveillance part: the 17021-1 9.6.2.2 topics. Empty otherwise.' })
  topics: AuditTopic[];

  @Field(() => [SampledControl], {
    description:
      'For the standards with a surveillance part: the Annex A controls sampled here. Over the cycle\'s surveillance audits every applicable ' +
      'Annex A control is sampled at least once; gaps and recent changes first.',
  })
  sampledControls: SampledControl[];

  /** Resolved by `fullEvaluation`. */
  fullEvaluationIds: string[];
}

@ObjectType({
  description:
    'A proposal on the audit that holds the recertification of the earliest-certified standard of a management system: recertify a standard ' +
    'that joined mid-cycle here too, so that both run one cycle from now on. The organization and its certification body decide.',
})
export class AlignmentProposal {
  frameworkId: string;

  @Field(() => CalendarDateScalar, { description: "The standard's own recertification due date, which aligning brings forward." })
  ownRecertificationDueBy: string;

  @Field({ description: 'The proposal in words.' })
  proposal: string;
}

@ObjectType({ description: 'One audit of the plan: one standard\'s, or several standards\' combined.' })
export class PlannedAudit {
  @Field(() => AuditKind, { description: "The audit's kind: for a combined audit, the part of its earliest-certified standard." })
  kind: Kind;

  frameworkIds: string[];

  @Field(() => [AuditPart], { description: 'What the audit is for each of its standards.' })
  parts: AuditPart[];

  @Field(() => CalendarDateScalar, { description: 'The latest date the audit may take place: the earliest deadline of its parts.' })
  dueBy: string;

  @Field(() => AuditScope, { description: 'What the audit covers.' })
  scope: AuditScope;

  @Field(() => [AlignmentProposal], { description: 'Standards proposed to align with this recertification (empty on every other audit).' })
  alignments: AlignmentProposal[];
}

@ObjectType({ description: 'The audits of one certification cycle per standard (ISO/IEC 17021-1), combined where the standards share a management system.' })
export class CertificationPlan {
  @Field(() => [PlannedAudit], { description: 'Every audit, in dueBy order.' })
  audits: PlannedAudit[];
}
