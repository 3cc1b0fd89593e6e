/**
 * What keeps each process's tenant state cache honest: every committed change to a table the coverage engine's tenant
 * read depends on notifies crosswalk_tenant with the organization's id (none on rollback), and TenantDb's reads are
 * read-only while its writes drop the organization from this process's cache only once they have committed.
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { TENANT_READ_SQL } from '../../src/coverage/coverage.repository';
import { TenantDb } from '../../src/database/tenant-db';
import { TENANT_CHANNEL } from '../../src/tenant-state/tenant-change.watch';
import { TenantStateCache } from '../../src/tenant-state/tenant-state.cache';
import { useTestDataSource } from '../support/database';

const t = useTestDataSource({ catalog: true });
let listener: Client;
const heard: string[] = [];
let a: string;
let b: string;
let requirement: string;
let framework: string;

beforeAll(async () => {
  listener = new Client({ connectionString: t.db.url });
  listener.on('error', () => undefined); // the database is dropped (with its connections) after the tests
  await listener.connect();
  listener.on('notification', (m) => {
    if (m.channel === TENANT_CHANNEL) heard.push(m.payload ?? '');
  });
  await listener.query(`LISTEN ${TENANT_CHANNEL}`);
  [{ id: a }] = await t.db.query<{ id: string }>(`INSERT INTO organization (name) VALUES ('A') RETURNING id`);
  [{ id: b }] = await t.db.query<{ id: string }>(`INSERT INTO organization (name) VALUES ('B') RETURNING id`);
  [{ id: requirement, framework_id: framework }] = await t.db.query<{ id: string; framework_id: string }>(`SELECT id, framework_id FROM requirement WHERE assessable LIMIT 1`);
});
afterAll(async () => {
  await listener.end().catch(() => undefined);
});

/** The payloads heard after `work`, once a round trip on the listening connection has let them arrive. */
async function notifiedBy(work: () => Promise<unknown>): Promise<string[]> {
  await listener.query('SELECT 1');
  heard.length = 0;
  await work().catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await listener.query('SELECT 1');
  return heard.splice(0);
}

it('every table the tenant read selects from has the trigger', async () => {
  // control_link is read through control.links, which its triggers keep (migration TenantReadSeqs).
  const read = [...new Set([...[...TENANT_READ_SQL.matchAll(/\b(?:FROM|JOIN)\s+(\w+)/g)].map((m) => m[1]), 'control_link'])].sort();
  expect(read.length).toBeGreaterThanOrEqual(5);
  const triggers = await t.db.query<{ table: string }>(
    `SELECT c.relname AS table FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
      WHERE NOT g.tgisinternal AND g.tgfoid = 'crosswalk_notify_tenant_change'::regproc ORDER BY 1`,
  );
  // The organization row is read for its own_catalog_version, which has a trigger of its own (below).
  expect(triggers.map((r) => r.table)).toEqual(read.filter((table) => table !== 'organization'));
});

it("a change to an organization's own catalog (its version bumped) notifies that organization; other updates of the row do not", async () => {
  expect(await notifiedBy(() => t.db.query(`UPDATE organization SET own_catalog_version = own_catalog_version + 1 WHERE id = $1`, [a]))).toEqual([a]);
  expect(await notifiedBy(() => t.db.query(`UPDATE organization SET name = 'A renamed' WHERE id = $1`, [a]))).toEqual([]);
});

