/**
 * Faults in the DATABASE, not the service: the built service runs as a child process (NODE_ENV=production) on a
 * PostgreSQL of its own, started for this file only (the embedded binaries, in a temp folder), so killing it disturbs
 * no other test. The postmaster is SIGKILLed (no shutdown, no checkpoint: crash recovery on restart) and started again
 * on the same data folder and port. Proves:
 *   - in the middle of a burst of createControl/linkControl writes: every request during the outage ends within a
 *     bound with a clean GraphQL error (no stack trace, no SQL, no driver internals); /health/ready goes 503; after
 *     the restart readiness returns to 200 by itself (same process, no restart of the service) and new writes
 *     succeed; nothing half-written remains (every control has exactly one createControl audit event and every such
 *     event its control; every link its linkControl event and vice versa), and every write acknowledged with 200 +
 *     data is present;
 *   - in the middle of a catalog load (`mappings:load --force` with changed files): the load is held, deterministically,
 *     after it has written frameworks, requirements, mapping sets and edges and is about to bump catalog_state; the
 *     database dies there; after the restart the catalog is the old one, whole (catalog_state, row counts and a
 *     checksum of the content all as before); loading again then gives the new one, whole.
 */
import { jest } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { type EmbeddedServer, embeddedPostmaster, isAlive, startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import {
  type Outcome, request, type ServiceProcess, sleep, startService, stopService, until, within,
} from '../support/service-process';

jest.setTimeout(240_000);

/** No request may take longer than this, outage or not (the pool's connection timeout is 10 s). */
const REQUEST_BOUND_MS = 15_000;
/** Readiness must come back within this after the database is back. */
const RECOVERY_BOUND_MS = 30_000;
/** Nothing a client sees may look like this: a stack frame, SQL, or driver/socket internals. */
const LEAK = /\n\s+at |\bat [\w.<>]+ \(|\.[jt]s:\d+|node_modules|ECONNREFUSED|ECONNRESET|terminating connection|postmaster|SELECT |INSERT |QueryFailedError|TypeORM|stack/i;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-dbfaults-'));
const newMappingsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-dbfaults-mappings-'));
let pg: EmbeddedServer;
/** Set when the write burst must end (also by afterAll, should a test fail mid-burst). */
let stop = false;
const clis: ChildProcess[] = [];
let pgPort: number;
let service: ServiceProcess;
let adminKey: string;
const pgLog: string[] = [];

// ---------------------------------------------------------------------------------------------- the database server

const postmaster = () => embeddedPostmaster(dataDir);

/** Processes whose parent is `pid` (the backends of a postmaster). */
function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** SIGKILLs the postmaster, then waits until its orphaned backends have noticed and exited (they hold shared memory). */
async function killDatabase(): Promise<{ pid: number; backends: number; orphansGoneMs: number }> {
  const pm = postmaster();
  if (!pm || !isAlive(pm.pid)) throw new Error('no running postmaster to kill');
  const backends = childrenOf(pm.pid);
  process.kill(pm.pid, 'SIGKILL');
  await until('the postmaster to die', () => !isAlive(pm.pid), 5000, 10);
  const allGone = () => backends.every((b) => !isAlive(b));
  const orphansGoneMs = await until('the orphaned backends to exit', allGone, 30_000, 50);
  return { pid: pm.pid, backends: backends.length, orphansGoneMs };
}

/**
 * Start the database again on the same data folder and port (crash recovery runs first), the way the service's own
 * embedded start does it: a SIGKILLed postmaster's stale postmaster.pid is cleared, and as root the binaries run from
 * a copy the postgres user can reach.
 */
async function restartDatabase(): Promise<number> {
  const started = Date.now();
  await startEmbeddedPostgres({ dataDir, port: pgPort, log: (m) => pgLog.push(m) });
  await sql('SELECT 1');
  return Date.now() - started;
}

/** One SQL statement on a connection of its own, as the superuser (outside the application). */
async function sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]> {
  const client = new Client({ connectionString: pg.url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end().catch(() => undefined);
  }
}

// ------------------------------------------------------------------------------------------------------ the service

const ready = (timeoutMs = 3000) => request(service.port, '/health/ready', { timeoutMs });

function runCli(script: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, DATABASE_URL: pg.url, NODE_ENV: 'production', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  clis.push(child);
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

// ---------------------------------------------------------------------------------------------------- the checks

/** A client-facing failure must be a GraphQL error with a code, and nothing internal. */
function cleanFailure(o: Outcome): string | undefined {
  if (o.error) return `transport error ${o.error} after ${o.ms.toFixed(0)} ms`;
  if (o.ms > REQUEST_BOUND_MS) return `took ${o.ms.toFixed(0)} ms`;
  if (LEAK.test(o.body ?? '')) return `leaks internals: ${o.body}`;
  let parsed: { errors?: Array<{ message?: unknown; extensions?: { code?: unknown } }> };
  try {
    parsed = JSON.parse(o.body ?? '');
  } catch {
    return `status ${o.status}, not JSON: ${o.body}`;
  }
  if (!parsed.errors?.length) return `status ${o.status}, no errors array: ${o.body}`;
  if (!parsed.errors.every((e) => typeof e.message === 'string' && typeof e.extensions?.code === 'string')) return `errors without message/code: ${o.body}`;
  return undefined;
}

interface CatalogSnapshot {
  state: { content_hash: string; version: number; framework_count: number; requirement_count: number; edge_count: number };
  counts: { frameworks: number; requirements: number; sets: number; edges: number };
  checksum: string;
}

async function catalogSnapshot(): Promise<CatalogSnapshot> {
  const [state] = await sql<CatalogSnapshot['state']>(
    'SELECT content_hash, version, framework_count, requirement_count, edge_count FROM catalog_state WHERE id = 1',
  );
  const [counts] = await sql<CatalogSnapshot['counts']>(
    `SELECT (SELECT count(*)::int FROM framework) AS frameworks, (SELECT count(*)::int FROM requirement) AS requirements,
            (SELECT count(*)::int FROM mapping_set) AS sets, (SELECT count(*)::int FROM crosswalk_edge) AS edges`,
  );
  const [{ checksum }] = await sql<{ checksum: string }>(
    `SELECT md5(coalesce(string_agg(x, E'\\n' ORDER BY x), '')) AS checksum FROM (
       SELECT concat_ws('|', 'f', code, version, name, publisher, kind, description, licence_note, sources::text) AS x FROM framework
       UNION ALL
       SELECT concat_ws('|', 'r', f.code, f.version, r.ref_id, p.ref_id, r.title, r.text, r.kind, r.assessable::text, r.hs_clause, r.position::text, r.depth::text)
         FROM requirement r JOIN framework f ON f.id = r.framework_id LEFT JOIN requirement p ON p.id = r.parent_id
       UNION ALL
       SELECT concat_ws('|', 's', key, name, description, method, status, author, published_on::text, licence, comprehensive::text, sources::text, source_file) FROM mapping_set
       UNION ALL
       SELECT concat_ws('|', 'e', m.key, s.ref_id, t.ref_id, e.relationship, e.rationale, e.strength::text, e.note, e.position::text)
         FROM crosswalk_edge e JOIN mapping_set m ON m.id = e.mapping_set_id
         JOIN requirement s ON s.id = e.source_requirement_id JOIN requirement t ON t.id = e.target_requirement_id
     ) q`,
  );
  return { state, counts, checksum };
}

/** The catalog agrees with its own catalog_state row: no partial load. */
function expectWhole(snapshot: CatalogSnapshot): void {
  expect({ frameworks: snapshot.counts.frameworks, requirements: snapshot.counts.requirements, edges: snapshot.counts.edges }).toEqual({
    frameworks: snapshot.state.framework_count,
    requirements: snapshot.state.requirement_count,
    edges: snapshot.state.edge_count,
  });
}

// --------------------------------------------------------------------------------------------------------- set-up

beforeAll(async () => {
  pg = await startEmbeddedPostgres({ dataDir, log: (m) => pgLog.push(m) });
  pgPort = Number(new URL(pg.url).port);
  service = await startService({
    databaseUrl: pg.url,
    env: { CROSSWALK_LOAD_MAPPINGS: 'true', RATE_LIMIT_PER_MINUTE: '1000000' },
    readyTimeoutMs: 120_000,
    pollMs: 100,
  });
  const org = runCli('dist/src/organizations/cli/create-org.js', ['--name', 'Faulty Database Co']);
  expect(await org.exited).toBe(0);
  adminKey = /^API key: (\S+)$/m.exec(org.stdout())![1];

  // The "new" catalog: the shipped files with every requirement title changed (same keys, so nothing in use is removed).
  fs.cpSync('mappings', newMappingsDir, { recursive: true });
  const frameworksDir = path.join(newMappingsDir, 'frameworks');
  for (const file of fs.readdirSync(frameworksDir)) {
    const full = path.join(frameworksDir, file);
    fs.writeFileSync(full, fs.readFileSync(full, 'utf8').replace(/^(\s+title: ")/gm, '$1v2 '));
  }
});

afterAll(async () => {
  stop = true;
  for (const cli of clis) if (cli.exitCode === null && cli.signalCode === null) cli.kill('SIGKILL');
  await stopService(service, 15_000);
  await pg?.stop().catch(() => undefined);
  const pm = postmaster();
  if (pm && isAlive(pm.pid)) process.kill(pm.pid, 'SIGKILL');
  if (!process.env.KEEP_FAULTS_DIR) fs.rmSync(dataDir, { recursive: true, force: true });
  else console.log(`kept ${dataDir}`);
  fs.rmSync(newMappingsDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------------- tests

const CREATE = `mutation($code: String!) { createControl(input: { code: $code, title: "burst" }) { id version } }`;
const LINK = `mutation($c: ID!) { linkControl(controlId: $c, framework: "SOC2:2017", refId: "CC1.1", coverage: FULL) { coverage control { id } requirement { id } } }`;

interface Recorded extends Outcome {
  op: 'createControl' | 'linkControl';
  phase: 'before' | 'outage' | 'after';
  data?: any;
}

it('database killed mid-burst of writes: clean bounded errors, readiness 503 then 200 by itself, no half-written write', async () => {
  // A client-side timeout beyond the bound, so a hang shows as TIMEOUT.
  const timeoutMs = REQUEST_BOUND_MS + 5000;
  const gql = (query: string, variables: Record<string, unknown>) =>
    request(service.port, '/graphql', { body: { query, variables }, key: adminKey, timeoutMs });
  const outcomes: Recorded[] = [];
  let phase: Recorded['phase'] = 'before';
  let inFlight = 0;
  let seq = 0;
  const ackedControls = new Set<string>();
  const ackedLinks = new Set<string>();

  const call = async (op: Recorded['op'], query: string, variables: Record<string, unknown>): Promise<Recorded> => {
    const at = phase;
    inFlight++;
    const o = await gql(query, variables);
    inFlight--;
    let data: any;
    try {
      data = JSON.parse(o.body ?? '').data?.[op];
    } catch {
      data = undefined;
    }
    const r: Recorded = { ...o, op, phase: at, data };
    outcomes.push(r);
    return r;
  };
  const ok = (r: Recorded) => r.status === 200 && r.data != null && !JSON.parse(r.body!).errors;

  const worker = async (w: number) => {
    while (!stop) {
      const created = await call('createControl', CREATE, { code: `burst-${w}-${seq++}` });
      if (!ok(created)) {
        await sleep(25);
        continue;
      }
      ackedControls.add(created.data.id);
      const linked = await call('linkControl', LINK, { c: created.data.id });
      if (ok(linked)) ackedLinks.add(`${linked.data.control.id}:${linked.data.requirement.id}`);
      else await sleep(25);
    }
  };
  const workers = Array.from({ length: 8 }, (_, w) => worker(w));

  // Mid-burst: enough acknowledged writes, and requests on the wire.
  await until('40 acknowledged writes', () => ackedControls.size + ackedLinks.size >= 40, 60_000, 5);
  await until('requests in flight', () => inFlight >= 4, 5000, 1);
  const inFlightAtKill = inFlight;
  phase = 'outage';
  const killed = await killDatabase();
  const notReadyMs = await until('/health/ready to go 503', async () => (await ready()).status === 503, 10_000, 100);
  const readyDuringOutage = await ready();
  expect(readyDuringOutage.status).toBe(503);
  expect(JSON.parse(readyDuringOutage.body!)).toMatchObject({ status: 'unavailable' });
  await sleep(2000); // the burst keeps going against a dead database
  const outageRequests = outcomes.filter((o) => o.phase === 'outage').length;

  // Back: same data folder, same port. The service is not touched.
  const restartMs = await restartDatabase();
  phase = 'after';
  const recoveredMs = await until('/health/ready to return to 200', async () => (await ready()).status === 200, RECOVERY_BOUND_MS, 200);
  await sleep(1000); // a little burst on the recovered database
  stop = true;
  await Promise.all(workers);
  expect(service.child.exitCode).toBeNull(); // the service survived, and was not restarted

  // New writes succeed.
  const fresh = await call('createControl', CREATE, { code: 'after-the-outage' });
  expect(ok(fresh)).toBe(true);
  ackedControls.add(fresh.data.id);
  const freshLink = await call('linkControl', LINK, { c: fresh.data.id });
  expect(ok(freshLink)).toBe(true);
  ackedLinks.add(`${freshLink.data.control.id}:${freshLink.data.requirement.id}`);

  // Every failure was clean and bounded; none hung.
  const failures = outcomes.filter((o) => !ok(o));
  const dirty = failures.map((o) => ({ op: o.op, phase: o.phase, problem: cleanFailure(o) })).filter((f) => f.problem);
  expect(dirty).toEqual([]);
  expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThanOrEqual(REQUEST_BOUND_MS);
  expect(failures.filter((o) => o.phase === 'outage').length).toBeGreaterThan(0);
  expect(outcomes.filter((o) => o.phase === 'after' && ok(o)).length).toBeGreaterThan(0);

  // Nothing half-written: every mutation is one transaction with its audit event.
  const controlsWithoutEvent = await sql(
    `SELECT c.id FROM control c WHERE (SELECT count(*) FROM audit_event a WHERE a.operation = 'createControl' AND a.entity_id = c.id::text) <> 1`,
  );
  const eventsWithoutControl = await sql(
    `SELECT a.entity_id FROM audit_event a WHERE a.operation = 'createControl' AND NOT EXISTS (SELECT 1 FROM control c WHERE c.id::text = a.entity_id)`,
  );
  const linksWithoutEvent = await sql(
    `SELECT l.control_id FROM control_link l
      WHERE (SELECT count(*) FROM audit_event a WHERE a.operation = 'linkControl' AND a.entity_id = l.control_id || ':' || l.requirement_id) <> 1`,
  );
  const eventsWithoutLink = await sql(
    `SELECT a.entity_id FROM audit_event a WHERE a.operation = 'linkControl'
        AND NOT EXISTS (SELECT 1 FROM control_link l WHERE l.control_id || ':' || l.requirement_id = a.entity_id)`,
  );
  expect({ controlsWithoutEvent, eventsWithoutControl, linksWithoutEvent, eventsWithoutLink }).toEqual({
    controlsWithoutEvent: [],
    eventsWithoutControl: [],
    linksWithoutEvent: [],
    eventsWithoutLink: [],
  });

  // Every acknowledged write is there.
  const controls = new Set((await sql<{ id: string }>('SELECT id::text FROM control')).map((r) => r.id));
  const links = new Set((await sql<{ k: string }>(`SELECT control_id || ':' || requirement_id AS k FROM control_link`)).map((r) => r.k));
  expect([...ackedControls].filter((id) => !controls.has(id))).toEqual([]);
  expect([...ackedLinks].filter((k) => !links.has(k))).toEqual([]);

  const codes = [...new Set(failures.map((o) => (o.error ? o.error : `${o.status} ${JSON.parse(o.body!).errors[0].extensions.code}`)))];
  console.log(
    `database killed mid-burst (postmaster ${killed.pid}, ${killed.backends} backends, ${inFlightAtKill} requests in flight; orphans gone in ${killed.orphansGoneMs} ms): ` +
      `${outcomes.length} requests (${outcomes.filter(ok).length} ok, ${failures.length} failed: ${codes.join(', ')}; ${outageRequests} during the outage); ` +
      `readiness 503 ${notReadyMs} ms after the kill; database restarted in ${restartMs} ms; readiness 200 ${recoveredMs} ms later; ` +
      `slowest request ${Math.max(...outcomes.map((o) => o.ms)).toFixed(0)} ms; ${controls.size} controls and ${links.size} links, each with its one audit event; ` +
      `${ackedControls.size} + ${ackedLinks.size} acknowledged writes all present`,
  );
});

it('database killed mid catalog load: the catalog is the old one, whole; the next load gives the new one, whole', async () => {
  const before = await catalogSnapshot();
  expectWhole(before);

  // Hold the catalog_state row, so the load does all its writes and then waits, in its open transaction, on the last one.
  const locker = new Client({ connectionString: pg.url });
  locker.on('error', () => undefined);
  await locker.connect();
  const lockerPid = (locker as unknown as { processID: number }).processID;
  await locker.query('BEGIN');
  await locker.query('SELECT 1 FROM catalog_state WHERE id = 1 FOR UPDATE');

  const load = runCli('dist/src/mappings/cli/load.js', ['--force', '--dir', newMappingsDir]);
  let held: Array<{ query: string }> = [];
  await until(
    'the load to wait on catalog_state with its writes done',
    async () => {
      if (load.child.exitCode !== null) throw new Error(`load exited early with ${load.child.exitCode}:\n${load.stdout()}\n${load.stderr()}`);
      held = await sql<{ query: string }>(
        `SELECT query FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> $1 AND query ILIKE '%INSERT INTO catalog_state%'`,
        [lockerPid],
      );
      return held.length === 1;
    },
    60_000,
    50,
  );

  const killed = await killDatabase();
  const loadExit = await within(load.exited, REQUEST_BOUND_MS, 'still running');
  expect(loadExit).not.toBe(0);
  expect(loadExit).not.toBe('still running');
  await locker.end().catch(() => undefined);
  const readyDuringOutage = await ready();
  expect(readyDuringOutage.status).toBe(503);

  const restartMs = await restartDatabase();
  const recoveredMs = await until('/health/ready to return to 200', async () => (await ready()).status === 200, RECOVERY_BOUND_MS, 200);

  // The old catalog, exactly and whole.
  const afterCrash = await catalogSnapshot();
  expectWhole(afterCrash);
  expect(afterCrash).toEqual(before);

  // The same load, undisturbed: the new catalog, whole.
  const again = runCli('dist/src/mappings/cli/load.js', ['--force', '--dir', newMappingsDir]);
  const againExit = await again.exited;
  expect({ exit: againExit, stderr: againExit === 0 ? '' : again.stderr() }).toEqual({ exit: 0, stderr: '' });
  const after = await catalogSnapshot();
  expectWhole(after);
  expect(after.state.version).toBe(before.state.version + 1);
  expect(after.state.content_hash).not.toBe(before.state.content_hash);
  expect(after.checksum).not.toBe(before.checksum);
  expect(after.counts).toEqual(before.counts); // only titles changed
  const [{ v2, all }] = await sql<{ v2: number; all: number }>(
    `SELECT count(*) FILTER (WHERE title LIKE 'v2 %')::int AS v2, count(*)::int AS "all" FROM requirement`,
  );
  expect(v2).toBe(all);
  expect((await ready()).status).toBe(200);

  console.log(
    `database killed mid catalog load (load held on "${held[0].query.trim().slice(0, 40)}…" with its writes done; ${killed.backends} backends; ` +
      `load exited ${String(loadExit)}: ${load.stderr().trim().split('\n')[0]}): after restart (${restartMs} ms, readiness 200 ${recoveredMs} ms later) ` +
      `catalog_state v${afterCrash.state.version} ${afterCrash.state.content_hash.slice(0, 12)}, ${afterCrash.counts.frameworks} frameworks / ` +
      `${afterCrash.counts.requirements} requirements / ${afterCrash.counts.sets} sets / ${afterCrash.counts.edges} edges, checksum ${afterCrash.checksum.slice(0, 12)}: ` +
      `identical to before; reloaded: v${after.state.version}, checksum ${after.checksum.slice(0, 12)}`,
  );
});
