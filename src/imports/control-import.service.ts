import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CatalogSnapshots } from '../catalog/catalog-snapshots';
import { OwnCatalogs } from '../own-catalog/own-catalogs';
import type { TenantCatalog } from '../own-catalog/tenant-catalog';
import type { LinkCoverage } from '../controls/control-status';
import { CONTROL_COLUMNS } from '../controls/controls.service';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { isUniqueViolation } from '../database/sql-errors';
import { TenantDb } from '../database/tenant-db';
import type { AuditActor } from '../audit/audit-log';
import type { ControlImportOptions, ControlImportReport, ControlImportRow, ValidControlRow } from './control-import.types';
import { validateControlRows } from './control-rows.validator';
import { type ControlFields, type ExistingControl, type ImportPlan, planImport } from './import-plan';
import type { LinkCatalog } from './link-spec';

/** CONTROL_COLUMNS of the control aliased c: an updated control as its audit event records it. */
const UPDATED_COLUMNS = `c.id, c.code, c.title, c.description, c.owner, c.status, c.version, c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

/** The audit operations of an import; each event also carries the import's id (audit_event.import_id). */
export const IMPORT_OPERATIONS = { control: 'importControl', link: 'importLink', unlink: 'importUnlink' } as const;

/**
 * The stages of an import, in order, as `options.onStep` reports them when each is done (the command line's progress
 * bar). A refused import stops after `checked`; a dry run after `planned`.
 */
export const IMPORT_STEPS = ['checked every row', 'locked and planned', 'wrote the controls', 'wrote the links', 'committed'] as const;
export type ImportStep = (typeof IMPORT_STEPS)[number];

/** The plan, and the id of each existing control by code (new ones get theirs on insert). */
type Planned = ImportPlan & { idOfCode: ReadonlyMap<string, string> };

/**
 * The control inventory import (issue 13): every row is checked before anything is written, and one bad row refuses
 * the whole import (ok: false, every problem listed, nothing written). An accepted import is one transaction of
 * set-based statements (unnest of arrays, never a statement per row), whatever the number of rows: lock the existing
 * controls it names, read their links, plan (import-plan.ts), insert, update, remove and upsert links, and record
 * every change as an audit event under one import id. TenantDb.write keeps row-level security on and drops the
 * organization's kept tenant state on commit, as every write does.
 */
@Injectable()
export class ControlImportService {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly snapshots: CatalogSnapshots,
    private readonly ownCatalogs: OwnCatalogs,
  ) {}

  /**
   * `principal`: the organization written to and the key the audit events name (null from the command line, which
   * has none).
   */
  async importControls(principal: AuditActor, rows: readonly ControlImportRow[], options: ControlImportOptions & { onStep?: (step: ImportStep) => void }): Promise<ControlImportReport> {
    const step = options.onStep ?? (() => undefined);
    // Links may name the organization's own frameworks as well as public ones.
    const catalog = await this.ownCatalogs.forOrganization(principal.organizationId, await this.snapshots.get());
    const rowNumbers = options.rowNumbers ?? rows.map((_, i) => i + 1);
    const check = validateControlRows(rows, rowNumbers, linkCatalog(catalog));
    step('checked every row');
    const report: ControlImportReport = {
      ok: check.problemCount === 0, dryRun: options.dryRun, importId: null,
      created: 0, updated: 0, unchanged: 0, linksAdded: 0, linksRemoved: 0, linksChanged: 0,
      problems: check.problems, problemCount: check.problemCount,
    };
    if (!report.ok) return report;
    const codes = check.valid.map((r) => r.code);
    if (options.dryRun) {
      const plan = await this.tenantDb.run(principal.organizationId, async (manager) => this.plan(manager, principal, check.valid, codes, options, false));
      step('locked and planned');
      return { ...report, ...plan.counts };
    }
    const importId = randomUUID();
    try {
      const plan = await this.tenantDb.write(principal.organizationId, async (manager) => {
        const planned = await this.plan(manager, principal, check.valid, codes, options, true);
        step('locked and planned');
        await this.write(manager, principal, planned, importId, step);
        return planned;
      });
      step('committed');
      return { ...report, importId, ...plan.counts };
    } catch (error) {
      // A code new when the import read the controls, created meanwhile by another write: nothing was written.
      if (isUniqueViolation(error, 'uq_control_code')) {
        throw new DomainError(ErrorCode.CONFLICT, 'rows: another change created one of these codes while the import ran; nothing was written, import again', 'rows');
      }
      throw error;
    }
  }

  /**
   * Reads the organization's controls with these codes and their links, and plans the import. `lock`: the controls
   * are locked (FOR UPDATE, in id order, the order crosswalk_refresh_control_links locks in), so no other writer of
   * them or of their links (each takes the control's lock, see crosswalk_lock_control) runs until the import commits.
   */
  private async plan(manager: EntityManager, principal: AuditActor, rows: readonly ValidControlRow[], codes: string[], options: ControlImportOptions, lock: boolean): Promise<Planned> {
    const found: ExistingControl[] = await manager.query(
      `SELECT id, code, title, description, owner, status, version FROM control
        WHERE organization_id = $1 AND code = ANY($2::text[]) ORDER BY id${lock ? ' FOR UPDATE' : ''}`,
      [principal.organizationId, codes],
    );
    const existing = new Map(found.map((c) => [c.code, c]));
    const linksOf = new Map<string, Map<string, LinkCoverage>>();
    const ids = rows.filter((r) => r.links !== undefined && existing.has(r.code)).map((r) => existing.get(r.code)!.id);
    if (ids.length > 0) {
      const links: Array<{ controlId: string; requirementId: string; coverage: LinkCoverage }> = await manager.query(
        `SELECT control_id AS "controlId", requirement_id AS "requirementId", coverage FROM control_link WHERE organization_id = $1 AND control_id = ANY($2::uuid[])`,
        [principal.organizationId, ids],
      );
      for (const l of links) {
        let of = linksOf.get(l.controlId);
        if (!of) linksOf.set(l.controlId, (of = new Map()));
        of.set(l.requirementId, l.coverage);
      }
    }
    return { ...planImport(rows, existing, linksOf, options.mode), idOfCode: new Map(found.map((c) => [c.code, c.id])) };
  }

  /**
   * The plan's statements, each one set-based and each recording its own audit events in the same statement (a
   * data-modifying WITH, as linkControl does), so the events are built by PostgreSQL from what was written, in the
   * order of the rows, and every one carries the import id. A data-modifying WITH always runs to completion, so the
   * link upsert's events are made from its input (every input row is written, or the statement fails), without
   * joining back what it returned.
   */
  private async write(manager: EntityManager, principal: AuditActor, plan: Planned, importId: string, step: (step: ImportStep) => void): Promise<void> {
    const org = principal.organizationId;
    // Every statement takes the organization, the key and the import as $1, $2 and $3, and its arrays from $4 on.
    const audit = (operation: string) => `INSERT INTO audit_event (organization_id, api_key_id, import_id, operation, entity_type, entity_id, before, after)
      SELECT $1::uuid, $2::uuid, $3::uuid, '${operation}'`;
    const head = [org, principal.keyId, importId];
    const idOfCode = new Map(plan.idOfCode);
    const column = <K extends keyof ControlFields>(list: ControlFields[], key: K) => list.map((c) => c[key]);

    if (plan.creates.length > 0) {
      const created: Array<{ id: string; code: string }> = await manager.query(
        `WITH created AS (
           INSERT INTO control (organization_id, code, title, description, owner, status)
           SELECT $1, r.code, r.title, r.description, r.owner, r.status
             FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) WITH ORDINALITY AS r(code, title, description, owner, status, n) ORDER BY r.n
           RETURNING ${CONTROL_COLUMNS}
         ), audited AS (
           ${audit(IMPORT_OPERATIONS.control)}, 'control', c.id::text, NULL, to_jsonb(c) FROM created c
         )
         SELECT id, code FROM created`,
        [...head, column(plan.creates, 'code'), column(plan.creates, 'title'), column(plan.creates, 'description'), column(plan.creates, 'owner'), column(plan.creates, 'status')],
      );
      for (const c of created) idOfCode.set(c.code, c.id);
    }
    if (plan.updates.length > 0) {
      const after = plan.updates.map((u) => u.after);
      // `old` reads the rows as they were: every part of one statement sees the same snapshot, taken before the UPDATE.
      await manager.query(
        `WITH old AS (
           SELECT ${CONTROL_COLUMNS} FROM control WHERE organization_id = $1 AND id = ANY($4::uuid[])
         ), updated AS (
           UPDATE control c SET title = u.title, description = u.description, owner = u.owner, status = u.status, version = c.version + 1, updated_at = now()
             FROM unnest($4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[]) AS u(id, title, description, owner, status)
            WHERE c.organization_id = $1 AND c.id = u.id
            RETURNING ${UPDATED_COLUMNS}
         )
         ${audit(IMPORT_OPERATIONS.control)}, 'control', u.id::text, to_jsonb(o), to_jsonb(u) FROM updated u JOIN old o ON o.id = u.id ORDER BY u.code`,
        [...head, plan.updates.map((u) => u.before.id), column(after, 'title'), column(after, 'description'), column(after, 'owner'), column(after, 'status')],
      );
    }
    step('wrote the controls');
    if (plan.linkRemovals.length > 0) {
      await manager.query(
        `WITH removed AS (
           DELETE FROM control_link l USING unnest($4::uuid[], $5::uuid[]) AS d(control_id, requirement_id)
            WHERE l.organization_id = $1 AND l.control_id = d.control_id AND l.requirement_id = d.requirement_id
            RETURNING l.control_id, l.requirement_id, l.coverage
         )
         ${audit(IMPORT_OPERATIONS.unlink)}, 'control_link', r.control_id || ':' || r.requirement_id,
           jsonb_build_object('controlId', r.control_id, 'framework', f.code || ':' || f.version, 'refId', q.ref_id, 'coverage', r.coverage), NULL
           FROM removed r JOIN requirement q ON q.id = r.requirement_id JOIN framework f ON f.id = q.framework_id
          ORDER BY r.control_id, q.position`,
        [...head, plan.linkRemovals.map((r) => r.controlId), plan.linkRemovals.map((r) => r.requirementId)],
      );
    }
    if (plan.linkUpserts.length > 0) {
      await manager.query(
        `WITH input AS (
           SELECT * FROM unnest($4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[])
             WITH ORDINALITY AS i(control_id, requirement_id, coverage, before, framework, ref_id, n)
         ), upserted AS (
           INSERT INTO control_link (organization_id, control_id, requirement_id, coverage)
           SELECT $1, control_id, requirement_id, coverage FROM input
           ON CONFLICT (organization_id, control_id, requirement_id) DO UPDATE SET coverage = EXCLUDED.coverage
         )
         ${audit(IMPORT_OPERATIONS.link)}, 'control_link', i.control_id || ':' || i.requirement_id,
           CASE WHEN i.before IS NULL THEN NULL ELSE jsonb_build_object('coverage', i.before) END,
           jsonb_build_object('controlId', i.control_id, 'framework', i.framework, 'refId', i.ref_id, 'coverage', i.coverage)
           FROM input i ORDER BY i.n`,
        [
          ...head,
          plan.linkUpserts.map((l) => idOfCode.get(l.code)!),
          plan.linkUpserts.map((l) => l.requirementId),
          plan.linkUpserts.map((l) => l.coverage),
          plan.linkUpserts.map((l) => l.before),
          plan.linkUpserts.map((l) => l.framework),
          plan.linkUpserts.map((l) => l.refId),
        ],
      );
    }
    step('wrote the links');
  }
}

/** The catalog as link-spec.ts reads it, with each framework's refIds listed once, on first need. */
function linkCatalog(catalog: TenantCatalog): LinkCatalog {
  const refIds = new Map<string, readonly string[]>();
  return {
    frameworks: catalog.frameworks,
    requirementByRef: (frameworkId, refId) => catalog.requirementByRef(frameworkId, refId),
    refIds: (frameworkId) => {
      let list = refIds.get(frameworkId);
      if (!list) {
        refIds.set(frameworkId, (list = catalog.indexOf(frameworkId).requirementsOfFramework(frameworkId).map((r) => r.refId)));
      }
      return list;
    },
  };
}
