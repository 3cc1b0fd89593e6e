/** A fresh database per test file, copied from a migrated template (see global-setup.ts). */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ENV_ADMIN_URL, ENV_TEMPLATE_EMPTY, ENV_TEMPLATE_LOADED, requireEnv } from './test-env';
import { withDatabase } from '../../src/database/database-url';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';

export interface TestDatabase {
  url: string;
  name: string;
  /** Runs SQL as the owner, outside the application. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs SQL on the server's maintenance database, e.g. to block connections to this one. */
  adminQuery<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

export async function createTestDatabase(options: { catalog: boolean }): Promise<TestDatabase> {
  const adminUrl = requireEnv(ENV_ADMIN_URL);
  const template = requireEnv(options.catalog ? ENV_TEMPLATE_LOADED : ENV_TEMPLATE_EMPTY);
  const name = `cw_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  let client = new Client({ connectionString: url });
  client.on('error', () => undefined); // a test may terminate this connection on purpose
  await client.connect();
  return {
    url,
    name,
    query: async <T>(sql: string, params?: unknown[]) => {
      if (!client.connection.stream.writable) {
        client = new Client({ connectionString: url });
        client.on('error', () => undefined);
        await client.connect();
      }
      return (await client.query(sql, params)).rows as T[];
    },
    adminQuery: async <T>(sql: string, params?: unknown[]) => {
      const admin = new Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        return (await admin.query(sql, params)).rows as T[];
      } finally {
        await admin.end();
      }
    },
    drop: async () => {
      await client.end().catch(() => undefined);
      const dropper = new Client({ connectionString: adminUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/**
 * A checksum of whole tables, to prove that a rejected operation changed nothing: per table, its row count and the sum
 * of a 64-bit hash of each whole row (hashtextextended of the row's text), which no insert, update or delete leaves
 * alone short of a 64-bit collision. The sum needs no sort, so checking after each of thousands of calls stays cheap
 * however large the tables grow. One statement for all the tables.
 */
export async function tableChecksum(db: TestDatabase, tables: string[]): Promise<string> {
  const parts = tables.map(
    (table, i) => `SELECT ${i} AS i, '${table}' AS name, count(*)::int AS n, coalesce(sum(hashtextextended(t::text, 0)), 0)::text AS sum FROM "${table}" t`,
  );
  const rows = await db.query<{ name: string; n: number; sum: string }>(`${parts.join(' UNION ALL ')} ORDER BY i`);
  return rows.map((row) => `${row.name}:${row.n}:${row.sum}`).join(' ');
}

/**
 * Whether any row of these tables was written, cheaper than tableChecksum for a check after each of thousands of
 * calls: per table, its row count and the sum of a 64-bit hash of each row version's place and creating transaction
 * (ctid, xmin), not of its content. Every committed INSERT, UPDATE (a new row version, at a new ctid with a new xmin)
 * and DELETE changes it; locking a row (SELECT … FOR UPDATE sets xmax) and a rolled-back write do not. It is stricter
 * than a content checksum: an UPDATE that rewrites a row with the same values counts as a change. Its cost does not
 * grow with the rows' width (hostile-input writes descriptions of up to 60 KB), which is what made content hashing
 * after every call the slowest part of that suite.
 */
export async function tableVersions(db: TestDatabase, tables: string[]): Promise<string> {
  const parts = tables.map(
    (table, i) => `SELECT ${i} AS i, '${table}' AS name, count(*)::int AS n, coalesce(sum(hashtextextended(t.ctid::text || ':' || t.xmin::text, 0)), 0)::text AS sum FROM "${table}" t`,
  );
  const rows = await db.query<{ name: string; n: number; sum: string }>(`${parts.join(' UNION ALL ')} ORDER BY i`);
  return rows.map((row) => `${row.name}:${row.n}:${row.sum}`).join(' ');
}

/**
 * A fresh database, and a TypeORM DataSource on it, for the whole test file: made before its tests (jest's beforeAll)
 * and dropped after them. Read `db` and `dataSource` inside tests, once they exist.
 */
export function useTestDataSource(options: { catalog: boolean } = { catalog: false }): { readonly db: TestDatabase; readonly dataSource: DataSource } {
  const handle = {} as { db: TestDatabase; dataSource: DataSource };
  beforeAll(async () => {
    handle.db = await createTestDatabase(options);
    handle.dataSource = new DataSource(dataSourceOptions(handle.db.url));
    await handle.dataSource.initialize();
  });
  afterAll(async () => {
    await handle.dataSource?.destroy();
    await handle.db?.drop();
  });
  return handle;
}
