/**
 * SIGTERM (and SIGINT) on the built service, run as a child process on DATABASE_URL as in production. While big catalog
 * queries and writes are in flight, the signal arrives. Proves:
 *   - the service stops taking new connections at once: every new connection after the signal is refused or fails,
 *     quickly, and none hangs;
 *   - every request in flight at the signal completes with 200 and its full data (the catalog answers are byte for
 *     byte those of a quiet service; the writes are committed, with their audit events);
 *   - then the process exits with code 0.
 * The requests are held in flight deterministically: the test holds a lock on `control_link` and on the controls being
 * written, checks in pg_stat_activity that every request is waiting on it, sends the signal, and releases the lock
 * only after it has seen new connections refused. (The catalog itself is read from memory, so each big read also asks
 * for a count of the organization's controls, which reads control_link and so waits on the lock.)
 */
import { jest } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { type Outcome, request, sleep, startService, stopService, until, within } from '../support/service-process';

jest.setTimeout(120_000);

/** How long the test keeps the in-flight requests waiting after the signal (the last case: past Apollo's own 10 s). */
const HOLD_AFTER_SIGNAL_MS = 1500;
const LONG_HOLD_MS = 11_500;
/** A new connection after the signal must be answered (refused, reset or served) within this. */
const PROBE_TIMEOUT_MS = 3000;

let db: TestDatabase;
let adminKey: string;

/** A big keyed read: a framework's requirements with every crosswalk edge (tens of KB of JSON), and a tenant count that reads control_link. */
const catalogQuery = (framework: string) =>
  `{ controls(first: 1, filter: { unlinked: true }) { totalCount } requirements(framework: "${framework}", first: 200) { totalCount edges { node { refId title crosswalks { relationship target { refId } } } } } }`;
const FRAMEWORKS = ['ISO27001', 'SOC2', 'NIST-AI-RMF', 'ISO42001'];

beforeAll(async () => {
  db = await createTestDatabase({ catalog: true });
  const org = spawnSync(process.execPath, ['dist/src/organizations/cli/create-org.js', '--name', 'Shutdown Co'], {
    env: { ...process.env, DATABASE_URL: db.url },
    encoding: 'utf8',
  });
  expect(org.status).toBe(0);
  adminKey = /^API key: (\S+)$/m.exec(org.stdout)![1];
});

afterAll(() => db?.drop());

