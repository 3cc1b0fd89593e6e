import { Injectable } from '@nestjs/common';
import { TenantDb } from '../database/tenant-db';
import { recordAudit } from '../audit/audit-log';
import { CatalogSnapshots } from '../catalog/catalog-snapshots';
import { OwnCatalogs } from '../own-catalog/own-catalogs';
import type { Framework } from '../catalog/models/framework.model';
import type { Principal } from './auth/principal';

/** What an organization has in scope. (Its Statement of Applicability is src/applicability/.) */
@Injectable()
export class ScopeService {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly snapshots: CatalogSnapshots,
    private readonly ownCatalogs: OwnCatalogs,
  ) {}

  async scope(organizationId: string): Promise<string[]> {
    const rows = await this.tenantDb.query<{ framework_id: string }>(organizationId, `SELECT framework_id FROM scope WHERE organization_id = $1`, [organizationId]);
    return rows.map((r) => r.framework_id);
  }

  async setScope(principal: Principal, refs: string[]): Promise<Framework[]> {
    const catalog = await this.ownCatalogs.forOrganization(principal.organizationId, await this.snapshots.get());
    const { frameworks } = catalog;
    const chosen = [...new Map(refs.map((ref, i) => catalog.resolveFramework(ref, `frameworks[${i}]`)).map((f) => [f.id, f])).values()];
    return this.tenantDb.write(principal.organizationId, async (manager) => {
      const before: Array<{ framework_id: string }> = await manager.query(`SELECT framework_id FROM scope WHERE organization_id = $1 FOR UPDATE`, [principal.organizationId]);
      await manager.query(`DELETE FROM scope WHERE organization_id = $1`, [principal.organizationId]);
      await manager.query(`INSERT INTO scope (organization_id, framework_id) SELECT $1, unnest($2::uuid[])`, [principal.organizationId, chosen.map((f) => f.id)]);
      const key = (ids: string[]) => frameworks.filter((f) => ids.includes(f.id)).map((f) => `${f.code}:${f.version}`).sort();
      await recordAudit(manager, principal, 'setScope', { type: 'scope', id: principal.organizationId }, key(before.map((r) => r.framework_id)), key(chosen.map((f) => f.id)));
      return chosen;
    });
  }
}
