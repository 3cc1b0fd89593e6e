import { Injectable } from '@nestjs/common';
import { recordAudit } from '../audit/audit-log';
import { CatalogSnapshots } from '../catalog/catalog-snapshots';
import type { Page } from '../common/paging/connection.model';
import { CoverageService } from '../coverage/coverage.service';
import type { RequestScope } from '../graphql/request-scope';
import { requirementIndexByRef } from '../coverage/requirement-ref';
import type { ControlLink } from '../controls/models/control.model';
import { TenantDb } from '../database/tenant-db';
import { applicabilityCascade, assessableDescendants, DECISION_APPLICABLE, DECISION_EXCLUDED } from '../graph/applicability-cascade';
import type { GraphView } from '../graph/graph-view';
import { OwnCatalogs } from '../own-catalog/own-catalogs';
import { compareRefIds } from '../graph/ref-id-order';
import { STATUS_NAMES } from '../graph/status-code';
import type { Principal } from '../organizations/auth/principal';
import type { AiRole } from '../catalog/ai-role';
import { DomainError } from '../common/errors/domain-error';
import type { Applicability, StatementOfApplicabilityEntry } from './models/applicability.model';

interface DecisionRow {
  requirementId: string;
  applicable: boolean;
  justification: string;
  setAt: Date;
  setBy: string | null;
  setByName: string | null;
}

/** Per requirement index of `graph`, the decision code of each row (applicability-cascade.ts). */
function decisionCodes(graph: GraphView, rows: Array<{ requirementId: string; applicable: boolean }>): Uint8Array {
  const codes = new Uint8Array(graph.requirementCount);
  for (const row of rows) {
    const r = graph.requirementIndex(row.requirementId);
    if (r >= 0) codes[r] = row.applicable ? DECISION_APPLICABLE : DECISION_EXCLUDED;
  }
  return codes;
}

/**
 * The Statement of Applicability: setting a line (on a heading, for its descendants too) and reading it back. One
 * decision is one row; how it reaches descendants is computed where it is read (graph/applicability-cascade.ts).
 */
@Injectable()
export class ApplicabilityService {
  constructor(
    private readonly snapshots: CatalogSnapshots,
    private readonly coverage: CoverageService,
    private readonly tenantDb: TenantDb,
    private readonly ownCatalogs: OwnCatalogs,
  ) {}

  async setApplicability(principal: Principal, args: { framework: string; refId: string; applicable: boolean; justification: string }): Promise<Applicability> {
    const [line] = await this.setApplicabilities(principal, args.framework, [args], 'setApplicability');
    return line;
  }

  /**
   * Several lines of one framework in one transaction: all are written, each with its audit event under `operation`,
   * or none is. A refId that is not in the framework fails before anything is written.
   */
  async setApplicabilities(
    principal: Principal,
    frameworkRef: string,
    lines: ReadonlyArray<{ refId: string; applicable: boolean; justification: string }>,
    operation: string,
    refIdField = (i: number) => (lines.length === 1 ? 'refId' : `refIds[${i}]`),
  ): Promise<Applicability[]> {
    const catalog = await this.ownCatalogs.forOrganization(principal.organizationId, await this.snapshots.get());
    const framework = catalog.resolveFramework(frameworkRef, 'framework');
    const graph = catalog.graph;
    const indexes = lines.map((line, i) => {
      try {
        return requirementIndexByRef(graph, framework, line.refId);
      } catch (error) {
        // requirementIndexByRef names `refId`; a list names the element.
        if (error instanceof DomainError && lines.length > 1) throw new DomainError(error.code, error.message.replace(/^refId/, refIdField(i)), refIdField(i));
        throw error;
      }
    });
    const memberIds = indexes.length === 0 ? [] : Array.from(graph.requirementsOf(graph.frameworkOf(indexes[0])), (m) => graph.requirementId(m));
    return this.tenantDb.write(principal.organizationId, async (manager) => {
      // One writer of an organization's applicability at a time, so the count below is against the state it changes.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('applicability:' || $1))`, [principal.organizationId]);
      const written: Applicability[] = [];
      for (const [i, line] of lines.entries()) {
        const r = indexes[i];
        const requirementId = graph.requirementId(r);
        const descendants = assessableDescendants(graph, r);
        const rows: Array<{ requirementId: string; applicable: boolean; justification: string }> = await manager.query(
          `SELECT requirement_id AS "requirementId", applicable, justification FROM applicability
            WHERE organization_id = $1 AND requirement_id = ANY($2::uuid[]) FOR UPDATE`,
          [principal.organizationId, memberIds],
        );
        const before = decisionCodes(graph, rows);
        const after = before.slice();
        after[r] = line.applicable ? DECISION_APPLICABLE : DECISION_EXCLUDED;
        const [was, now] = [applicabilityCascade(graph, before).excluded, applicabilityCascade(graph, after).excluded];
        const affected = descendants.filter((d) => was[d] !== now[d]);
        const [row]: Array<{ updatedAt: Date }> = await manager.query(
          `INSERT INTO applicability (organization_id, requirement_id, applicable, justification, set_by_key_id) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (organization_id, requirement_id) DO UPDATE
             SET applicable = EXCLUDED.applicable, justification = EXCLUDED.justification, set_by_key_id = EXCLUDED.set_by_key_id, updated_at = now()
           RETURNING updated_at AS "updatedAt"`,
          [principal.organizationId, requirementId, line.applicable, line.justification, principal.keyId],
        );
        const previous = rows.find((x) => x.requirementId === requirementId);
        await recordAudit(manager, principal, operation, { type: 'applicability', id: requirementId },
          previous ? { applicable: previous.applicable, justification: previous.justification } : null, {
            framework: `${framework.code}:${framework.version}`,
            refId: line.refId,
            applicable: line.applicable,
            justification: line.justification,
            descendantsAffected: affected.length,
            descendants: affected.map((d) => graph.refId(d)),
          });
        written.push({ requirementId, applicable: line.applicable, justification: line.justification, updatedAt: row.updatedAt, descendantsAffected: affected.length });
      }
      return written;
    });
  }

