import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit-log';
import { CatalogSnapshots } from '../catalog/catalog-snapshots';
import type { Framework } from '../catalog/models/framework.model';
import { BadUserInputError, NotFoundError } from '../common/errors/domain-error';
import { TenantDb } from '../database/tenant-db';
import type { Principal } from '../organizations/auth/principal';
import { checkDeclarable } from './management-system-rules';
import type { ManagementSystem } from './models/management-system.model';

const SYSTEM_COLUMNS = `s.id, s.name, s.created_at AS "createdAt", s.updated_at AS "updatedAt",
  COALESCE(array_agg(f.framework_id ORDER BY f.framework_id) FILTER (WHERE f.framework_id IS NOT NULL), '{}') AS "frameworkIds"`;

/** The organization's declared management systems. Every change writes an audit event in its transaction. */
@Injectable()
export class ManagementSystemsService {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly snapshots: CatalogSnapshots,
  ) {}

  list(organizationId: string): Promise<ManagementSystem[]> {
    return this.tenantDb.run(organizationId, (manager) => this.read(manager, organizationId));
  }

  private read(manager: EntityManager, organizationId: string, where = '', params: unknown[] = []): Promise<ManagementSystem[]> {
    return manager.query(
      `SELECT ${SYSTEM_COLUMNS} FROM management_system s
         LEFT JOIN management_system_framework f ON f.organization_id = s.organization_id AND f.management_system_id = s.id
        WHERE s.organization_id = $1 ${where} GROUP BY s.id, s.name, s.created_at, s.updated_at ORDER BY s.name`,
      [organizationId, ...params],
    );
  }

  /** Every change to one organization's systems takes its turn, so two of them cannot both claim one framework. */
  private lock(manager: EntityManager, organizationId: string): Promise<unknown> {
    return manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('management_system:' || $1, 0))`, [organizationId]);
  }

  private describe(frameworks: readonly Framework[], system: ManagementSystem | undefined) {
    if (!system) return null;
    const keys = frameworks.filter((f) => system.frameworkIds.includes(f.id)).map((f) => `${f.code}:${f.version}`).sort();
    return { name: system.name, frameworks: keys };
  }

  async set(principal: Principal, name: string, refs: string[]): Promise<ManagementSystem> {
    const catalog = await this.snapshots.get();
    const { frameworks } = catalog;
    const trimmed = name.trim();
    // Each framework once, with the argument position that first named it (for error messages).
    const byId = new Map<string, { framework: Framework; field: string }>();
    refs.forEach((ref, i) => {
      const framework = catalog.resolveFramework(ref, `frameworks[${i}]`);
      if (!byId.has(framework.id)) byId.set(framework.id, { framework, field: `frameworks[${i}]` });
    });
    const unique = [...byId.values()];
    checkDeclarable(unique);
    const org = principal.organizationId;
    return this.tenantDb.write(org, async (manager) => {
      await this.lock(manager, org);
      const systems = await this.read(manager, org);
      const before = systems.find((s) => s.name === trimmed);
      for (const { framework, field } of unique) {
        const holder = systems.find((s) => s.name !== trimmed && s.frameworkIds.includes(framework.id));
        if (holder) {
          throw new BadUserInputError(
            field,
            `${framework.code}:${framework.version} already belongs to the management system "${holder.name}", and a standard belongs to at most one; ` +
              `add the other frameworks to "${holder.name}" instead, or take ${framework.code} out of it first`,
          );
        }
      }
      const [{ id }]: Array<{ id: string }> = await manager.query(
        `INSERT INTO management_system (organization_id, name) VALUES ($1, $2)
         ON CONFLICT (organization_id, name) DO UPDATE SET updated_at = now() RETURNING id`,
        [org, trimmed],
      );
      await manager.query(`DELETE FROM management_system_framework WHERE organization_id = $1 AND management_system_id = $2`, [org, id]);
      await manager.query(
        `INSERT INTO management_system_framework (organization_id, management_system_id, framework_id) SELECT $1, $2, unnest($3::uuid[])`,
        [org, id, unique.map((c) => c.framework.id)],
      );
      const [after] = await this.read(manager, org, 'AND s.id = $2', [id]);
      await recordAudit(manager, principal, 'setManagementSystem', { type: 'management_system', id }, this.describe(frameworks, before), this.describe(frameworks, after));
      return after;
    });
  }

  async delete(principal: Principal, id: string): Promise<boolean> {
    const { frameworks } = await this.snapshots.get();
    const org = principal.organizationId;
    return this.tenantDb.write(org, async (manager) => {
      await this.lock(manager, org);
      const [before] = await this.read(manager, org, 'AND s.id = $2', [id]);
      if (!before) throw new NotFoundError('id', 'the organization has no management system with this id; `managementSystems { id name }` lists them');
      await manager.query(`DELETE FROM management_system WHERE organization_id = $1 AND id = $2`, [org, id]);
      await recordAudit(manager, principal, 'deleteManagementSystem', { type: 'management_system', id }, this.describe(frameworks, before), null);
      return true;
    });
  }
}