it('an insert, update and delete on each tenant-state table notifies its organization, once per transaction', async () => {
  const [{ id: control }] = await t.db.query<{ id: string }>(`INSERT INTO control (organization_id, code, title, status) VALUES ($1, 'C-1', 'c', 'PLANNED') RETURNING id`, [a]);
  const [{ id: system }] = await t.db.query<{ id: string }>(`INSERT INTO management_system (organization_id, name) VALUES ($1, 'IMS') RETURNING id`, [a]);
  const statements: Array<[string, unknown[]]> = [
    [`UPDATE control SET status = 'IMPLEMENTED' WHERE id = $1`, [control]],
    [`INSERT INTO control_link (organization_id, control_id, requirement_id, coverage) VALUES ($1, $2, $3, 'FULL')`, [a, control, requirement]],
    [`UPDATE control_link SET coverage = 'PARTIAL' WHERE control_id = $1`, [control]],
    [`DELETE FROM control_link WHERE control_id = $1`, [control]],
    [`INSERT INTO applicability (organization_id, requirement_id, applicable, justification) VALUES ($1, $2, false, 'n/a')`, [a, requirement]],
    [`UPDATE applicability SET applicable = true WHERE organization_id = $1`, [a]],
    [`DELETE FROM applicability WHERE organization_id = $1`, [a]],
    [`INSERT INTO scope (organization_id, framework_id) VALUES ($1, $2)`, [a, framework]],
    [`DELETE FROM scope WHERE organization_id = $1`, [a]],
    [`INSERT INTO management_system_framework (organization_id, management_system_id, framework_id) VALUES ($1, $2, $3)`, [a, system, framework]],
    [`DELETE FROM management_system WHERE id = $1`, [system]], // cascades to its frameworks
    [`DELETE FROM control WHERE id = $1`, [control]],
  ];
  for (const [sql, params] of statements) expect({ sql, heard: await notifiedBy(() => t.db.query(sql, params)) }).toEqual({ sql, heard: [a] });
  // Many rows of one organization in one transaction: one notification.
  expect(await notifiedBy(() => t.db.query(`INSERT INTO control (organization_id, code, title, status) SELECT $1, 'M-' || i, 'm', 'PLANNED' FROM generate_series(1, 5) i`, [b]))).toEqual([b]);
  // Tables the tenant read does not depend on notify nothing.
  expect(await notifiedBy(() => t.db.query(`INSERT INTO audit_event (organization_id, operation, entity_type, entity_id) VALUES ($1, 'x', 'x', 'x')`, [a]))).toEqual([]);
});

it('a rolled-back change notifies nothing', async () => {
  const tenant = new TenantDb(t.dataSource);
  const heardNow = await notifiedBy(() =>
    tenant.write(a, async (m) => {
      await m.query(`INSERT INTO control (organization_id, code, title, status) VALUES ($1, 'R-1', 'r', 'PLANNED')`, [a]);
      throw new Error('refused');
    }),
  );
  expect(heardNow).toEqual([]);
  expect(await t.db.query(`SELECT 1 FROM control WHERE code = 'R-1'`)).toEqual([]);
});

it('TenantDb.run is read-only: a write through it fails and changes nothing', async () => {
  const tenant = new TenantDb(t.dataSource);
  await expect(tenant.run(a, (m) => m.query(`INSERT INTO control (organization_id, code, title, status) VALUES ($1, 'RO', 'r', 'PLANNED')`, [a]))).rejects.toThrow(
    /read-only transaction/,
  );
  await expect(tenant.query(a, `DELETE FROM control WHERE organization_id = $1`, [a])).rejects.toThrow(/read-only transaction/);
  expect(await t.db.query(`SELECT 1 FROM control WHERE code = 'RO'`)).toEqual([]);
});

it('TenantDb.write drops the organization from the cache once it has committed, and not when it rolls back', async () => {
  const cache = new TenantStateCache<string>({ maxBytes: 1_000, sizeOf: () => 1 });
  cache.setWatching(true);
  const tenant = new TenantDb(t.dataSource, cache);
  // What another connection sees at the moment the organization is dropped: the write must be committed by then,
  // or a request arriving in between could load and keep the state from before it.
  const seenAtDrop: Array<Promise<number>> = [];
  const invalidate = cache.invalidate.bind(cache);
  cache.invalidate = (organizationId: string) => {
    seenAtDrop.push(t.db.query(`SELECT 1 FROM control WHERE code = 'W-1'`).then((rows) => rows.length));
    invalidate(organizationId);
  };
  await cache.get(a, 'catalog', async () => 'kept');
  await cache.get(b, 'catalog', async () => 'kept');

  const written = await tenant.write(a, async (m) => {
    await m.query(`INSERT INTO control (organization_id, code, title, status) VALUES ($1, 'W-1', 'w', 'PLANNED')`, [a]);
    return 'done';
  });
  expect(written).toBe('done');
  expect(await Promise.all(seenAtDrop)).toEqual([1]);
  expect([cache.has(a), cache.has(b)]).toEqual([false, true]);

  await cache.get(a, 'catalog', async () => 'kept again');
  await expect(
    tenant.write(a, async (m) => {
      await m.query(`DELETE FROM control WHERE organization_id = $1`, [a]);
      throw new Error('refused');
    }),
  ).rejects.toThrow('refused');
  expect(seenAtDrop).toHaveLength(1);
  expect(cache.has(a)).toBe(true);
});