  /** Every assessable requirement of the framework in refId order, `first` of them from `offset`. */
  async statement(request: RequestScope, principal: Principal, ref: string, first: number, offset: number, aiRoles?: AiRole[]): Promise<Page<StatementOfApplicabilityEntry & { position: number }>> {
    const { graph, state, status, catalog } = await this.coverage.tenantStatus(request, principal, 1);
    const framework = catalog.resolveFramework(ref, 'framework');
    const f = graph.frameworkIndex(framework.id);
    const members = f < 0 ? [] : Array.from(graph.requirementsOf(f));
    const keep = this.coverage.roleKeep(graph, catalog, aiRoles);
    const assessable = members.filter((r) => graph.isAssessable(r) && (!keep || keep(r))).sort((x, y) => compareRefIds(graph.refId(x), graph.refId(y)));
    const page = assessable.slice(offset, offset + first + 1);
    const rows = page.length === 0 ? [] : await this.tenantDb.query<DecisionRow>(
      principal.organizationId,
      `SELECT a.requirement_id AS "requirementId", a.applicable, a.justification, a.updated_at AS "setAt",
              a.set_by_key_id AS "setBy", k.name AS "setByName"
         FROM applicability a LEFT JOIN api_key k ON k.organization_id = a.organization_id AND k.id = a.set_by_key_id
        WHERE a.organization_id = $1 AND a.requirement_id = ANY($2::uuid[])`,
      [principal.organizationId, members.map((m) => graph.requirementId(m))],
    );
    const byId = new Map(rows.map((row) => [row.requirementId, row]));
    const { decidedBy } = applicabilityCascade(graph, decisionCodes(graph, rows));
    return {
      totalCount: assessable.length,
      rows: page.map((r, i) => {
        const by = decidedBy[r] >= 0 ? graph.requirementId(decidedBy[r]) : null;
        const decision = by === null ? undefined : byId.get(by);
        const controls: ControlLink[] = [];
        for (let l = state.linkOffsets[r]; l < state.linkOffsets[r + 1]; l++) {
          controls.push({ controlId: state.controls[state.linkControl[l]].id, requirementId: graph.requirementId(r), coverage: state.linkFull[l] ? 'FULL' : 'PARTIAL' });
        }
        return {
          position: offset + i,
          requirementId: graph.requirementId(r),
          inheritedFromId: decidedBy[r] >= 0 && decidedBy[r] !== r ? by : null,
          // The engine's reading, so `applicable` and `status` always agree.
          applicable: state.excluded[r] === 0,
          justification: decision?.justification ?? null,
          setBy: decision?.setBy ?? null,
          setByName: decision?.setByName ?? null,
          setAt: decision?.setAt ?? null,
          controls,
          status: STATUS_NAMES[status.status[r]],
          weight: status.weight[r],
        };
      }),
    };
  }
}
