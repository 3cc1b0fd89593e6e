/**
 * The `certification-plan` export (issue 14): certificationPlan (CertificationPlanService) as a workbook, a sheet
 * "Plan" listing the audits and one sheet per audit with its parts, topics, sampled controls and proposals; and as
 * an iCalendar file, one all-day event per audit on its due date. The inputs are query parameters, each repeatable:
 * `certification=ISO27001:2025-03-01` (a certified standard and its decision date), `stage2=ISO42001:2026-06-15` (a
 * planned Stage 2), and `integrated=true`.
 */
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CertificationPlanService } from '../certification/certification-plan.service';
import type * as M from '../certification/models/certification-plan.models';
import type { CertificationRequest } from '../certification/read-certifications';
import { BadUserInputError, DomainError } from '../common/errors/domain-error';
import { CoverageService } from '../coverage/coverage.service';
import type { RequestScope } from '../graphql/request-scope';
import type { Principal } from '../organizations/auth/principal';
import { OrganizationsService } from '../organizations/organizations.service';
import type { TenantCatalog } from '../own-catalog/tenant-catalog';
import type { Calendar } from './ics-writer';
import { frameworkLabel, generatedLine, requirementLabel } from './labels';
import type { CellValue, Sheet, Workbook } from './sheet';

export const PLAN_SHEET = 'Plan';

/** The export's parameters as given: the repeatable ones as lists (in the order given), `integrated` as text. */
export interface PlanParams {
  certification?: string[];
  stage2?: string[];
  integrated?: string;
}

interface Read {
  requests: CertificationRequest[];
  /** The query parameter each request came from, for messages: `certification[1]`. */
  names: string[];
  integrated: boolean;
}

/** `ISO27001:2025-03-01` or `ISO27001:2022:2025-03-01`: the standard, then the date after the last colon. */
function readParams(params: PlanParams): Read {
  const requests: CertificationRequest[] = [];
  const names: string[] = [];
  for (const [name, key] of [['certification', 'certificationDate'], ['stage2', 'stage2Date']] as const) {
    (params[name] ?? []).forEach((value, i) => {
      const at = value.lastIndexOf(':');
      if (at <= 0 || at === value.length - 1) {
        throw new BadUserInputError(`${name}[${i}]`, `must be STANDARD:YYYY-MM-DD, such as ${name === 'certification' ? 'ISO27001:2025-03-01' : 'ISO42001:2026-06-15'}`);
      }
      requests.push({ framework: value.slice(0, at), [key]: value.slice(at + 1) });
      names.push(`${name}[${i}]`);
    });
  }
  if (requests.length === 0) throw new BadUserInputError('certification', 'give at least one certification=STANDARD:YYYY-MM-DD or stage2=STANDARD:YYYY-MM-DD');
  if (params.integrated !== undefined && params.integrated !== 'true' && params.integrated !== 'false') {
    throw new BadUserInputError('integrated', 'must be true or false');
  }
  return { requests, names, integrated: params.integrated === 'true' };
}

@Injectable()
export class CertificationPlanExport {
  constructor(
    private readonly planner: CertificationPlanService,
    private readonly coverage: CoverageService,
    private readonly organizations: OrganizationsService,
  ) {}

  /** The plan, with the planner's refusals named by the query parameter that caused them (`stage2[0]`, not `certifications[1].stage2Date`). */
  private async plan(request: RequestScope, principal: Principal, params: PlanParams): Promise<{ plan: M.CertificationPlan; catalog: TenantCatalog; organization: string }> {
    const read = readParams(params);
    try {
      const plan = await this.planner.plan(request, principal, read.requests, read.integrated);
      return { plan, catalog: await this.coverage.tenantCatalog(request, principal), organization: await this.organizations.organizationName(principal.organizationId) };
    } catch (error) {
      const field = error instanceof DomainError ? error.field : undefined;
      const match = field ? /^certifications\[(\d+)\]/.exec(field) : null;
      if (!match) throw error;
      const text = (error as DomainError).message.slice(field!.length + 2).replace(/certifications\[(\d+)\]/g, (_m: string, i: string) => read.names[Number(i)]);
      throw new BadUserInputError(read.names[Number(match[1])], text);
    }
  }

