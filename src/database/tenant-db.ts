import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { TenantStateCache } from '../tenant-state/tenant-state.cache';
import { type PipelinedResult, type PipelinedStatement, StatementPipeline } from './statement-pipeline';
import { UUID } from '../common/validation/uuid';

/** An organization id must look like a uuid (the database gave it) before it is written into a statement. */
function checkOrganizationId(organizationId: string): void {
  if (!UUID.test(organizationId)) throw new Error(`TenantDb: organization id ${JSON.stringify(organizationId.slice(0, 40))} is not a uuid`);
}

/** The tenant's settings as a statement with a parameter, for a pipelined write (the extended protocol takes them). */
const TENANT_SETTINGS = `SELECT set_config('role', 'crosswalk_app', true), set_config('crosswalk.organization_id', $1, true)`;

/**
 * The transaction's start and the tenant's settings in one round trip: BEGIN (READ ONLY for reads), then SET LOCAL
 * ROLE (set_config('role', …, true)) and the organization, as one simple-protocol message of two statements. That
 * protocol takes no parameters, so the organization id is written in, after UUID has vouched for its shape.
 */
function enter(organizationId: string, readOnly: boolean): string {
  checkOrganizationId(organizationId);
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

  /**
   * Changes the tenant's data with statements that need none of each other's answers in the client, in one
   * transaction sent in one round trip (StatementPipeline): BEGIN, the tenant's settings, the statements and COMMIT
   * leave together, and PostgreSQL runs them in order, each with its own snapshot, as if the client had waited between
   * them. So a statement may lock a row and the next one read what the lock protects. Locks are held for the server's
   * own time only, never across a network wait. Gives each statement's rows; the first failure rolls everything back
   * and is thrown (a TypeORM QueryFailedError, as `write` throws). Like `write`, drops the kept tenant state on commit.
   */
  async writePipelined(organizationId: string, statements: readonly PipelinedStatement[]): Promise<PipelinedResult[]> {
    checkOrganizationId(organizationId);
    const pipeline = new StatementPipeline([
      { sql: 'BEGIN' },
      { sql: TENANT_SETTINGS, params: [organizationId], name: 'crosswalk_tenant_settings' },
      ...statements,
      { sql: 'COMMIT' },
    ]);
    // Logged as one entry, like `enter`'s two statements in one message: the query counter counts round trips.
    const text = pipeline.statements.map((s) => s.sql).join(';\n');
    const params = pipeline.statements.flatMap((s) => s.params ?? []);
    const runner = this.db.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      // Logged, timed and its failures wrapped as TypeORM does for `write`'s statements.
      this.db.logger.logQuery(text, params, runner);
      const started = Date.now();
      client.query(pipeline);
      const results = await pipeline.done.catch((error: unknown) => {
        this.db.logger.logQueryError(error as Error, text, params, runner);
        throw error instanceof Error ? new QueryFailedError(text, params, error) : error;
      });
      const took = Date.now() - started;
      const slow = this.db.options.maxQueryExecutionTime;
      if (slow && took > slow) this.db.logger.logQuerySlow(took, text, params, runner);
      this.tenantState?.invalidate(organizationId);
      return results.slice(2, -1);
    } catch (error) {
      // The failure left the transaction aborted (or never began it): end it before the connection goes back.
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
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
