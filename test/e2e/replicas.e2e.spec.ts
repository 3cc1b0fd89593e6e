/**
 * Replicas that agree: two production service processes on one database, each with its own caches (the public read
 * cache, verified keys, the catalog snapshot and cost weights, each organization's tenant state), never serve what the
 * other has changed.
 * - a control linked through A changes coverage read through B within 200 ms;
 * - a key revoked through A is refused by B within 200 ms, though B had verified it;
 * - a `mappings:load` from a third process refreshes both;
 * - with their notification connections cut, both fall back to the database and serve nothing stale.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { plantOwnFramework } from '../support/own-catalog';
import { type ServiceProcess, startService, stopService, until } from '../support/service-process';

let db: TestDatabase;
let a: ServiceProcess;
let b: ServiceProcess;
let adminKey: string;

interface Answer {
  status: number;
  cache: string | null;
  body: { data?: any; errors?: Array<{ message: string; extensions: { code: string } }> };
}

async function ask(service: ServiceProcess, query: string, key?: string, variables?: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(`http://127.0.0.1:${service.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, cache: response.headers.get('x-cache'), body: (await response.json()) as Answer['body'] };
}

async function ok(service: ServiceProcess, query: string, key?: string, variables?: Record<string, unknown>) {
  const answer = await ask(service, query, key, variables);
  expect(answer.body.errors).toBeUndefined();
  return answer.body.data;
}

function cli(script: string, args: string[]) {
  const run = spawnSync(process.execPath, [script, ...args], { env: { ...process.env, DATABASE_URL: db.url }, encoding: 'utf8' });
  expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({ status: 0, stderr: '' });
  return run.stdout;
}

beforeAll(async () => {
  db = await createTestDatabase({ catalog: true });
  const env = { CROSSWALK_LOAD_MAPPINGS: 'false', RATE_LIMIT_PER_MINUTE: '1000000' };
  [a, b] = await Promise.all([startService({ databaseUrl: db.url, env }), startService({ databaseUrl: db.url, env })]);
  adminKey = /^API key: (\S+)$/m.exec(cli('dist/src/organizations/cli/create-org.js', ['--name', 'Two Replicas']))![1];
});
afterAll(async () => {
  await Promise.all([stopService(a), stopService(b)]);
  await db.drop();
});

const COVERAGE = '{ coverage(frameworks: ["ISO27001"]) { full partial none } }';

it('a control linked through A changes coverage read through B within 200 ms', async () => {
  const before = (await ok(b, COVERAGE, adminKey)).coverage[0];
  expect((await ok(b, COVERAGE, adminKey)).coverage[0]).toEqual(before); // B now keeps the organization's state
  const { createControl } = await ok(a, 'mutation { createControl(input: { code: "R-1", title: "Access control", status: IMPLEMENTED }) { id } }', adminKey);
  await ok(a, 'mutation($id: ID!) { linkControl(controlId: $id, framework: "ISO27001", refId: "A.5.15", coverage: FULL) { coverage } }', adminKey, { id: createControl.id });
  const waited = await until('B to see the link', async () => (await ok(b, COVERAGE, adminKey)).coverage[0].full > before.full, 200, 10);
  expect(waited).toBeLessThanOrEqual(200);
});

it("an own framework written elsewhere is in B's coverage within 200 ms, though B kept the organization's state", async () => {
  const own = '{ coverage(frameworks: ["RPL-OWN"]) { full none } }';
  expect((await ask(b, own, adminKey)).body.errors?.[0].extensions.code).toBe('NOT_FOUND');
  expect((await ok(b, COVERAGE, adminKey)).coverage).toHaveLength(1); // B keeps the organization's state
  const [{ id: org }] = await db.query<{ id: string }>(`SELECT id FROM organization WHERE name = 'Two Replicas'`);
  // Written as the import would, from outside both services: the version bump is what tells them.
  await plantOwnFramework(db, org, { code: 'RPL-OWN', refIds: ['R-1', 'R-2'], edgesTo: { framework: 'ISO27001', version: '2022', edges: [['R-1', 'A.5.15', 'SUBSET_OF', 7]] } });
  const waited = await until('B to cover the own framework', async () => (await ask(b, own, adminKey)).body.data?.coverage?.[0]?.full === 1, 200, 10);
  expect(waited).toBeLessThanOrEqual(200);
  expect((await ok(a, own, adminKey)).coverage).toEqual([{ full: 1, none: 1 }]);
});

it('a key revoked through A is refused by B within 200 ms, though B had verified it', async () => {
  const { createApiKey } = await ok(a, 'mutation { createApiKey(role: AUDITOR, name: "short-lived") { id secret } }', adminKey);
  expect((await ok(b, '{ me { role } }', createApiKey.secret)).me.role).toBe('AUDITOR'); // B verifies and keeps it
  expect(await ok(a, 'mutation($id: ID!) { revokeApiKey(id: $id) }', adminKey, { id: createApiKey.id })).toEqual({ revokeApiKey: true });
  const waited = await until('B to refuse the revoked key', async () => (await ask(b, '{ me { role } }', createApiKey.secret)).body.errors?.[0].extensions.code === 'UNAUTHENTICATED', 200, 10);
  expect(waited).toBeLessThanOrEqual(200);
});

it('a mappings:load from a third process refreshes both: neither answers from its cache what the old catalog gave', async () => {
  const query = '{ frameworks { code version requirementCount } }';
  for (const service of [a, b]) {
    await ask(service, query);
    expect((await ask(service, query)).cache).toBe('hit');
  }
  // The third process loads a copy of mappings/ in which one title changed; both replicas' in-memory catalogs follow.
  const title = '{ requirement(framework: "ISO27001", refId: "A.5.1") { title } }';
  const shipped = (await ok(a, title, adminKey)).requirement.title as string;
  const revised = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-mappings-'));
  try {
    fs.cpSync('mappings', revised, { recursive: true });
    const file = path.join(revised, 'frameworks/iso27001-2022.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(`title: "${shipped}"`, `title: "${shipped} (revised)"`));
    cli('dist/src/mappings/cli/load.js', ['--dir', revised]);
    for (const service of [a, b]) {
      await until('the load to reach the replica', async () => (await ask(service, query)).cache === 'miss', 5_000, 20);
      // Executed (a key bypasses the read cache), so read from the replica's catalog snapshot.
      expect((await ok(service, title, adminKey)).requirement.title).toBe(`${shipped} (revised)`);
    }
  } finally {
    cli('dist/src/mappings/cli/load.js', ['--force']);
    fs.rmSync(revised, { recursive: true, force: true });
  }
  for (const service of [a, b]) await until('the shipped title back', async () => (await ok(service, title, adminKey)).requirement.title === shipped, 5_000, 20);
});

it('with their notification connections cut, both read the database: nothing stale, nothing from the cache', async () => {
  const query = '{ frameworks { code version } }';
  for (const service of [a, b]) {
    await ask(service, query);
    expect((await ask(service, query)).cache).toBe('hit');
  }
  const { createApiKey } = await ok(a, 'mutation { createApiKey(role: EDITOR, name: "cut") { id secret } }', adminKey);
  expect((await ok(b, '{ me { role } }', createApiKey.secret)).me.role).toBe('EDITOR'); // B verifies and keeps it
  const covered = [];
  for (const service of [a, b]) {
    await ok(service, COVERAGE, adminKey);
    covered.push((await ok(service, COVERAGE, adminKey)).coverage[0].full); // each keeps the organization's state
  }
  expect(covered[0]).toBe(covered[1]);
  expect(covered[0]).toBeGreaterThan(0); // R-1 (IMPLEMENTED) covers A.5.15, from the first test
  // Every LISTEN connection is cut; once each replica has noticed, the catalog changes and the key is revoked behind
  // their backs, in SQL, so that no notification can reach them.
  const lostBefore = [a, b].map((service) => service.output().split('watch lost').length);
  const cut = await db.query<{ n: number }>(
    `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND application_name IN ('crosswalk-catalog-watch', 'crosswalk-key-watch', 'crosswalk-tenant-watch')`,
  );
  expect(cut[0].n).toBe(6); // three watches in each of two replicas
  for (const [i, service] of [a, b].entries()) {
    await until('the replica to notice all three watches lost', () => service.output().split('watch lost').length >= lostBefore[i] + 3, 5_000, 10);
  }
  // The organization's data first, and checked before the catalog changes (a new catalog rebuilds kept tenant state
  // anyway, so it would hide a stale one).
  await db.query(`UPDATE control SET status = 'PLANNED' WHERE code = 'R-1'`);
  for (const service of [a, b]) expect((await ok(service, COVERAGE, adminKey)).coverage[0].full).toBe(covered[0] - 1);
  await db.query(`UPDATE catalog_state SET version = version + 1 WHERE id = 1`);
  await db.query(`UPDATE api_key SET revoked_at = now() WHERE id = $1`, [createApiKey.id]);
  // Whether the watches are still down or already back (they re-read on reconnecting), nothing stale is served.
  for (const service of [a, b]) {
    expect((await ask(service, query)).cache).not.toBe('hit');
    expect((await ask(service, '{ me { role } }', createApiKey.secret)).body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  }
  // And they come back by themselves.
  for (const service of [a, b]) {
    await until('the catalog watch to come back', async () => (await ask(service, query)).cache === 'hit', 15_000, 100);
  }
});
