import type { DataSource } from 'typeorm';

/** Any fixed number; it only has to be the same in every Crosswalk process. */
const MIGRATION_LOCK = 0x43575f4d; // "CW_M"

/**
 * Applies pending migrations. Replicas starting together take turns through a session-level advisory lock, so only
 * one of them migrates and the others find nothing left to do.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'all' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
