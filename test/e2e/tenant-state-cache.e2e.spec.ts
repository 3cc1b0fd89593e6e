/**
 * Each organization's coverage inputs are kept between its requests (src/tenant-state/), and what is kept is never
 * stale: a client reads its own write at once, a write made elsewhere (another process, raw SQL) is seen within
 * 200 ms, nothing is kept while the notification connection is down, a refused write keeps the entry, a catalog load
 * rebuilds it, and one organization's entry never answers for another. Over real HTTP; SQL statements are counted to
 * show when the organization's data was read and when the kept entry answered.
 */
import { TENANT_WATCH_APPLICATION_NAME, TenantChangeWatch } from '../../src/tenant-state/tenant-change.watch';
import { TenantStateCache } from '../../src/tenant-state/tenant-state.cache';
import { until } from '../support/service-process';
import { startTestServer, type TestServer } from '../support/server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await until('the tenant watch to be up', () => t.server.app.get(TenantChangeWatch).up, 5_000, 10);
});
afterAll(() => t.close());

const COVERAGE = '{ coverage(frameworks: ["ISO27001"]) { full partial none } }';
/** The one statement of the tenant read, which only a cold read sends (coverage.repository.ts, TENANT_READ_SQL). */
const TENANT_READ = /json_build_array\(id, code, status, links\)/;

/** The ISO 27001 coverage an organization's key reads, and how often the request read the organization's data. */
async function coverage(key: string): Promise<{ full: number; partial: number; none: number; tenantReads: number }> {
  const counter = t.server.queryCounter;
  counter.reset();
  counter.record = true;
  try {
    const res = await t.gql(COVERAGE, {}, key);
    expect(res.errors).toBeUndefined();
    const tenantReads = [...counter.byText].filter(([sql]) => TENANT_READ.test(sql)).reduce((n, [, k]) => n + k, 0);
    return { ...res.data!.coverage[0], tenantReads };
  } finally {
    counter.record = false;
  }
}

async function organizationWithControl(name: string): Promise<{ organizationId: string; adminKey: string; controlId: string }> {
  const org = await t.createOrganization(name);
  const res = await t.gql('mutation { createControl(input: { code: "C-1", title: "Access control", status: IMPLEMENTED }) { id } }', {}, org.adminKey);
  expect(res.errors).toBeUndefined();
  return { ...org, controlId: res.data!.createControl.id };
}

async function link(key: string, controlId: string, refId: string) {
  const res = await t.gql('mutation($id: ID!, $r: String!) { linkControl(controlId: $id, framework: "ISO27001", refId: $r, coverage: FULL) { coverage } }', { id: controlId, r: refId }, key);
  expect(res.errors).toBeUndefined();
}

/**
 * Reads until an answer comes from what was kept, with no statement for the organization. Right after a write the
 * first read loads, and the write's own notification, arriving a moment later, may drop that entry once more.
 */
async function warm(key: string) {
  let kept: Awaited<ReturnType<typeof coverage>> | undefined;
  const fromKept = async () => (kept = await coverage(key)).tenantReads === 0;
  await until('an answer from the kept entry', fromKept, 2_000, 0);
  await new Promise((resolve) => setTimeout(resolve, 100)); // a late notification of the last write has arrived by now
  await until('an answer from the kept entry', fromKept, 2_000, 0);
  return kept!;
}

it('keeps an organization between requests, and its own write is read at once on the same server', async () => {
  const { adminKey, controlId } = await organizationWithControl('Read your write');
  const cold = await coverage(adminKey);
  expect(cold.tenantReads).toBe(1);
  const before = await warm(adminKey);
  await link(adminKey, controlId, 'A.5.15');
  const after = await coverage(adminKey); // no waiting: the write dropped the entry when it committed
  expect(after).toEqual({ full: before.full + 1, partial: before.partial, none: before.none - 1, tenantReads: 1 });
  expect(await warm(adminKey)).toEqual({ ...after, tenantReads: 0 });
});

it('a write made in raw SQL, as another process would, is seen within 200 ms', async () => {
  const { organizationId, adminKey, controlId } = await organizationWithControl('Raw SQL');
  const before = await warm(adminKey);
  await t.db.query(
    `INSERT INTO control_link (organization_id, control_id, requirement_id, coverage)
     SELECT $1, $2, r.id, 'FULL' FROM requirement r JOIN framework f ON f.id = r.framework_id WHERE f.code = 'ISO27001' AND r.ref_id = 'A.5.16'`,
    [organizationId, controlId],
  );
  const waited = await until('the NOTIFY to drop the kept entry', async () => (await coverage(adminKey)).full === before.full + 1, 200, 5);
  expect(waited).toBeLessThanOrEqual(200);
  // A status change in SQL counts too (the control table notifies as well).
  await t.db.query(`UPDATE control SET status = 'PLANNED' WHERE id = $1`, [controlId]);
  await until('the status change to be seen', async () => (await coverage(adminKey)).full === before.full, 200, 5);
});

