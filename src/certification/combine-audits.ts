/**
 * Audits of standards that share one management system, combined (the integrated audit of IAF MD 11): one audit per
 * calendar year where the dates allow, each keeping every standard's deadline.
 *
 * - The cycles' audits are taken in due order and grouped by the calendar year they fall due in. Within a year, an
 *   audit joins the combined audit already open unless its standard already has a part there (Stage 1 and Stage 2
 *   of one standard stay apart) or it is a Stage 2 (its date is the organization's plan: it is never pulled
 *   forward). A combined audit is due by its earliest part's date, so no standard's deadline is missed: joining only
 *   ever moves a part earlier within its own calendar year, which 9.6.2.2's once-a-calendar-year rule allows.
 * - Its `kind` is the part of the earliest-certified standard in it (the earliest decision, ties by input order).
 * - A standard certified mid-cycle (its decision after the system's earliest decision, its recertification on
 *   another date) gets an alignment proposal on the audit that holds the earliest standard's recertification: to
 *   recertify it there too, so both run one cycle from then on. A proposal, not a plan: the certification body and
 *   the organization decide.
 */
import { yearOf } from './calendar-date';
import type { AuditKind, Cycle, CycleAudit } from './certification-cycle';

export interface AlignmentProposal {
  framework: string;
  /** The standard's own recertification due date, which aligning would bring forward to the audit's. */
  ownRecertificationDueBy: Date;
}

export interface CombinedAudit {
  kind: AuditKind;
  /** The frameworks, in the order the cycles were given. */
  frameworks: string[];
  /** One part per framework: what the audit is for that standard. */
  parts: CycleAudit[];
  dueBy: Date;
  alignments: AlignmentProposal[];
}

/**
 * `cycles`: one per standard, in input order. `systems`: groups of frameworks audited together (each framework in at
 * most one; frameworks in none are audited alone). Returns every audit, combined where it can be, in due order.
 */
export function combineAudits(cycles: readonly Cycle[], systems: readonly (readonly string[])[]): CombinedAudit[] {
  const order = new Map(cycles.map((c, i) => [c.framework, i]));
  const systemOf = new Map<string, number>();
  systems.forEach((members, s) => members.forEach((f) => systemOf.set(f, s)));
  const groups = new Map<string, Cycle[]>();
  for (const cycle of cycles) {
    const key = systemOf.has(cycle.framework) ? `s${systemOf.get(cycle.framework)}` : `f${cycle.framework}`;
    groups.set(key, [...(groups.get(key) ?? []), cycle]);
  }
  const result: CombinedAudit[] = [];
  for (const group of groups.values()) result.push(...combineGroup(group, order));
  return result.sort((a, b) => a.dueBy.getTime() - b.dueBy.getTime() || order.get(a.frameworks[0])! - order.get(b.frameworks[0])!);
}

function combineGroup(cycles: Cycle[], order: Map<string, number>): CombinedAudit[] {
  // Earliest-certified first; a stable sort keeps the input order between equal decisions.
  const rank = [...cycles].sort((a, b) => a.decision.getTime() - b.decision.getTime());
  const rankOf = new Map(rank.map((c, i) => [c.framework, i]));
  const audits = cycles
    .flatMap((c) => c.audits)
    .sort((a, b) => a.dueBy.getTime() - b.dueBy.getTime() || rankOf.get(a.framework)! - rankOf.get(b.framework)!);
  const combined: CycleAudit[][] = [];
  let open: CycleAudit[] | null = null;
  for (const audit of audits) {
    const joins =
      open !== null && yearOf(open[0].dueBy) === yearOf(audit.dueBy) && audit.kind !== 'STAGE_2' && !open.some((p) => p.framework === audit.framework);
    if (joins) {
      open!.push(audit);
    } else {
      open = [audit];
      combined.push(open);
    }
  }
  const first = rank[0];
  return combined.map((parts) => {
    parts.sort((a, b) => order.get(a.framework)! - order.get(b.framework)!);
    const lead = parts.reduce((best, p) => (rankOf.get(p.framework)! < rankOf.get(best.framework)! ? p : best));
    const holdsFirstRecertification = parts.some((p) => p.framework === first.framework && p.kind === 'RECERTIFICATION');
    const dueBy = parts.reduce((min, p) => (p.dueBy < min ? p.dueBy : min), parts[0].dueBy);
    const alignments = holdsFirstRecertification
      ? rank
          .slice(1)
          .filter((c) => c.decision > first.decision && c.expires.getTime() !== first.expires.getTime())
          .map((c) => ({ framework: c.framework, ownRecertificationDueBy: c.audits.find((a) => a.kind === 'RECERTIFICATION')!.dueBy }))
      : [];
    return { kind: lead.kind, frameworks: parts.map((p) => p.framework), parts, dueBy, alignments };
  });
}
