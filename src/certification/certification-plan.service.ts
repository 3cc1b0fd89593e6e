import { Injectable } from '@nestjs/common';
import { CoverageService } from '../coverage/coverage.service';
import { TenantDb } from '../database/tenant-db';
import { containmentGroups } from '../graph/containment-groups';
import type { GraphView } from '../graph/graph-view';
import { STATUS_EXCLUDED, STATUS_FULL } from '../graph/status-code';
import type { RequestScope } from '../graphql/request-scope';
import { ManagementSystemsService } from '../management-systems/management-systems.service';
import type { Principal } from '../organizations/auth/principal';
import type { TenantCatalog } from '../own-catalog/tenant-catalog';
import { addMonths, formatCalendarDate } from './calendar-date';
import { certificationCycle } from './certification-cycle';
import { combineAudits, type CombinedAudit } from './combine-audits';
import type * as M from './models/certification-plan.models';
import { type CertificationRequest, readCertifications } from './read-certifications';
import { type SampleItem, spreadSamples } from './spread-samples';
import { surveillanceTopics, TOPIC_HS_CLAUSES } from './surveillance-topics';

/** "Recent" changes put a control first in the sampling: those of the year before the plan is made. */
const RECENT_MONTHS = 12;

/** Requirements whose link, control or applicability decision changed since $2: the audit trail says so. */
const RECENT_CHANGES_SQL = `
SELECT DISTINCT CASE entity_type WHEN 'control_link' THEN split_part(entity_id, ':', 2) WHEN 'applicability' THEN entity_id END AS "requirementId",
       CASE entity_type WHEN 'control' THEN entity_id END AS "controlId"
  FROM audit_event
 WHERE organization_id = $1 AND occurred_at >= $2 AND entity_type IN ('control_link', 'control', 'applicability')`;

interface Standing {
  graph: GraphView;
  catalog: TenantCatalog;
  status: Uint8Array;
  recent: Set<number>;
}

/**
 * certificationPlan: the cycles (certification-cycle.ts), combined per management system (combine-audits.ts), and
 * each audit's scope from the organization's data: the 17021-1 surveillance topics on its standards' HS clauses, and
 * its Annex A controls spread over the surveillance audits (spread-samples.ts), grouped through the crosswalks by the
 * engine's containment groups so a shared requirement is sampled once.
 */
@Injectable()
export class CertificationPlanService {
  constructor(
    private readonly coverage: CoverageService,
    private readonly systems: ManagementSystemsService,
    private readonly tenantDb: TenantDb,
  ) {}

  async plan(request: RequestScope, principal: Principal, certifications: readonly CertificationRequest[], integrated: boolean, now = new Date()): Promise<M.CertificationPlan> {
    const { state, status, catalog } = await this.coverage.tenantStatus(request, principal, 1);
    const inputs = readCertifications(certifications, (ref, field) => catalog.resolveFramework(ref, field));
    const planned = inputs.map((i) => i.framework);
    const systems = integrated
      ? [planned]
      : (await this.systems.list(principal.organizationId)).map((s) => planned.filter((f) => s.frameworkIds.includes(f))).filter((s) => s.length > 1);
    const audits = combineAudits(inputs.map(certificationCycle), systems);

    // The crosswalks as these systems read them: SAME_MANAGEMENT_SYSTEM edges hold between standards audited together.
    const base = catalog.graph;
    const systemOf = new Int32Array(base.frameworkCount).fill(-1);
    systems.forEach((members, s) => members.forEach((f) => (systemOf[base.frameworkIndex(f)] = s)));
    const graph = base.underSystems(systemOf);
    const recent = await this.recentRequirements(principal.organizationId, graph, state, addMonths(now, -RECENT_MONTHS));
    const standing: Standing = { graph, catalog, status: status.status, recent };

    const scopes = audits.map((audit) => this.baseScope(standing, audit));
    const groups = [...systems, ...planned.filter((f) => !systems.some((s) => s.includes(f))).map((f) => [f])];
    for (const group of groups) this.sample(standing, group, audits, scopes);

    return {
      audits: audits.map((audit, a) => ({
        kind: audit.kind,
        frameworkIds: audit.frameworks,
        parts: audit.parts.map((p) => ({ frameworkId: p.framework, kind: p.kind })),
        dueBy: formatCalendarDate(audit.dueBy),
        scope: scopes[a],
        alignments: audit.alignments.map((x) => ({
          frameworkId: x.framework,
          ownRecertificationDueBy: formatCalendarDate(x.ownRecertificationDueBy),
          proposal:
            `Recertify ${label(catalog, x.framework)} at this audit, before its own recertification falls due on ${formatCalendarDate(x.ownRecertificationDueBy)}, ` +
            'so that from here on its cycle and this one run together (one combined audit a year). Agree it with the certification body.',
        })),
      })),
    };
  }

