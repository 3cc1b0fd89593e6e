import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { TenantStateCache } from '../tenant-state/tenant-state.cache';

/**
 * Runs tenant work inside a transaction that PostgreSQL row-level security confines to one organization: the
 * transaction switches to the role crosswalk_app (which cannot bypass RLS) and sets crosswalk.organization_id, so even
 * a query that forgets its `WHERE organization_id` sees and changes only that organization's rows.
 *
 * Reads (`run`, `query`) are read-only transactions; every change goes through `write`, which drops the organization's
 * kept tenant state (TenantStateCache) as soon as its transaction has committed, so the client that wrote reads its
 * own write on this replica at once. Other replicas hear of it through the tenant tables' NOTIFY trigger. A write
 * through `run` fails ("cannot execute … in a read-only transaction") instead of leaving a stale state behind.
 */
// SET LOCAL ROLE and the setting in one round trip: set_config('role', …, true) is SET LOCAL ROLE; for reads,
// set_config('transaction_read_only', 'on', true) is SET TRANSACTION READ ONLY, in the same statement.
const ENTER = `SELECT set_config('role', 'crosswalk_app', true), set_config('crosswalk.organization_id', $1, true)`;
const ENTER_READ_ONLY = `SELECT set_config('role', 'crosswalk_app', true), set_config('crosswalk.organization_id', $1, true), set_config('transaction_read_only', 'on', true)`;

@Injectable()
export class TenantDb {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Optional() @Inject(TenantStateCache) private readonly tenantState?: Pick<TenantStateCache<unknown>, 'invalidate'>,
  ) {}

  /** Reads as the tenant, in a read-only transaction. */
  run<T>(organizationId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.transaction(organizationId, true, work);
  }

  /**
   * Changes the tenant's data. On commit the organization's kept tenant state is dropped in this process; on rollback
   * nothing was changed, so it stays.
   */
  async write<T>(organizationId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.transaction(organizationId, false, work);
    this.tenantState?.invalidate(organizationId);
    return result;
  }

  /** One statement as the tenant, for reads. */
  query<T = Record<string, unknown>>(organizationId: string, sql: string, params?: unknown[]): Promise<T[]> {
    return this.run(organizationId, (manager) => manager.query(sql, params));
  }

  private transaction<T>(organizationId: string, readOnly: boolean, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(async (manager) => {
      await manager.query(readOnly ? ENTER_READ_ONLY : ENTER, [organizationId]);
      return work(manager);
    });
  }
}
