import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { TenantDb } from '../database/tenant-db';
import { AUDIT_INSERT, recordAudit } from '../audit/audit-log';
import { CatalogSnapshots } from '../catalog/catalog-snapshots';
import { OwnCatalogs } from '../own-catalog/own-catalogs';
import { BadUserInputError, DomainError, ErrorCode, NotFoundError } from '../common/errors/domain-error';
import type { Page } from '../common/paging/connection.model';
import { returningRows } from '../database/returning';
import { isUniqueViolation, sqlState } from '../database/sql-errors';
import type { PipelinedStatement } from '../database/statement-pipeline';
import type { Principal } from '../organizations/auth/principal';
import type { LinkCoverage } from './control-status';
import type { ControlFilter, CreateControlInput, UpdateControlInput } from './models/control.inputs';
import type { Control, ControlLink } from './models/control.model';

/** A control row as services answer it and audit events record it. */
export const CONTROL_COLUMNS = `id, code, title, description, owner, status, version, created_at AS "createdAt", updated_at AS "updatedAt"`;

/** What crosswalk_lock_control raises when the organization has no such control (migration LockControlOrFail). */
const CONTROL_NOT_FOUND = 'CW404';

function controlNotFound(field: string): NotFoundError {
  return new NotFoundError(field, 'no control with this id in your organization');
}

