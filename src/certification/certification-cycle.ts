/**
 * One standard's certification cycle, by the rules of ISO/IEC 17021-1:2015 (requirements for bodies auditing and
 * certifying management systems), paraphrased; the clause numbers are that standard's:
 *
 * - 9.1.3 (audit programme): the first three-year cycle is a two-stage initial audit, surveillance audits in the
 *   second and third years, and a recertification audit in the third year before the certificate expires. The cycle
 *   starts with the certification decision.
 * - 9.3.1.2 / 9.3.1.3 (Stage 1 / Stage 2): Stage 1 reviews readiness and plans Stage 2; the time between them must
 *   let the organization resolve what Stage 1 raised. 17021-1 sets no figure: we plan Stage 1 STAGE_1_LEAD_DAYS
 *   before Stage 2, our own choice, documented in docs/certification-plan.md.
 * - 9.5 (certification decision): taken after Stage 2, once corrections of nonconformities are accepted. We assume
 *   DECISION_AFTER_STAGE_2_DAYS after Stage 2, again our assumption, not 17021-1's.
 * - 9.6.2.2 (surveillance): at least once a calendar year, except in a recertification year; the first no more than
 *   12 months from the certification decision.
 * - 9.6.3 (recertification): planned and decided before the certificate expires, which is three years after the
 *   decision (9.1.3); so the recertification audit is due the day before that anniversary.
 */
import { addDays, addMonths, endOfYear } from './calendar-date';

export const AUDIT_KINDS = ['STAGE_1', 'STAGE_2', 'SURVEILLANCE_1', 'SURVEILLANCE_2', 'RECERTIFICATION'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** Stage 1 is planned six weeks before Stage 2: time to resolve the areas of concern Stage 1 raises (9.3.1.2). */
export const STAGE_1_LEAD_DAYS = 42;
/** The certification decision (9.5) is assumed 30 days after Stage 2: time to correct and review nonconformities. */
export const DECISION_AFTER_STAGE_2_DAYS = 30;
/** The certificate runs three years from the decision (9.1.3). */
export const CYCLE_MONTHS = 36;

export interface CycleInput {
  /** A framework id: the planner only carries it. */
  framework: string;
  /** The certification decision date, for a standard already certified. */
  certificationDate?: Date;
  /** The planned Stage 2 date, for a standard not yet certified. */
  stage2Date?: Date;
}

export interface CycleAudit {
  framework: string;
  kind: AuditKind;
  dueBy: Date;
}

export interface Cycle {
  framework: string;
  /** The certification decision: given, or DECISION_AFTER_STAGE_2_DAYS after the planned Stage 2. */
  decision: Date;
  /** When the certificate expires: CYCLE_MONTHS after the decision. */
  expires: Date;
  /** Stage 1 and Stage 2 (planned standards only), surveillance 1 and 2, recertification, in date order. */
  audits: CycleAudit[];
}

export function certificationCycle(input: CycleInput): Cycle {
  const { framework, certificationDate, stage2Date } = input;
  if ((certificationDate === undefined) === (stage2Date === undefined)) {
    throw new Error('certification/cycle: give exactly one of certificationDate and stage2Date');
  }
  const audits: CycleAudit[] = [];
  let decision: Date;
  if (stage2Date) {
    audits.push({ framework, kind: 'STAGE_1', dueBy: addDays(stage2Date, -STAGE_1_LEAD_DAYS) });
    audits.push({ framework, kind: 'STAGE_2', dueBy: stage2Date });
    decision = addDays(stage2Date, DECISION_AFTER_STAGE_2_DAYS);
  } else {
    decision = certificationDate!;
  }
  const expires = addMonths(decision, CYCLE_MONTHS);
  const surveillance1 = addMonths(decision, 12);
  // "At least once a calendar year": the second surveillance falls in the calendar year after the first. It always
  // comes before expiry: the first is 12 months after the decision, so this is 31 December of the
  // decision's year + 2, while expiry is in year + 3. Only a decision on 1 January puts the recertification on that
  // same 31 December; the surveillance then falls due the day before it.
  const recertification = addDays(expires, -1);
  const surveillance2 = new Date(Math.min(endOfYear(surveillance1, 1).getTime(), addDays(recertification, -1).getTime()));
  audits.push({ framework, kind: 'SURVEILLANCE_1', dueBy: surveillance1 });
  audits.push({ framework, kind: 'SURVEILLANCE_2', dueBy: surveillance2 });
  audits.push({ framework, kind: 'RECERTIFICATION', dueBy: recertification });
  return { framework, decision, expires, audits };
}