it.each([
  ['SIGTERM', 4, 2, HOLD_AFTER_SIGNAL_MS],
  ['SIGINT', 2, 1, HOLD_AFTER_SIGNAL_MS],
  // Apollo's drain, which Nest installs, cuts requests after 10 s; the service's own (SHUTDOWN_GRACE_SECONDS, 30 s) not.
  ['SIGTERM', 1, 1, LONG_HOLD_MS],
] as const)('on %s: refuses new connections, finishes %i catalog reads and %i writes held %i ms in flight with 200 and full data, exits 0', async (signal, reads, writes, holdMs) => {
  const booting = performance.now();
  // Reads are held in flight longer than the default execution time limit (5 s): this test is about the drain, so
  // the limit is set out of the way (query-cost.e2e.spec.ts tests the limit).
  const service = await startService({ databaseUrl: db.url, env: { CROSSWALK_LOAD_MAPPINGS: 'false', QUERY_TIME_LIMIT_MS: '120000' } });
  const bootMs = performance.now() - booting;
  const gql = (query: string, variables: Record<string, unknown> = {}, key?: string) =>
    request(service.port, '/graphql', { body: { query, variables }, key });

  const controlIds: string[] = [];
  for (let i = 0; i < writes; i++) {
    const created = await gql(`mutation($code: String!) { createControl(input: { code: $code, title: "before" }) { id version } }`, { code: `${signal}-${holdMs}-${i}` }, adminKey);
    controlIds.push(JSON.parse(created.body!).data.createControl.id);
  }

  // What a quiet service answers, to compare the in-flight answers with.
  const frameworks = FRAMEWORKS.slice(0, reads);
  const expected = new Map<string, string>();
  for (const f of frameworks) {
    const quiet = await gql(catalogQuery(f), {}, adminKey);
    expect(quiet.status).toBe(200);
    const parsed = JSON.parse(quiet.body!);
    expect(parsed.errors).toBeUndefined();
    expect(parsed.data.requirements.edges.length).toBeGreaterThan(20);
    expected.set(f, quiet.body!);
  }
  // Hold the rows and the table the requests need, so they stay in flight as long as the test wants.
  const locker = new Client({ connectionString: db.url });
  await locker.connect();
  try {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE control_link IN ACCESS EXCLUSIVE MODE');
    await locker.query('SELECT id FROM control WHERE id = ANY($1::uuid[]) FOR UPDATE', [controlIds]);
    const waiting = async () => {
      const [row] = await db.query<{ writes: number; total: number }>(
        `SELECT count(*) FILTER (WHERE query ILIKE '%FOR UPDATE%')::int AS writes, count(*)::int AS total
           FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1`,
        [(locker as unknown as { processID: number }).processID],
      );
      return row;
    };

    // The writes first (each holds one pooled connection while it waits), then the catalog reads.
    const settled = new Set<string>();
    const track = (kind: string, name: string, p: Promise<Outcome>) => p.then((o) => (settled.add(name), { ...o, kind, name }));
    const inFlight = controlIds.map((id, i) =>
      track('write', `updateControl ${i}`, gql(`mutation($id: ID!) { updateControl(id: $id, input: { title: "after" }, expectedVersion: 1) { id version title } }`, { id }, adminKey)),
    );
    await until(`${writes} writes waiting on the row lock`, async () => (await waiting()).writes === writes);
    // Keyed, so the public read cache never answers them: they execute (and wait on the lock).
    inFlight.push(...frameworks.map((f) => track('read', f, gql(catalogQuery(f), { inFlight: signal }, adminKey))));
    await until(`${reads} catalog reads waiting on the table lock`, async () => (await waiting()).total >= writes + reads);
    await sleep(200);
    expect(settled.size).toBe(0);

    // The signal.
    const signalled = performance.now();
    service.child.kill(signal);
    await until('the service to acknowledge the signal', () => service.output().includes(`${signal}: finishing requests in flight`));

    // New connections: refused (or failing) at once, never served, never hanging, while the old requests still wait.
    const probes: Outcome[] = [];
    while (performance.now() - signalled < holdMs) {
      probes.push(await request(service.port, '/health/live', { timeoutMs: PROBE_TIMEOUT_MS }));
      await sleep(100);
    }
    expect(probes.length).toBeGreaterThanOrEqual(5);
    expect(probes.filter((p) => p.error === 'TIMEOUT' || p.ms >= PROBE_TIMEOUT_MS)).toEqual([]);
    expect(probes.filter((p) => p.status !== undefined).map((p) => ({ status: p.status, body: p.body }))).toEqual([]);
    expect(probes[probes.length - 1].error).toBe('ECONNREFUSED');
    expect(settled.size).toBe(0); // nothing in flight was cut
    expect(service.child.exitCode).toBeNull(); // and the process waits for them
    const stillWaiting = await waiting();
    expect(stillWaiting.writes).toBe(writes);

    // Let them finish.
    const released = performance.now();
    await locker.query('ROLLBACK');
    const outcomes = await Promise.all(inFlight);
    const exitCode = await within(service.exited, 15_000, 'did not exit within 15 s after the requests finished');
    const exitedAt = performance.now();

    for (const o of outcomes) {
      expect({ name: o.name, status: o.status, error: o.error }).toEqual({ name: o.name, status: 200, error: undefined });
      expect(o.at).toBeGreaterThan(released); // it was in flight at the signal, and answered after it
      const body = JSON.parse(o.body!);
      expect(body.errors).toBeUndefined();
      if (o.kind === 'read') expect(o.body).toBe(expected.get(o.name));
      else expect(body.data.updateControl).toMatchObject({ version: 2, title: 'after' });
    }
    expect(exitCode).toBe(0);
    expect(service.output()).toMatch(/\[crosswalk\] stopped/);
    expect(service.output()).not.toMatch(/shutdown failed|Error/);

    // The writes answered in flight are committed, each with its audit event.
    const rows = await db.query<{ title: string; version: number; events: number }>(
      `SELECT c.title, c.version, (SELECT count(*)::int FROM audit_event a WHERE a.entity_id = c.id::text AND a.operation = 'updateControl') AS events
         FROM control c WHERE c.id = ANY($1::uuid[])`,
      [controlIds],
    );
    expect(rows).toEqual(controlIds.map(() => ({ title: 'after', version: 2, events: 1 })));

    console.log(
      `${signal}: ${outcomes.length} requests in flight (${reads} catalog reads of ${outcomes.filter((o) => o.kind === 'read').map((o) => o.body!.length).join('/')} bytes, ` +
        `${writes} writes) all 200 after the lock was released ${(released - signalled).toFixed(0)} ms after the signal; ` +
        `${probes.length} new connections after the signal: ${[...new Set(probes.map((p) => p.error ?? p.status))].join(', ')} ` +
        `(slowest ${Math.max(...probes.map((p) => p.ms)).toFixed(0)} ms); started in ${bootMs.toFixed(0)} ms, exit ${String(exitCode)} ${(exitedAt - released).toFixed(0)} ms after release`,
    );
  } finally {
    await locker.query('ROLLBACK').catch(() => undefined);
    await locker.end().catch(() => undefined);
    await stopService(service);
  }
});
