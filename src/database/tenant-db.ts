import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { TenantStateCache } from '../tenant-state/tenant-state.cache';

/** What an organization id must look like before it is written into a statement (it is a uuid the database gave). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The transaction's start and the tenant's settings in one round trip: BEGIN (READ ONLY for reads), then SET LOCAL
 * ROLE (set_config('role', …, true)) and the organization, as one simple-protocol message of two statements. That
 * protocol takes no parameters, so the organization id is written in, after UUID has vouched for its shape.
 */
function enter(organizationId: string, readOnly: boolean): string {
  if (!UUID.test(organizationId)) throw new Error(`TenantDb: organization id ${JSON.stringify(organizationId.slice(0, 40))} is not a uuid`);
  return `BEGIN${readOnly ? ' READ ONLY' : ''}; SELECT set_config('role', 'crosswalk_app', true), set_config('crosswalk.organization_id', '${organizationId}', true)`;
}

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

  private async transaction<T>(organizationId: string, readOnly: boolean, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const statement = enter(organizationId, readOnly);
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(statement);
      const result = await work(runner.manager);
      await runner.query('COMMIT');
      return result;
    } catch (error) {
      // Whatever failed after BEGIN was sent, the connection goes back to the pool outside any transaction.
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }
}