it('a refused write changes nothing and leaves the kept entry in place, still right', async () => {
  const { organizationId, adminKey, controlId } = await organizationWithControl('Refused write');
  await link(adminKey, controlId, 'A.5.15');
  const before = await warm(adminKey);
  const cache = t.server.app.get(TenantStateCache);
  // Each is refused inside its write transaction, after it began: a duplicate code, a control of nobody's, a heading
  // that takes no applicability decision for a missing requirement.
  const refused = [
    await t.gql('mutation { createControl(input: { code: "C-1", title: "dup", status: IMPLEMENTED }) { id } }', {}, adminKey),
    await t.gql('mutation { linkControl(controlId: "00000000-0000-4000-8000-000000000000", framework: "ISO27001", refId: "A.5.1", coverage: FULL) { coverage } }', {}, adminKey),
    await t.gql('mutation($id: ID!) { deleteManagementSystem(id: $id) }', { id: '00000000-0000-4000-8000-000000000000' }, adminKey),
  ];
  expect(refused.map((r) => r.errors?.[0].extensions.code)).toEqual(['CONFLICT', 'NOT_FOUND', 'NOT_FOUND']);
  expect(cache.has(organizationId)).toBe(true);
  expect(await coverage(adminKey)).toEqual({ ...before, tenantReads: 0 });
  // And it is what the database says: dropped and read again, the same numbers.
  cache.invalidate(organizationId);
  expect(await coverage(adminKey)).toEqual({ ...before, tenantReads: 1 });
});

it('a control import drops the kept entry when it commits (read your import at once); a refused or dry-run import keeps it', async () => {
  const { organizationId, adminKey } = await organizationWithControl('Importer');
  const IMPORT = 'mutation($rows: [ControlRowInput!]!, $dryRun: Boolean) { importControls(rows: $rows, dryRun: $dryRun) { ok } }';
  const before = await warm(adminKey);
  const cache = t.server.app.get(TenantStateCache);
  const rows = [{ code: 'IMP-1', title: 'Imported', status: 'IMPLEMENTED', links: ['ISO27001:A.5.20', 'ISO27001:A.5.21'] }];
  for (const [vars, ok] of [[{ rows: [{ ...rows[0], status: 'DONE' }] }, false], [{ rows, dryRun: true }, true]] as const) {
    expect((await t.gql(IMPORT, vars, adminKey)).data?.importControls.ok).toBe(ok);
    expect(cache.has(organizationId)).toBe(true);
  }
  expect((await t.gql(IMPORT, { rows }, adminKey)).data?.importControls.ok).toBe(true);
  expect(await coverage(adminKey)).toEqual({ full: before.full + 2, partial: before.partial, none: before.none - 2, tenantReads: 1 });
});

it("one organization's kept entry never answers for another, and another's write does not drop it", async () => {
  const a = await organizationWithControl('Kept A');
  const b = await organizationWithControl('Kept B');
  const bBefore = await warm(b.adminKey);
  await warm(a.adminKey);
  await link(a.adminKey, a.controlId, 'A.8.7');
  expect(await coverage(b.adminKey)).toEqual({ ...bBefore, tenantReads: 0 });
  expect((await coverage(a.adminKey)).full).toBe(bBefore.full + 1);
  expect(t.server.app.get(TenantStateCache).has(b.organizationId)).toBe(true);
});

it('a catalog load rebuilds the kept entries on the new catalog snapshot', async () => {
  const { organizationId, adminKey } = await organizationWithControl('Catalog load');
  await warm(adminKey);
  const cache = t.server.app.get(TenantStateCache);
  await t.db.query(`UPDATE catalog_state SET version = version + 1 WHERE id = 1`);
  // The new snapshot empties the cache (an entry on the old graph would not be served with the new one anyway).
  await until('the new catalog snapshot to drop the entry', () => !cache.has(organizationId), 2_000, 5);
  expect((await coverage(adminKey)).tenantReads).toBe(1);
  await warm(adminKey);
});

it('with the tenant watch cut, every request reads the database and nothing stale is served; caching comes back by itself', async () => {
  const { organizationId, adminKey, controlId } = await organizationWithControl('Watch cut');
  const before = await warm(adminKey);
  const watch = t.server.app.get(TenantChangeWatch);
  const cut = await t.db.query<{ n: number }>(
    `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
    [TENANT_WATCH_APPLICATION_NAME],
  );
  expect(cut[0].n).toBe(1);
  await until('the server to notice the watch is lost', () => !watch.up, 5_000, 5);
  // Behind its back: no notification can reach it now.
  await t.db.query(`UPDATE control SET status = 'PLANNED' WHERE id = $1`, [controlId]);
  await t.db.query(`UPDATE control SET status = 'IMPLEMENTED' WHERE id = $1`, [controlId]);
  await t.db.query(
    `INSERT INTO control_link (organization_id, control_id, requirement_id, coverage)
     SELECT $1, $2, r.id, 'FULL' FROM requirement r JOIN framework f ON f.id = r.framework_id WHERE f.code = 'ISO27001' AND r.ref_id = 'A.5.17'`,
    [organizationId, controlId],
  );
  if (!watch.up) {
    // Still down: every request reads the database.
    expect(await coverage(adminKey)).toEqual({ full: before.full + 1, partial: before.partial, none: before.none - 1, tenantReads: 1 });
    expect((await coverage(adminKey)).tenantReads).toBe(1); // (were it back meanwhile, it would have started empty)
  }
  // Up or down, nothing stale; and once the watch is back (it reconnects by itself), entries are kept again.
  expect((await coverage(adminKey)).full).toBe(before.full + 1);
  await until('the tenant watch to come back', () => watch.up, 15_000, 20);
  expect(await warm(adminKey)).toEqual({ full: before.full + 1, partial: before.partial, none: before.none - 1, tenantReads: 0 });
});