  /** The topics of the surveillance parts and the standards evaluated in full; sampled controls come later. */
  private baseScope({ graph, catalog, status }: Standing, audit: CombinedAudit): M.AuditScope {
    const surveilled = audit.parts.filter((p) => p.kind === 'SURVEILLANCE_1' || p.kind === 'SURVEILLANCE_2').map((p) => p.framework);
    const full = audit.parts.filter((p) => p.kind === 'STAGE_2' || p.kind === 'RECERTIFICATION').map((p) => p.framework);
    const stage1 = audit.parts.filter((p) => p.kind === 'STAGE_1').map((p) => p.framework);
    const clauses = surveilled.flatMap((f) =>
      Array.from(graph.requirementsOf(graph.frameworkIndex(f)))
        .filter((r) => status[r] !== STATUS_EXCLUDED)
        .map((r) => ({ id: graph.requirementId(r), hsClause: catalog.requirement(graph.requirementId(r))?.hsClause ?? null })),
    );
    const note = [
      surveilled.length > 0 ? `Surveillance of ${surveilled.map((f) => label(catalog, f)).join(', ')}: the ISO/IEC 17021-1 9.6.2.2 topics and the sampled Annex A controls.` : '',
      full.length > 0 ? `Every applicable requirement of ${full.map((f) => label(catalog, f)).join(', ')}, Annex A included (${audit.parts.some((p) => p.kind === 'STAGE_2') ? 'Stage 2, 9.3.1.3' : 'recertification, 9.6.3'}).` : '',
      stage1.length > 0 ? `Stage 1 of ${stage1.map((f) => label(catalog, f)).join(', ')}: documentation, scope and readiness for Stage 2 (9.3.1.2).` : '',
    ].filter(Boolean);
    return {
      note: note.join(' '),
      topics: surveilled.length === 0 ? [] : surveillanceTopics(clauses).map((t) => ({ topic: t.topic, hsClauses: [...TOPIC_HS_CLAUSES[t.topic]], requirementIds: t.requirementIds })),
      sampledControls: [],
      fullEvaluationIds: full,
    };
  }

  /** Spreads the Annex A controls of one group of standards (audited together, or one alone) over its surveillance audits. */
  private sample({ graph, catalog, status, recent }: Standing, group: string[], audits: CombinedAudit[], scopes: M.AuditScope[]): void {
    const slots = audits.flatMap((audit, a) => {
      const held = audit.parts.filter((p) => group.includes(p.framework) && p.kind.startsWith('SURVEILLANCE')).map((p) => p.framework);
      return held.length > 0 ? [{ a, held }] : [];
    });
    const controls = group.flatMap((f) => Array.from(graph.requirementsOf(graph.frameworkIndex(f))).filter((r) => isAnnexControl(graph, catalog, r) && status[r] !== STATUS_EXCLUDED));
    const reasons = (rs: number[]) => [...(rs.some((r) => status[r] !== STATUS_FULL) ? ['GAP' as const] : []), ...(rs.some((r) => recent.has(r)) ? ['RECENT_CHANGE' as const] : [])];
    const items: SampleItem[] = containmentGroups(graph, controls).map((g) => {
      const rs = [g.representative, ...g.members.map((m) => m.requirement)];
      return { requirements: rs.map((r) => ({ id: graph.requirementId(r), framework: graph.frameworkId(graph.frameworkOf(r)) })), priority: reasons(rs).length > 0 };
    });
    const { perAudit } = spreadSamples(
      slots.map((s) => s.held),
      items,
    );
    perAudit.forEach((sampled, s) => {
      scopes[slots[s].a].sampledControls = sampled.map((item) => ({
        requirementId: item.requirements[0].id,
        alsoCoversIds: item.requirements.slice(1).map((r) => r.id),
        reasons: reasons(item.requirements.map((r) => graph.requirementIndex(r.id))),
      }));
    });
  }

  /** Requirement indexes whose link, control or applicability changed since `since`, by the audit trail. */
  private async recentRequirements(organizationId: string, graph: GraphView, state: { controls: readonly { id: string }[]; linkOffsets: Int32Array; linkControl: Int32Array }, since: Date): Promise<Set<number>> {
    const rows = await this.tenantDb.run(organizationId, (manager) => manager.query(RECENT_CHANGES_SQL, [organizationId, since]) as Promise<Array<{ requirementId: string | null; controlId: string | null }>>);
    const recent = new Set<number>();
    const changedControls = new Set<string>();
    for (const row of rows) {
      if (row.requirementId) {
        const r = graph.requirementIndex(row.requirementId);
        if (r >= 0) recent.add(r);
      }
      if (row.controlId) changedControls.add(row.controlId);
    }
    if (changedControls.size > 0) {
      // A changed control (its status, say) touches every requirement it is linked to now.
      for (let r = 0; r < graph.requirementCount; r++) {
        for (let l = state.linkOffsets[r]; l < state.linkOffsets[r + 1]; l++) {
          if (changedControls.has(state.controls[state.linkControl[l]].id)) recent.add(r);
        }
      }
    }
    return recent;
  }
}

/** An assessable requirement under an annex (ISO 27001's and 42001's Annex A): a control the certification body samples. */
function isAnnexControl(graph: GraphView, catalog: TenantCatalog, r: number): boolean {
  if (!graph.isAssessable(r)) return false;
  return catalog.requirement(graph.requirementId(graph.topLevelAncestorOf(r)))?.kind === 'annex';
}

function label(catalog: TenantCatalog, frameworkId: string): string {
  const f = catalog.framework(frameworkId);
  return f ? `${f.code}:${f.version}` : frameworkId;
}