/** The organization's controls and their links to requirements. Every change writes an audit event in its transaction. */
@Injectable()
export class ControlsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tenantDb: TenantDb,
    private readonly snapshots: CatalogSnapshots,
    private readonly ownCatalogs: OwnCatalogs,
  ) {}

  /**
   * A page of controls; the filter's conditions are ANDed in SQL, so paging and totalCount count only what matches.
   * `filter.framework` is resolved against the catalog; an unknown one is NOT_FOUND, naming what exists.
   */
  async listControls(principal: Principal, filter: ControlFilter | undefined, first: number, offset: number): Promise<Page<Control & { position: number }>> {
    const params: unknown[] = [principal.organizationId];
    const where = ['organization_id = $1'];
    if (filter?.status) {
      params.push(filter.status);
      where.push(`status = $${params.length}`);
    }
    if (filter?.search) {
      params.push(`%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(code ILIKE $${params.length} OR title ILIKE $${params.length} OR owner ILIKE $${params.length})`);
    }
    if (filter?.owner !== undefined && filter.owner !== null) {
      params.push(filter.owner);
      where.push(`owner = $${params.length}`);
    }
    if (filter?.framework !== undefined && filter.framework !== null) {
      if (filter.unlinked === true) {
        throw new BadUserInputError('filter.unlinked', 'true asks for controls without links, and filter.framework for controls linked to a framework; give one of them, or unlinked: false');
      }
      const catalog = await this.ownCatalogs.resolving(principal.organizationId, await this.snapshots.get(), [filter.framework]);
      params.push(catalog.resolveFramework(filter.framework, 'filter.framework').id);
      where.push(`EXISTS (SELECT 1 FROM control_link l JOIN requirement r ON r.id = l.requirement_id
        WHERE l.organization_id = control.organization_id AND l.control_id = control.id AND r.framework_id = $${params.length})`);
    }
    if (filter?.unlinked !== undefined && filter.unlinked !== null) {
      where.push(`${filter.unlinked ? 'NOT ' : ''}EXISTS (SELECT 1 FROM control_link l WHERE l.organization_id = control.organization_id AND l.control_id = control.id)`);
    }
    // One after the other: the tenant transaction is one client (see TenantDb), which runs one statement at a time.
    const [rows, [{ n }]] = await this.tenantDb.run(principal.organizationId, async (manager) => [
      await manager.query(`SELECT ${CONTROL_COLUMNS} FROM control WHERE ${where.join(' AND ')} ORDER BY code, id OFFSET $${params.length + 1} LIMIT $${params.length + 2}`, [...params, offset, first + 1]),
      await manager.query(`SELECT count(*)::int AS n FROM control WHERE ${where.join(' AND ')}`, params),
    ] as const);
    return { rows: (rows as Control[]).map((row, i) => ({ ...row, position: offset + i })), totalCount: n };
  }

  async controlsByIds(organizationId: string, ids: readonly string[]): Promise<Control[]> {
    return this.tenantDb.query(organizationId, `SELECT ${CONTROL_COLUMNS} FROM control WHERE organization_id = $1 AND id = ANY($2::uuid[])`, [organizationId, ids]);
  }

  async linksOfControls(organizationId: string, controlIds: readonly string[]): Promise<ControlLink[]> {
    return this.tenantDb.query(
      organizationId,
      `SELECT l.control_id AS "controlId", l.requirement_id AS "requirementId", l.coverage
         FROM control_link l JOIN requirement r ON r.id = l.requirement_id JOIN framework f ON f.id = r.framework_id
        WHERE l.organization_id = $1 AND l.control_id = ANY($2::uuid[]) ORDER BY f.code, f.version, r.position`,
      [organizationId, controlIds],
    );
  }

  async createControl(principal: Principal, input: CreateControlInput): Promise<Control> {
    try {
      return await this.tenantDb.write(principal.organizationId, async (manager) => {
        const [control]: Control[] = await manager.query(
          `INSERT INTO control (organization_id, code, title, description, owner, status) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${CONTROL_COLUMNS}`,
          [principal.organizationId, input.code, input.title, input.description ?? null, input.owner ?? null, input.status],
        );
        await recordAudit(manager, principal, 'createControl', { type: 'control', id: control.id }, null, control);
        return control;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_control_code')) throw new DomainError(ErrorCode.CONFLICT, `input.code: a control with code "${input.code}" already exists; choose another code`, 'input.code');
      throw error;
    }
  }

  async updateControl(principal: Principal, id: string, input: UpdateControlInput, expectedVersion: number): Promise<Control> {
    try {
      return await this.tenantDb.write(principal.organizationId, async (manager) => {
        const before = await this.lockControl(manager, principal, id);
        if (before.version !== expectedVersion) {
          throw new DomainError(ErrorCode.CONFLICT, `expectedVersion: the control is at version ${before.version}, not ${expectedVersion}; read it again and reapply your change`, 'expectedVersion');
        }
        const next = {
          code: input.code ?? before.code,
          title: input.title ?? before.title,
          description: input.description === undefined ? before.description : input.description,
          owner: input.owner === undefined ? before.owner : input.owner,
          status: input.status ?? before.status,
        };
        const [after] = returningRows<Control>(await manager.query(
          `UPDATE control SET code = $3, title = $4, description = $5, owner = $6, status = $7, version = version + 1, updated_at = now()
            WHERE organization_id = $1 AND id = $2 RETURNING ${CONTROL_COLUMNS}`,
          [principal.organizationId, id, next.code, next.title, next.description, next.owner, next.status],
        ));
        await recordAudit(manager, principal, 'updateControl', { type: 'control', id }, before, after);
        return after;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_control_code')) throw new DomainError(ErrorCode.CONFLICT, `input.code: a control with code "${input.code}" already exists; choose another code`, 'input.code');
      throw error;
    }
  }

  deleteControl(principal: Principal, id: string): Promise<boolean> {
    return this.tenantDb.write(principal.organizationId, async (manager) => {
      const before = await this.lockControl(manager, principal, id);
      const links = await manager.query(`SELECT requirement_id AS "requirementId", coverage FROM control_link WHERE organization_id = $1 AND control_id = $2`, [principal.organizationId, id]);
      await manager.query(`DELETE FROM control WHERE organization_id = $1 AND id = $2`, [principal.organizationId, id]);
      await recordAudit(manager, principal, 'deleteControl', { type: 'control', id }, { ...before, links }, null);
      return true;
    });
  }

  /**
   * Links (or relinks) a control: locks the control, then one statement reads the link's previous coverage, writes the
   * new one and records the audit event. Every writer of this control's links holds the same lock, and the statement
   * takes its snapshot after the lock is granted, so it reads the true previous state. Both go in one pipelined
   * round trip with the transaction's framing (TenantDb.writePipelined), so the lock is held only while PostgreSQL
   * works, never across a wait for the network. An unknown control fails the lock, which aborts the transaction
   * before the statement: NOT_FOUND, and nothing written.
   */
  async linkControl(principal: Principal, args: { controlId: string; framework: string; refId: string; coverage: LinkCoverage }): Promise<ControlLink> {
    const requirementId = await this.requirementId(principal, args.framework, args.refId);
    await this.writeLocked(principal, args.controlId, {
      sql: `WITH previous AS (
         SELECT coverage FROM control_link WHERE organization_id = $1 AND control_id = $2 AND requirement_id = $3
       ), upserted AS (
         INSERT INTO control_link (organization_id, control_id, requirement_id, coverage) VALUES ($1, $2, $3, $4)
         ON CONFLICT (organization_id, control_id, requirement_id) DO UPDATE SET coverage = EXCLUDED.coverage
         RETURNING 1
       )
       ${AUDIT_INSERT}
       SELECT $1, $5, 'linkControl', 'control_link', $6, (SELECT jsonb_build_object('coverage', coverage) FROM previous), $7::jsonb
         FROM upserted`,
      params: [principal.organizationId, args.controlId, requirementId, args.coverage, principal.keyId, `${args.controlId}:${requirementId}`,
        JSON.stringify({ controlId: args.controlId, framework: args.framework, refId: args.refId, coverage: args.coverage })],
      name: 'crosswalk_link_control',
    });
    return { controlId: args.controlId, requirementId, coverage: args.coverage };
  }

  /**
   * Removes a link and records the audit event in one statement, after the control's lock, both in one pipelined
   * round trip as linkControl's; false when there was none.
   */
  async unlinkControl(principal: Principal, args: { controlId: string; framework: string; refId: string }): Promise<boolean> {
    const requirementId = await this.requirementId(principal, args.framework, args.refId);
    const removed = await this.writeLocked(principal, args.controlId, {
      sql: `WITH removed AS (
         DELETE FROM control_link WHERE organization_id = $1 AND control_id = $2 AND requirement_id = $3 RETURNING coverage
       ), audited AS (
         ${AUDIT_INSERT}
         SELECT $1, $4, 'unlinkControl', 'control_link', $5, $6::jsonb || jsonb_build_object('coverage', coverage), NULL FROM removed
       )
       SELECT coverage FROM removed`,
      params: [principal.organizationId, args.controlId, requirementId, principal.keyId, `${args.controlId}:${requirementId}`,
        JSON.stringify({ controlId: args.controlId, framework: args.framework, refId: args.refId })],
      name: 'crosswalk_unlink_control',
    });
    return removed.length > 0;
  }

  /**
   * Locks the control (crosswalk_lock_control), then runs `change`, in one transaction sent in one round trip; gives
   * the change's rows. An unknown control (or another tenant's) fails the lock, so the change never runs: NOT_FOUND.
   */
  private async writeLocked(principal: Principal, controlId: string, change: PipelinedStatement): Promise<Array<Record<string, unknown>>> {
    try {
      const [, changed] = await this.tenantDb.writePipelined(principal.organizationId, [
        { sql: 'SELECT crosswalk_lock_control($1, $2)', params: [principal.organizationId, controlId], name: 'crosswalk_lock_control' },
        change,
      ]);
      return changed.rows;
    } catch (error) {
      if (sqlState(error) === CONTROL_NOT_FOUND) throw controlNotFound('controlId');
      throw error;
    }
  }

  /** The control row, locked for this transaction; NOT_FOUND alike for a missing id and another tenant's id. */
  private async lockControl(manager: EntityManager, principal: Principal, id: string, field = 'id'): Promise<Control> {
    const rows: Control[] = await manager.query(`SELECT ${CONTROL_COLUMNS} FROM control WHERE organization_id = $1 AND id = $2 FOR UPDATE`, [principal.organizationId, id]);
    if (rows.length === 0) throw controlNotFound(field);
    return rows[0];
  }

  /** The requirement a (framework, refId) pair names, from the catalog snapshot or the organization's own catalog. */
  private async requirementId(principal: Principal, frameworkRef: string, refId: string): Promise<string> {
    const catalog = await this.ownCatalogs.resolving(principal.organizationId, await this.snapshots.get(), [frameworkRef]);
    const framework = catalog.resolveFramework(frameworkRef, 'framework');
    const requirement = catalog.requirementByRef(framework.id, refId);
    if (!requirement) throw new NotFoundError('refId', `${framework.code}:${framework.version} has no requirement "${refId}"`);
    return requirement.id;
  }
}
