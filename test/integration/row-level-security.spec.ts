/**
 * The second layer of tenant isolation works on its own: inside a tenant's transaction (TenantDb), queries that
 * forget their organization filter still see and change only that tenant's rows, and cannot write another's.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { TenantDb } from '../../src/database/tenant-db';
import { createTestDatabase, tableChecksum, type TestDatabase } from '../support/database';

const TENANT_TABLES = ['organization', 'api_key', 'control', 'control_link', 'scope', 'applicability', 'audit_event'];
let db: TestDatabase;
let dataSource: DataSource;
let tenant: TenantDb;
let a: string;
let b: string;

beforeAll(async () => {
  db = await createTestDatabase({ catalog: true });
  dataSource = new DataSource(dataSourceOptions(db.url));
  await dataSource.initialize();
  tenant = new TenantDb(dataSource);
  [{ id: a }] = await db.query<{ id: string }>(`INSERT INTO organization (name) VALUES ('A') RETURNING id`);
  [{ id: b }] = await db.query<{ id: string }>(`INSERT INTO organization (name) VALUES ('B') RETURNING id`);
  for (const [org, code] of [[a, 'A-1'], [a, 'A-2'], [b, 'B-1']]) {
    await db.query(`INSERT INTO control (organization_id, code, title, status) VALUES ($1, $2::varchar, $2::text, 'IMPLEMENTED')`, [org, code]);
    await db.query(`INSERT INTO audit_event (organization_id, operation, entity_type, entity_id) VALUES ($1, 'seed', 'control', $2)`, [org, code]);
  }
  await db.query(`INSERT INTO scope (organization_id, framework_id) SELECT $1, id FROM framework`, [b]);
});
afterAll(async () => {
  await dataSource.destroy();
  await db.drop();
});

it('an unfiltered SELECT inside A sees only A, on every tenant table', async () => {
  const seen = await tenant.run(a, async (m) => ({
    controls: (await m.query(`SELECT code FROM control ORDER BY code`)).map((r: any) => r.code),
    organizations: (await m.query(`SELECT name FROM organization`)).map((r: any) => r.name),
    audit: (await m.query(`SELECT entity_id FROM audit_event ORDER BY 1`)).map((r: any) => r.entity_id),
    scope: (await m.query(`SELECT count(*)::int AS n FROM scope`))[0].n,
  }));
  expect(seen).toEqual({ controls: ['A-1', 'A-2'], organizations: ['A'], audit: ['A-1', 'A-2'], scope: 0 });
  // The owner, outside a tenant transaction, sees both: the policy is what filters.
  expect((await db.query(`SELECT count(*)::int AS n FROM control`))[0]).toEqual({ n: 3 });
});

it('an unfiltered UPDATE or DELETE inside A touches only A', async () => {
  const before = await tableChecksum(db, TENANT_TABLES);
  const counts = await tenant.write(a, async (m) => {
    const updated = await m.query(`UPDATE control SET title = 'changed' RETURNING code`);
    return { updated: (updated[0] as unknown[]).length };
  });
  expect(counts.updated).toBe(2);
  expect((await db.query(`SELECT title FROM control WHERE organization_id = $1`, [b]))[0]).toEqual({ title: 'B-1' });
  await db.query(`UPDATE control SET title = code`);
  expect(await tableChecksum(db, TENANT_TABLES)).toBe(before);
});

it("refuses to write a row into another tenant, and to read without a tenant at all", async () => {
  await expect(
    tenant.write(a, (m) => m.query(`INSERT INTO control (organization_id, code, title, status) VALUES ($1, 'X', 'x', 'PLANNED')`, [b])),
  ).rejects.toThrow(/row-level security/);
  await expect(tenant.write(a, (m) => m.query(`UPDATE control SET organization_id = $1`, [b]))).rejects.toThrow(/row-level security/);
  // As the application role without a tenant set, nothing is visible.
  const none = await dataSource.transaction(async (m) => {
    await m.query(`SET LOCAL ROLE crosswalk_app`);
    return (await m.query(`SELECT count(*)::int AS n FROM control`))[0].n;
  });
  expect(none).toBe(0);
});

it('tenant work runs as crosswalk_app with the organization set, and both end with the transaction', async () => {
  const inside = await tenant.run(a, async (m) => (await m.query(`SELECT current_user AS "user", current_setting('crosswalk.organization_id') AS org`))[0]);
  expect(inside).toEqual({ user: 'crosswalk_app', org: a });
  const [after] = await dataSource.query(`SELECT current_user AS "user", current_setting('crosswalk.organization_id', true) AS org`);
  expect(after.user).not.toBe('crosswalk_app');
  expect(after.org ?? '').toBe('');
});

it('the application role cannot bypass row-level security or rewrite the catalog', async () => {
  const [role] = await db.query<{ rolbypassrls: boolean; rolsuper: boolean }>(`SELECT rolbypassrls, rolsuper FROM pg_roles WHERE rolname = 'crosswalk_app'`);
  expect(role).toEqual({ rolbypassrls: false, rolsuper: false });
  await expect(tenant.write(a, (m) => m.query(`DELETE FROM requirement`))).rejects.toThrow(/permission denied/);
});
