import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Runs tenant work inside a transaction that PostgreSQL row-level security confines to one organization: the
 * transaction switches to the role crosswalk_app (which cannot bypass RLS) and sets crosswalk.organization_id, so even
 * a query that forgets its `WHERE organization_id` sees and changes only that organization's rows.
 */
@Injectable()
export class TenantDb {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  run<T>(organizationId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(async (manager) => {
      // SET LOCAL ROLE and the setting in one round trip: set_config('role', …, true) is SET LOCAL ROLE.
      await manager.query(`SELECT set_config('role', 'crosswalk_app', true), set_config('crosswalk.organization_id', $1, true)`, [organizationId]);
      return work(manager);
    });
  }

  /** One statement as the tenant, for reads. */
  query<T = Record<string, unknown>>(organizationId: string, sql: string, params?: unknown[]): Promise<T[]> {
    return this.run(organizationId, (manager) => manager.query(sql, params));
  }
}
