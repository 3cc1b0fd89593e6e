/**
 * Runs once before the integration and e2e tests. Uses the PostgreSQL server at TEST_DATABASE_URL, or starts an
 * embedded one, so `npm test` passes on a machine with nothing running. Migrations are applied once, into template
 * databases; each test file then copies a template into a fresh database of its own (test/support/database.ts).
 *   - <prefix>_empty:  migrated, no catalog
 *   - <prefix>_loaded: migrated, with the shipped mappings/ loaded
 */
import * as os from 'node:os';
import * as path from 'node:path';
import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runMigrations } from '../../src/database/migrate';
import { loadCatalog } from '../../src/mappings/catalog-loader';
import { ENV_ADMIN_URL, ENV_TEMPLATE_EMPTY, ENV_TEMPLATE_LOADED } from './test-env';
import { withDatabase } from '../../src/database/database-url';

export default async function globalSetup(): Promise<void> {
  if (process.env[ENV_ADMIN_URL]) return; // both test projects share one setup
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const dataDir = path.join(os.tmpdir(), `crosswalk-test-${process.pid}`);
    const server = await startEmbeddedPostgres({
      dataDir,
      database: 'postgres',
      ephemeral: true,
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
    });
    (globalThis as { __crosswalkTestServer?: { stop(): Promise<void> } }).__crosswalkTestServer = server;
    adminUrl = server.url;
  }
  const prefix = `cw_test_${process.pid}`;
  const empty = `${prefix}_empty`;
  const loaded = `${prefix}_loaded`;

  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const name of [empty, loaded]) await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${empty}"`);
    const migrated = new DataSource(dataSourceOptions(withDatabase(adminUrl, empty)));
    await migrated.initialize();
    await runMigrations(migrated);
    await migrated.destroy();

    await admin.query(`CREATE DATABASE "${loaded}" TEMPLATE "${empty}"`);
    const withCatalog = new DataSource(dataSourceOptions(withDatabase(adminUrl, loaded)));
    await withCatalog.initialize();
    await loadCatalog(withCatalog, path.resolve('mappings'));
    await withCatalog.destroy();
  } finally {
    await admin.end();
  }
  process.env[ENV_ADMIN_URL] = adminUrl;
  process.env[ENV_TEMPLATE_EMPTY] = empty;
  process.env[ENV_TEMPLATE_LOADED] = loaded;
}
