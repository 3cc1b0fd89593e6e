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
  // It may write the organization's own catalog rows (issue 12), never a public one: an unfiltered DELETE or UPDATE
  // finds none of them, and a public row (organization_id NULL) cannot be written at all.
  const before = await tableChecksum(db, ['framework', 'requirement', 'mapping_set', 'crosswalk_edge', 'catalog_state']);
  expect(await tenant.write(a, async (m) => (await m.query(`DELETE FROM requirement`))[1])).toBe(0);
  expect(await tenant.write(a, async (m) => (await m.query(`UPDATE framework SET name = 'pwned'`))[1])).toBe(0);
  await expect(tenant.write(a, (m) => m.query(`INSERT INTO framework (code, version, name, publisher, kind, licence_note) VALUES ('PWN', '1', 'p', 'p', 'CONTROL_CATALOG', 'p')`)))
    .rejects.toThrow(/row-level security/);
  await expect(tenant.write(a, (m) => m.query(`UPDATE catalog_state SET version = version + 1`))).rejects.toThrow(/permission denied/);
  expect(await tableChecksum(db, ['framework', 'requirement', 'mapping_set', 'crosswalk_edge', 'catalog_state'])).toBe(before);
});

it("keeps organizations' own catalog rows apart: unseen by others, and never pointing into another organization", async () => {
  const id = (rows: Array<{ id: string }>) => rows[0].id;
  const [iso] = await db.query<{ id: string; req: string }>(
    `SELECT f.id, (SELECT r.id FROM requirement r WHERE r.framework_id = f.id AND r.assessable LIMIT 1) AS req FROM framework f WHERE f.code = 'ISO27001' AND f.organization_id IS NULL`,
  );
  // A's own framework, requirement, and a mapping set into ISO 27001 with one edge, written as A under RLS.
  const own = await tenant.write(a, async (m) => {
    const framework = id(await m.query(`INSERT INTO framework (organization_id, code, version, name, publisher, kind, licence_note) VALUES ($1, 'A-OWN', '1', 'A own', 'A', 'CONTROL_CATALOG', 'own') RETURNING id`, [a]));
    const requirement = id(await m.query(`INSERT INTO requirement (organization_id, framework_id, ref_id, title, kind, assessable, position, depth) VALUES ($1, $2, 'R-1', 'r', 'control', true, 0, 0) RETURNING id`, [a, framework]));
    const set = id(await m.query(
      `INSERT INTO mapping_set (organization_id, key, name, source_framework_id, target_framework_id, method, status, author, published_on, licence, comprehensive, source_file)
       VALUES ($1, 'a-own__iso', 'a', $2, $3, 'human', 'draft', 'a', '2026-01-01', 'own', false, 'test') RETURNING id`, [a, framework, iso.id]));
    await m.query(`INSERT INTO crosswalk_edge (organization_id, mapping_set_id, source_requirement_id, target_requirement_id, relationship, strength, position) VALUES ($1, $2, $3, $4, 'SUBSET_OF', 7, 0)`, [a, set, requirement, iso.req]);
    return { framework, requirement, set };
  });
  const seenBy = (org: string) => tenant.run(org, async (m) => ({
    frameworks: (await m.query(`SELECT count(*)::int AS n FROM framework WHERE organization_id IS NOT NULL`))[0].n,
    requirements: (await m.query(`SELECT count(*)::int AS n FROM requirement WHERE id = $1`, [own.requirement]))[0].n,
    sets: (await m.query(`SELECT count(*)::int AS n FROM mapping_set WHERE organization_id IS NOT NULL`))[0].n,
    edges: (await m.query(`SELECT count(*)::int AS n FROM crosswalk_edge WHERE organization_id IS NOT NULL`))[0].n,
  }));
  expect(await seenBy(a)).toEqual({ frameworks: 1, requirements: 1, sets: 1, edges: 1 });
  expect(await seenBy(b)).toEqual({ frameworks: 0, requirements: 0, sets: 0, edges: 0 });

  const before = await tableChecksum(db, ['framework', 'requirement', 'mapping_set', 'crosswalk_edge']);
  const attempts: Array<[string, string, unknown[]]> = [
    ['a requirement of B in A\'s framework', `INSERT INTO requirement (organization_id, framework_id, ref_id, title, kind, assessable, position, depth) VALUES ($1, $2, 'X', 'x', 'control', true, 1, 0)`, [b, own.framework]],
    ['a requirement claiming to be A\'s, written by B', `INSERT INTO requirement (organization_id, framework_id, ref_id, title, kind, assessable, position, depth) VALUES ($1, $2, 'X', 'x', 'control', true, 1, 0)`, [a, own.framework]],
    ['a requirement of B in a public framework', `INSERT INTO requirement (organization_id, framework_id, ref_id, title, kind, assessable, position, depth) VALUES ($1, $2, 'X', 'x', 'control', true, 1, 0)`, [b, iso.id]],
    ['a mapping set of B from A\'s framework', `INSERT INTO mapping_set (organization_id, key, name, source_framework_id, target_framework_id, method, status, author, published_on, licence, comprehensive, source_file)
       VALUES ($1, 'steal', 's', $2, $3, 'human', 'draft', 'b', '2026-01-01', 'b', false, 'b')`, [b, own.framework, iso.id]],
    ['an edge of B into A\'s mapping set', `INSERT INTO crosswalk_edge (organization_id, mapping_set_id, source_requirement_id, target_requirement_id, relationship, strength, position) VALUES ($1, $2, $3, $4, 'EQUAL', 10, 1)`, [b, own.set, own.requirement, iso.req]],
  ];
  for (const [what, sql, params] of attempts) {
    await expect([what, await tenant.write(b, (m) => m.query(sql, params)).then(() => 'written', (e: Error) => (/row-level security/.test(e.message) ? 'refused' : e.message))]).toEqual([what, 'refused']);
  }
  // B's own mapping set may not reach A's requirement either, even from B's own framework.
  const bFramework = await tenant.write(b, async (m) => id(await m.query(`INSERT INTO framework (organization_id, code, version, name, publisher, kind, licence_note) VALUES ($1, 'B-OWN', '1', 'b', 'b', 'CONTROL_CATALOG', 'b') RETURNING id`, [b])));
  await expect(tenant.write(b, (m) => m.query(
    `INSERT INTO mapping_set (organization_id, key, name, source_framework_id, target_framework_id, method, status, author, published_on, licence, comprehensive, source_file)
     VALUES ($1, 'b__a', 'b', $2, $3, 'human', 'draft', 'b', '2026-01-01', 'b', false, 'b')`, [b, bFramework, own.framework]))).rejects.toThrow(/row-level security/);
  expect(await tenant.write(b, async (m) => (await m.query(`DELETE FROM framework WHERE id = $1`, [own.framework]))[1])).toBe(0);
  expect(await tenant.write(b, async (m) => (await m.query(`UPDATE requirement SET title = 'pwned' WHERE id = $1`, [own.requirement]))[1])).toBe(0);
  await db.query(`DELETE FROM framework WHERE id = $1`, [bFramework]);
  expect(await tableChecksum(db, ['framework', 'requirement', 'mapping_set', 'crosswalk_edge'])).toBe(before);
  await db.query(`DELETE FROM framework WHERE id = $1`, [own.framework]);
});