  async workbook(request: RequestScope, principal: Principal, params: PlanParams, generatedAt: Date): Promise<Workbook> {
    const { plan, catalog, organization } = await this.plan(request, principal, params);
    const fw = (id: string) => frameworkLabel(catalog, id);
    const title = `Certification plan — ${organization}`;
    const heading = [title, `Organization: ${organization}`, generatedLine(generatedAt)];
    const sheetName = (a: M.PlannedAudit, i: number) => `${i + 1} ${a.dueBy} ${a.kind}`.slice(0, 31);
    const sheets: Sheet[] = [
      {
        name: PLAN_SHEET,
        heading,
        columns: [
          { header: 'No.', width: 5 },
          { header: 'Due by', width: 12 },
          { header: 'Kind', width: 18 },
          { header: 'Standards', width: 30, wrap: true },
          { header: 'What it is for each standard', width: 50, wrap: true },
          { header: 'Alignment proposals', width: 60, wrap: true },
          { header: 'Sheet', width: 31 },
        ],
        rows: plan.audits.map((a, i): CellValue[] => [
          i + 1,
          a.dueBy,
          a.kind,
          a.frameworkIds.map(fw).join('\n'),
          a.parts.map((p) => `${fw(p.frameworkId)}: ${p.kind}`).join('\n'),
          a.alignments.map((x) => x.proposal).join('\n') || null,
          sheetName(a, i),
        ]),
      },
      ...plan.audits.map((a, i) => this.auditSheet(catalog, a, sheetName(a, i), heading)),
    ];
    return {
      title,
      generatedAt,
      readMe: [
        `The audits of one ISO/IEC 17021-1 certification cycle for each standard planned for ${organization}, as Crosswalk computed them on ${generatedAt.toISOString().slice(0, 10)}.`,
        `Sheet "${PLAN_SHEET}": every audit in due order: the latest date it may take place, its kind (for a combined audit, that of its earliest-certified standard), ` +
          'its standards, what it is for each, and any proposal to align a standard that joined mid-cycle at this recertification.',
        'Then one sheet per audit: its parts; for a surveillance, the 17021-1 9.6.2.2 topics with the clauses of each standard they point to, and the Annex A ' +
          'controls sampled there (over the cycle every applicable control is sampled once; gaps and recent changes first; a control the crosswalks show to meet ' +
          "another standard's is sampled once for both); for Stage 2 and recertification, the standards evaluated in full.",
        'Dates follow 17021-1: the first surveillance within 12 months of the certification decision, the second in the next calendar year, recertification ' +
          'before the certificate expires three years after the decision. Stage 1 six weeks before Stage 2, and the decision 30 days after it, are assumptions (see docs/certification-plan.md). ' +
          'No audit-day or cost figures: nothing here sources them.',
      ],
      sheets,
    };
  }

  private auditSheet(catalog: TenantCatalog, audit: M.PlannedAudit, name: string, heading: string[]): Sheet {
    const req = (id: string) => catalog.requirement(id)!;
    const rows: CellValue[][] = [];
    for (const p of audit.parts) rows.push(['Part', frameworkLabel(catalog, p.frameworkId), null, null, p.kind]);
    for (const f of audit.scope.fullEvaluationIds) rows.push(['Evaluated in full', frameworkLabel(catalog, f), null, null, 'every applicable requirement, Annex A included']);
    for (const t of audit.scope.topics) {
      if (t.requirementIds.length === 0) rows.push(['Topic', null, null, null, `${t.topic}: no clause of the standard (the certification body's rules)`]);
      for (const id of t.requirementIds) rows.push(['Topic', frameworkLabel(catalog, req(id).frameworkId), req(id).refId, req(id).title, `${t.topic} (HS ${t.hsClauses.join(', ')})`]);
    }
    for (const s of audit.scope.sampledControls) {
      const r = req(s.requirementId);
      const also = s.alsoCoversIds.map((id) => requirementLabel(catalog, id));
      rows.push(['Sampled control', frameworkLabel(catalog, r.frameworkId), r.refId, r.title, [s.reasons.join(', '), also.length > 0 ? `also covers ${also.join(', ')}` : ''].filter(Boolean).join('; ') || null]);
    }
    for (const x of audit.alignments) rows.push(['Alignment proposal', frameworkLabel(catalog, x.frameworkId), null, null, x.proposal]);
    return {
      name,
      heading: [...heading, `${audit.kind}, due by ${audit.dueBy}: ${audit.scope.note}`],
      columns: [
        { header: 'Item', width: 18 },
        { header: 'Standard', width: 16 },
        { header: 'Ref ID', width: 10 },
        { header: 'Title', width: 44, wrap: true },
        { header: 'Detail', width: 60, wrap: true },
      ],
      rows,
    };
  }

  async calendar(request: RequestScope, principal: Principal, params: PlanParams, generatedAt: Date): Promise<Calendar> {
    const { plan, catalog, organization } = await this.plan(request, principal, params);
    return {
      name: `Certification plan — ${organization}`,
      generatedAt,
      events: plan.audits.map((a) => {
        const parts = a.parts.map((p) => `${frameworkLabel(catalog, p.frameworkId)}: ${p.kind}`);
        // Stable for the same audit of the same organization, so a re-imported calendar updates its events.
        const uid = createHash('sha256').update([principal.organizationId, a.kind, ...parts, a.dueBy].join('\u0000')).digest('hex').slice(0, 32);
        return {
          uid: `${uid}@crosswalk`,
          date: a.dueBy,
          summary: `${a.kind.replace(/_/g, ' ')} due — ${a.frameworkIds.map((id) => frameworkLabel(catalog, id)).join(' + ')}`,
          description: [
            `Due by ${a.dueBy} (the latest date for the audit).`,
            ...parts,
            a.scope.note,
            `Controls sampled: ${a.scope.sampledControls.length}.`,
            ...a.alignments.map((x) => x.proposal),
          ].join('\n'),
        };
      }),
    };
  }
}
