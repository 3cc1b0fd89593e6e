/**
 * `npm run bench:api`: the service under load (issue 5, item 8). See HELP for what it does and how to run it.
 *
 * The service runs as it does in production: the compiled `dist/src/main.js` in a child process with
 * NODE_ENV=production. autocannon drives it from this process over 127.0.0.1, one scenario at a time; the ceiling is
 * a bare `node:http` server, also a child process, answering with the very bytes the service returned for the same
 * catalog read, so both sides pay the same load generator, loopback and response size.
 *
 * Writes: a pool of (control, requirement) pairs is leased one request at a time, so two writes to the same pair are
 * never in flight together and the order of acknowledged writes on a pair is the order they were sent. Each write
 * toggles its pair (link when absent, unlink when present). The integrity check then compares the final control_link
 * rows with (a) the replay of the acknowledged writes and (b) the replay of the audit trail.
 *
 * Own catalog (issue 12): after all of that, a second organization with the same controls and links and a big own
 * catalog (own-catalog-seed.ts) is measured against the first, warm and cold.
 */
import type { IncomingHttpHeaders } from 'node:http';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import autocannon from 'autocannon';
import { DataSource } from 'typeorm';
import { readCatalogRows } from '../src/catalog/catalog.repository';
import { CatalogSnapshot } from '../src/catalog/catalog-snapshot';
import { parseCliArgs } from '../src/common/cli/parse-cli-args';
import { dataSourceOptions } from '../src/database/data-source-options';
import type { CatalogGraph } from '../src/graph/catalog-graph';
import { seedOwnCatalog, type SeededOwnCatalog } from './own-catalog-seed';
import { OVERLAY_SCALE } from './overlay-rows';
import { elapsedSeconds, guarded, onCleanup, openBenchDatabase, parseCount, parseOptions, progress, resultsTable, ROOT, type Row, runMain, processCpuMs, spawnUntil, startServiceProcess, table, verdict, withClient, createOrganization } from './harness';

const DEFAULTS = { duration: 10, warmup: 2, connections: 10, rate: 200, controls: 25, timeout: 10 };
const WRITE_REQUIREMENTS_PER_CONTROL = 4;

const HELP = `Usage: npm run bench:api [-- options]

Load-tests the production build (issue 5, item 8). It starts \`node dist/src/main.js\` with NODE_ENV=production on
a throwaway database (mappings loaded at start-up, RATE_LIMIT_PER_MINUTE=1000000 since all load comes from one key
and one address), creates an organization with \`org:create\`, seeds ${DEFAULTS.controls} IMPLEMENTED controls, each linked to
an ISO 27001 requirement, then drives the service with autocannon on 127.0.0.1, each scenario on its own:
  - catalog reads: { frameworks { code version requirementCount } }, and a page of 25 ISO 27001 requirements with
    their crosswalks, as clients send them (repeated, so the public read cache answers), and executed (an unused
    variable that differs per request keeps every request out of the cache);
  - coverage(frameworks: ["ISO42001","SOC2"]) with the key: as fast as it goes, and at a fixed 200 req/s;
  - link/unlink writes: linkControl and unlinkControl alternating on (control, requirement) pairs;
  - then, for issue 12, a second organization with the same controls and links plus an own catalog of 10
    frameworks x 1,000 requirements and 50,000 own crosswalks (bench:engine's generated overlay, written as the
    database owner in one transaction; the seeding time is printed): coverage(ISO42001, SOC2) for it against the
    first organization's, coverage of all frameworks (the 10 own included) for both, requirementCoverage of an own
    requirement, and the cold path (the first coverage request after an own_catalog_version bump, median of a few).
In the same run, a bare node:http server answering with the same JSON bytes as each catalog read gives this
machine's ceiling. It prints req/s, p50/p99 latency and errors (non-2xx, GraphQL errors, transport errors) per
operation and the targets, PASS or MISS, to stdout; progress goes to stderr. After the writes an integrity check
compares the final control_link rows with the acknowledged writes and with the audit trail; the own-catalog rows
come last (issue 12's target: coverage with the own catalog within 2x of none, by CPU ms/request and by req/s).

Database: DATABASE_URL when set (its role must be allowed to create databases), else a throwaway embedded
PostgreSQL in a temp folder. Either way the service works in a fresh database crosswalk_apibench_<pid>, dropped at
the end.

Options:
  --duration <s>      seconds per measured scenario (default ${DEFAULTS.duration})
  --warmup <s>        unmeasured seconds before each scenario, 0 for none (default ${DEFAULTS.warmup})
  --connections <n>   concurrent connections of the throughput scenarios (default ${DEFAULTS.connections})
  --controls <n>      controls to seed, 1 to 100 (default ${DEFAULTS.controls})
  --timeout <min>     give up, clean up and exit 124 after this many minutes (default ${DEFAULTS.timeout})
  -h, --help          show this help

Exit status: 0 when it ran, missed targets included; 1 on an error (the integrity check failing included);
2 on bad options; 124 on timeout.`;

/**
 * Issue 11's targets. Shares are of the bare node:http ceiling in the same run, for answers that were executed (cache
 * off); coverage's throughput is measured against the frameworks ceiling.
 */
const TARGETS = {
  executedShare: 0.25,
  cachedShare: 0.25,
  coverageShareOfCeiling: 0.1,
  coverageMaxRateP99Ms: 20,
  coverageAt200P99Ms: 10,
  writesPerSec: 800,
};

// ---------------------------------------------------------------------------------------------------------------
// Database, service, ceiling server.

/** A bare node:http server in a child process that answers every request with `body`. */
async function startCeiling(body: string): Promise<{ url: string; pid: number | undefined }> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-ceiling-')), 'body.json');
  fs.writeFileSync(file, body);
  onCleanup(async () => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
  const script = `
    const http = require('node:http');
    const body = require('node:fs').readFileSync(process.argv[1]);
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
        res.end(body);
      });
    });
    server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
    process.on('SIGTERM', () => server.close(() => process.exit(0)));
    setInterval(() => {}, 1 << 30);`;
  const { child, match } = await spawnUntil('ceiling', ['-e', script, file], process.env, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 30_000);
  return { url: match[1], pid: child.pid };
}

// ---------------------------------------------------------------------------------------------------------------
// GraphQL helpers for setup.

interface GraphQLResponse<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

async function graphql<T>(url: string, query: string, key?: string): Promise<{ text: string; data: T }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  const parsed = JSON.parse(text) as GraphQLResponse<T>;
  if (!response.ok || parsed.errors?.length || !parsed.data) {
    throw new Error(`GraphQL ${response.status}: ${parsed.errors?.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ') ?? text.slice(0, 200)}`);
  }
  return { text, data: parsed.data };
}

// ---------------------------------------------------------------------------------------------------------------
// Load scenarios.

const Q_FRAMEWORKS = '{ frameworks { code version requirementCount } }';
const Q_REQUIREMENTS =
  '{ requirements(framework: "ISO27001", first: 25) { totalCount pageInfo { endCursor hasNextPage } edges { node { refId title assessable ' +
  'crosswalks { relationship strength reversed target { refId framework { code } } } } } } }';
const Q_COVERAGE = '{ coverage(frameworks: ["ISO42001","SOC2"]) { framework { code version } full partial none excluded score } }';
/** Coverage without arguments: the organization's scope, or (none set, as here) every framework it can see, its own included. */
const Q_COVERAGE_ALL = '{ coverage { framework { code version } full partial none excluded score } }';
const qRequirementCoverage = (code: string, refId: string) =>
  `{ requirementCoverage(framework: "${code}", refId: "${refId}") { status weight inferred paths { status weight controls { code } source { refId } ` +
  'steps { relationship strength reversed mappingSetPrivate mappingSet { key } from { refId } to { refId } } } } }';

interface Counters {
  /** 2xx responses whose body holds GraphQL errors (or, for a catalog read, differs from the expected bytes). */
  bodyErrors: number;
  /** Responses the public read cache answered (x-cache: hit). */
  cacheHits: number;
}

interface Measured {
  name: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  bodyErrors: number;
  transportErrors: number;
  cacheHits: number;
  /** CPU ms the serving process (service or ceiling) spent per request, when /proc tells it. */
  cpuMsPerRequest?: number;
  note?: string;
}

interface Scenario {
  name: string;
  url: string;
  /** The serving process, whose CPU time per request is measured. */
  pid: number | undefined;
  /** Builds the autocannon request list and the counters it fills. */
  requests: (counters: Counters) => autocannon.Request[];
  connections: number;
  overallRate?: number;
  /** Warm up before measuring. (The writes' warm-up writes are real writes too: the integrity check counts them.) */
  warmup: boolean;
}

function post(query: string, key?: string): { method: 'POST'; path: string; headers: Record<string, string>; body: string } {
  return {
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query }),
  };
}

function checkResponse(counters: Counters, expected: string | undefined) {
  return (status: number, body: string, _context: object, headers?: IncomingHttpHeaders) => {
    if (headers?.['x-cache'] === 'hit') counters.cacheHits++;
    if (status < 200 || status >= 300) return;
    const text = String(body);
    if (expected !== undefined ? text !== expected : text.includes('"errors"')) counters.bodyErrors++;
  };
}

/** A fixed request; a 2xx body must equal `expected` when given, else hold no GraphQL errors. */
function fixedRequest(query: string, key: string | undefined, expected: string | undefined) {
  return (counters: Counters): autocannon.Request[] => [{ ...post(query, key), onResponse: checkResponse(counters, expected) }];
}

/**
 * The same keyless query with a variable the query does not use, different on every request: GraphQL ignores it, the
 * public read cache (keyed by the body) cannot answer it, so every request executes. The executed path's own speed.
 */
function uncachedRequest(query: string, expected: string) {
  let nonce = 0;
  return (counters: Counters): autocannon.Request[] => [
    {
      ...post(query),
      setupRequest: (request: autocannon.Request) => ({ ...request, body: JSON.stringify({ query, variables: { nonce: nonce++ } }) }),
      onResponse: checkResponse(counters, expected),
    },
  ];
}

function runAutocannon(url: string, requests: autocannon.Request[], seconds: number, connections: number, overallRate?: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, requests, duration: seconds, connections, pipelining: 1, timeout: 10, ...(overallRate ? { overallRate } : {}) },
      (error: Error | null, result: autocannon.Result) => (error ? reject(error) : resolve(result)),
    );
    const stop = () => (instance as unknown as { stop: () => void }).stop();
    onCleanup(async () => stop());
  });
}

async function measure(scenario: Scenario, seconds: number, warmupSeconds: number): Promise<Measured> {
  if (scenario.warmup && warmupSeconds > 0) {
    progress(`${scenario.name}: warming up for ${warmupSeconds} s`);
    await runAutocannon(scenario.url, scenario.requests({ bodyErrors: 0, cacheHits: 0 }), warmupSeconds, scenario.connections, scenario.overallRate);
  }
  progress(`${scenario.name}: measuring for ${seconds} s (${scenario.connections} connections${scenario.overallRate ? `, ${scenario.overallRate} req/s overall` : ''})`);
  const counters: Counters = { bodyErrors: 0, cacheHits: 0 };
  const cpuBefore = processCpuMs(scenario.pid);
  const result = await runAutocannon(scenario.url, scenario.requests(counters), seconds, scenario.connections, scenario.overallRate);
  const cpuAfter = processCpuMs(scenario.pid);
  const m: Measured = {
    name: scenario.name,
    reqPerSec: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    bodyErrors: counters.bodyErrors,
    transportErrors: result.errors + result.timeouts,
    cacheHits: counters.cacheHits,
    cpuMsPerRequest: cpuBefore === undefined || cpuAfter === undefined || result.requests.total === 0 ? undefined : (cpuAfter - cpuBefore) / result.requests.total,
  };
  progress(`${scenario.name}: ${m.reqPerSec.toFixed(0)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, errors ${m.non2xx}/${m.bodyErrors}/${m.transportErrors}`);
  return m;
}

// ---------------------------------------------------------------------------------------------------------------
// Writes and their bookkeeping.

type LinkState = 'FULL' | 'PARTIAL' | null;

interface Pair {
  key: string;
  controlId: string;
  requirementId: string;
  refId: string;
  /** The effect of the last write sent: the state the next write toggles from. */
  intended: LinkState;
  /** The states the pair may be in now: one after an acknowledged write; more after an unacknowledged one. */
  possible: Set<LinkState>;
  links: number;
}

interface WriteStats {
  sent: number;
  acknowledged: number;
  /** Acknowledged writes that changed the pair: every link, every unlink that returned true. */
  changes: number;
  unexpected: number;
}

interface WriteContext {
  pair?: Pair;
  op?: LinkState;
}

function writeRequests(pairs: Pair[], key: string, stats: WriteStats) {
  const free = [...pairs];
  return (counters: Counters): autocannon.Request[] => [
    {
      ...post('{ __typename }', key),
      setupRequest: (request: autocannon.Request, context: object) => {
        const ctx = context as WriteContext;
        const pair = free.shift();
        if (!pair) throw new Error('no free (control, requirement) pair: more connections than pairs');
        const op: LinkState = pair.intended === null ? (pair.links++ % 2 === 0 ? 'FULL' : 'PARTIAL') : null;
        ctx.pair = pair;
        ctx.op = op;
        pair.intended = op;
        pair.possible.add(op); // until acknowledged, either the old state or the new one
        stats.sent++;
        const query =
          op === null
            ? `mutation { unlinkControl(controlId: "${pair.controlId}", framework: "ISO27001", refId: "${pair.refId}") }`
            : `mutation { linkControl(controlId: "${pair.controlId}", framework: "ISO27001", refId: "${pair.refId}", coverage: ${op}) { coverage } }`;
        return { ...request, body: JSON.stringify({ query }) };
      },
      onResponse: (status: number, body: string, context: object) => {
        const ctx = context as WriteContext;
        const pair = ctx.pair;
        if (!pair) return;
        ctx.pair = undefined;
        free.push(pair); // the write is over: the pair may be written again
        if (status < 200 || status >= 300) return;
        let parsed: GraphQLResponse<{ linkControl?: { coverage: string }; unlinkControl?: boolean }>;
        try {
          parsed = JSON.parse(String(body)) as typeof parsed;
        } catch {
          counters.bodyErrors++;
          return;
        }
        if (parsed.errors?.length || !parsed.data) {
          counters.bodyErrors++;
          return;
        }
        const ok = ctx.op === null ? parsed.data.unlinkControl === true : parsed.data.linkControl?.coverage === ctx.op;
        if (!ok) stats.unexpected++;
        stats.acknowledged++;
        if (ok) stats.changes++;
        if (ctx.op === null && parsed.data.unlinkControl === false) {
          pair.possible = new Set([null]);
        } else {
          pair.possible = new Set([ctx.op ?? null]);
        }
      },
    },
  ];
}

interface IntegrityReport {
  ok: boolean;
  lines: string[];
  uncertain: number;
  auditEvents: number;
}

async function integrityCheck(
  databaseUrl: string,
  organizationId: string,
  seedLinks: Map<string, LinkState>,
  pairs: Pair[],
  stats: WriteStats,
  auditFrom: string,
): Promise<IntegrityReport> {
  return withClient(databaseUrl, 'check', async (client) => {
    const rows = (await client.query<{ control_id: string; requirement_id: string; coverage: string }>(
      'SELECT control_id, requirement_id, coverage FROM control_link WHERE organization_id = $1',
      [organizationId],
    )).rows;
    const actual = new Map(rows.map((r) => [`${r.control_id}:${r.requirement_id}`, r.coverage as LinkState]));
    const problems: string[] = [];

    // (a) against the acknowledged writes.
    const byKey = new Map(pairs.map((p) => [p.key, p]));
    for (const [key, coverage] of seedLinks) {
      if (actual.get(key) !== coverage) problems.push(`seed link ${key}: expected ${coverage}, found ${actual.get(key) ?? 'none'}`);
    }
    let uncertain = 0;
    for (const pair of pairs) {
      const found = actual.get(pair.key) ?? null;
      if (pair.possible.size > 1) uncertain++;
      if (!pair.possible.has(found)) problems.push(`pair ${pair.key}: expected ${[...pair.possible].join(' or ')}, found ${found ?? 'none'}`);
    }
    for (const [key, coverage] of actual) {
      if (!seedLinks.has(key) && !byKey.has(key)) problems.push(`unexpected link ${key} (${coverage})`);
    }

    // (b) against the audit trail: the seed state plus every control_link event after it, in order.
    const events = (await client.query<{ operation: string; entity_id: string; after: { coverage?: string } | null }>(
      `SELECT operation, entity_id, after FROM audit_event
        WHERE organization_id = $1 AND entity_type = 'control_link' AND sequence > $2 ORDER BY sequence`,
      [organizationId, auditFrom],
    )).rows;
    const replay = new Map<string, LinkState>(seedLinks);
    for (const event of events) {
      if (event.operation === 'linkControl') replay.set(event.entity_id, (event.after?.coverage ?? null) as LinkState);
      else if (event.operation === 'unlinkControl') replay.delete(event.entity_id);
      else problems.push(`audit: unexpected operation ${event.operation} on ${event.entity_id}`);
    }
    const keys = new Set([...replay.keys(), ...actual.keys()]);
    let auditMismatches = 0;
    for (const key of keys) if (replay.get(key) !== actual.get(key)) auditMismatches++;
    if (auditMismatches > 0) problems.push(`audit replay differs from control_link on ${auditMismatches} link(s)`);
    const unacknowledged = stats.sent - stats.acknowledged;
    if (events.length < stats.changes || events.length > stats.changes + unacknowledged) {
      problems.push(`audit: ${events.length} control_link events for ${stats.changes} acknowledged changes (+ up to ${unacknowledged} unacknowledged)`);
    }
    if (stats.unexpected > 0) problems.push(`${stats.unexpected} acknowledged write(s) answered unexpectedly (unlink false or wrong coverage)`);

    const lines = [
      `control_link rows: ${actual.size} (${seedLinks.size} seeded links untouched by the writes, ${actual.size - seedLinks.size} from the ${pairs.length} written pairs)`,
      `writes: ${stats.sent} sent, ${stats.acknowledged} acknowledged, ${unacknowledged} unacknowledged (in flight at the end or failed; ${uncertain} pair(s) left either way)`,
      `audit trail: ${events.length} control_link events; replayed over the seed state it gives ${auditMismatches === 0 ? 'exactly' : 'NOT'} the final control_link rows`,
      ...problems.slice(0, 20).map((p) => `PROBLEM ${p}`),
    ];
    return { ok: problems.length === 0, lines, uncertain, auditEvents: events.length };
  });
}

/** One IMPLEMENTED control per requirement, linked FULL to it, through the API: the seed state of an organization. */
async function seedControls(url: string, key: string, requirements: Array<{ id: string; refId: string }>): Promise<{ controlIds: string[]; seedLinks: Map<string, LinkState> }> {
  const controlIds: string[] = [];
  const seedLinks = new Map<string, LinkState>();
  for (const [i, requirement] of requirements.entries()) {
    const code = `BENCH-${String(i + 1).padStart(3, '0')}`;
    const created = await graphql<{ createControl: { id: string } }>(
      url,
      `mutation { createControl(input: { code: "${code}", title: "Bench control ${i + 1}", status: IMPLEMENTED }) { id } }`,
      key,
    );
    const id = created.data.createControl.id;
    controlIds.push(id);
    await graphql(url, `mutation { linkControl(controlId: "${id}", framework: "ISO27001", refId: "${requirement.refId}", coverage: FULL) { coverage } }`, key);
    seedLinks.set(`${id}:${requirement.id}`, 'FULL');
  }
  return { controlIds, seedLinks };
}

// ---------------------------------------------------------------------------------------------------------------
// Issue 12: an organization with a big own catalog, against one with none.

/** The own catalog's generator seed (bench:engine takes its own from --seed). */
const OWN_SEED = 12;
/** Cold-path runs per organization (median reported). */
const COLD_RUNS = 5;
/** Time for the change notification to reach the service before the cold request: loopback LISTEN takes ~1 ms. */
const SETTLE_MS = 300;

interface OwnCatalogRun {
  seeded: SeededOwnCatalog;
  /** Reading the public catalog the service loaded (for the public crosswalk ends), ms. */
  catalogReadMs: number;
  sampleQuery: string;
  measured: Record<'coverageNone' | 'coverageOwn' | 'coverageAll' | 'coverageAllOwn' | 'requirementOwn', Measured>;
  /** First coverage request after the organization's change notification: wall ms at the client, service CPU ms. */
  cold: { own: number[]; ownCpu: number[]; none: number[]; noneCpu: number[]; warm: number[] };
  ownFrameworkCount: number;
  ownCovered: number;
  linksRestored: number;
}

interface Org {
  key: string;
  organizationId: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One request's wall ms at the client and the service's CPU ms over it; its body must equal `expected`. */
async function timedRequest(url: string, pid: number | undefined, query: string, key: string, expected: string): Promise<{ ms: number; cpuMs: number }> {
  const cpuBefore = processCpuMs(pid);
  const started = performance.now();
  const { text } = await graphql(url, query, key);
  const ms = performance.now() - started;
  const cpuAfter = processCpuMs(pid);
  if (text !== expected) throw new Error(`cold path: the answer differs from the warm one:\n${text.slice(0, 300)}\nvs\n${expected.slice(0, 300)}`);
  return { ms, cpuMs: cpuBefore === undefined || cpuAfter === undefined ? Number.NaN : cpuAfter - cpuBefore };
}

/**
 * After the original scenarios (whose figures this leaves alone): puts the first organization back in its seed state
 * through the API (the writes toggled pairs), creates a second one with the same controls and links plus the own
 * catalog (own-catalog-seed.ts), checks that the service answers from it, then measures both organizations.
 */
async function ownCatalogRun(
  url: string,
  pid: number | undefined,
  databaseUrl: string,
  first: Org,
  seed: { requirements: Array<{ id: string; refId: string }>; seedLinks: Map<string, LinkState>; coverageBody: string },
  options: Options,
): Promise<OwnCatalogRun> {
  // 1. The first organization back to its seed links, so both organizations hold the same controls and links.
  const refIdOf = new Map(seed.requirements.map((r) => [r.id, r.refId]));
  const extra = await withClient(databaseUrl, 'check', async (client) =>
    (await client.query<{ control_id: string; requirement_id: string }>('SELECT control_id, requirement_id FROM control_link WHERE organization_id = $1', [first.organizationId])).rows.filter(
      (r) => !seed.seedLinks.has(`${r.control_id}:${r.requirement_id}`),
    ),
  );
  for (const r of extra) {
    await graphql(url, `mutation { unlinkControl(controlId: "${r.control_id}", framework: "ISO27001", refId: "${refIdOf.get(r.requirement_id)}") }`, first.key);
  }
  progress(`own catalog: first organization back to its ${seed.seedLinks.size} seed links (${extra.length} written links removed through the API)`);

  // 2. The second organization: the same controls and links, through the API.
  const created = await createOrganization(databaseUrl, 'Bench own catalog');
  const second: Org = { key: created.key, organizationId: (await graphql<{ me: { organizationId: string } }>(url, '{ me { organizationId } }', created.key)).data.me.organizationId };
  const linked = seed.requirements.slice(0, options.controls);
  await seedControls(url, second.key, linked);
  progress(`own catalog: second organization created with the same ${linked.length} controls and links`);

  // 3. Its own catalog, over the catalog the service loaded (public crosswalk ends are that catalog's ids).
  const readStart = performance.now();
  const dataSource = new DataSource(dataSourceOptions(databaseUrl));
  await dataSource.initialize();
  let catalog: CatalogGraph;
  try {
    catalog = new CatalogSnapshot(await readCatalogRows(dataSource)).graph;
  } finally {
    await dataSource.destroy();
  }
  const catalogReadMs = performance.now() - readStart;
  progress(`own catalog: writing ${OVERLAY_SCALE.frameworks} frameworks × ${fmtInt(OVERLAY_SCALE.requirementsPerFramework)} requirements and ${fmtInt(OVERLAY_SCALE.edges)} crosswalks as the owner …`);
  const seeded = await withClient(databaseUrl, 'seed', (client) => seedOwnCatalog(client, second.organizationId, catalog, OWN_SEED, new Set(linked.map((r) => r.id))));
  progress(`own catalog: ${fmtInt(seeded.rows)} rows in ${(seeded.writeMs / 1000).toFixed(2)} s (${fmtInt(seeded.rows / (seeded.writeMs / 1000))} rows/s, ${seeded.statements} statements)`);
  await sleep(SETTLE_MS);

  // 4. The service answers from it: the same public coverage as the first organization (own edges at one hop cannot
  // reach ISO 42001 or SOC 2 from ISO 27001 links), every own framework in the unscoped coverage, some of it covered
  // through private edges, and an own requirement explained by a path through a private mapping set.
  const check = (what: string, ok: boolean, detail: string) => {
    if (!ok) throw new Error(`own catalog: ${what}: ${detail}`);
  };
  const ownCoverage = (await graphql(url, Q_COVERAGE, second.key)).text;
  check('coverage(ISO42001, SOC2) of the second organization', ownCoverage === seed.coverageBody, `${ownCoverage.slice(0, 300)} vs ${seed.coverageBody.slice(0, 300)}`);
  const firstCoverage = (await graphql(url, Q_COVERAGE, first.key)).text;
  check('coverage(ISO42001, SOC2) of the first organization after restoring its links', firstCoverage === seed.coverageBody, firstCoverage.slice(0, 300));
  type All = { coverage: Array<{ framework: { code: string; version: string }; full: number; partial: number }> };
  const allNone = await graphql<All>(url, Q_COVERAGE_ALL, first.key);
  const allOwn = await graphql<All>(url, Q_COVERAGE_ALL, second.key);
  const key = (c: All['coverage'][number]) => JSON.stringify(c);
  const publicOfOwn = allOwn.data.coverage.filter((c) => !seeded.codes.includes(c.framework.code));
  const ownOfOwn = allOwn.data.coverage.filter((c) => seeded.codes.includes(c.framework.code));
  check('unscoped coverage, public frameworks', publicOfOwn.map(key).join() === allNone.data.coverage.map(key).join(), 'the second organization differs from the first');
  check('unscoped coverage, own frameworks', ownOfOwn.length === seeded.frameworks, `${ownOfOwn.length} of ${seeded.frameworks} own frameworks listed`);
  const ownCovered = ownOfOwn.reduce((n, c) => n + c.full + c.partial, 0);
  check('unscoped coverage, own frameworks covered through private edges', ownCovered > 0, 'no own requirement is covered');
  if (!seeded.sample) throw new Error('own catalog: no own requirement has a crosswalk to a linked ISO 27001 requirement');
  const sampleQuery = qRequirementCoverage(seeded.sample.code, seeded.sample.refId);
  const sample = await graphql<{ requirementCoverage: { status: string; paths: Array<{ steps: Array<{ mappingSetPrivate: boolean }> }> } }>(url, sampleQuery, second.key);
  const rc = sample.data.requirementCoverage;
  check(`requirementCoverage(${seeded.sample.code}, ${seeded.sample.refId})`, rc.status !== 'NONE' && rc.paths.some((p) => p.steps.some((s) => s.mappingSetPrivate)), sample.text.slice(0, 300));
  progress(`own catalog: checked (${seeded.codes.length} own frameworks listed, ${fmtInt(ownCovered)} own requirements covered through private edges)`);

  // 5. Under load, each answer checked against the one just captured.
  const c = options.connections;
  const scenarios: Record<keyof OwnCatalogRun['measured'], Scenario> = {
    // The first organization again, right before the second: a back-to-back pair beside the comparison with the
    // original coverage row, which ran minutes earlier on a process that had served less.
    coverageNone: { name: 'coverage(ISO42001, SOC2), org with none, again', url, pid, requests: fixedRequest(Q_COVERAGE, first.key, seed.coverageBody), connections: c, warmup: true },
    coverageOwn: { name: 'coverage(ISO42001, SOC2), own catalog org', url, pid, requests: fixedRequest(Q_COVERAGE, second.key, seed.coverageBody), connections: c, warmup: true },
    coverageAll: { name: 'coverage (all frameworks), org with none', url, pid, requests: fixedRequest(Q_COVERAGE_ALL, first.key, allNone.text), connections: c, warmup: true },
    coverageAllOwn: { name: 'coverage (all frameworks), own catalog org', url, pid, requests: fixedRequest(Q_COVERAGE_ALL, second.key, allOwn.text), connections: c, warmup: true },
    requirementOwn: { name: 'requirementCoverage of an own requirement', url, pid, requests: fixedRequest(sampleQuery, second.key, sample.text), connections: c, warmup: true },
  };
  const measured = {} as OwnCatalogRun['measured'];
  for (const [id, scenario] of Object.entries(scenarios) as Array<[keyof OwnCatalogRun['measured'], Scenario]>) measured[id] = await measure(scenario, options.duration, options.warmup);

  // 6. The cold path, alternating: the first organization's state dropped by a change notification (what any write
  // to it sends), the second's own catalog version bumped (what any own-catalog write does); then one request each.
  const cold: OwnCatalogRun['cold'] = { own: [], ownCpu: [], none: [], noneCpu: [], warm: [] };
  progress(`own catalog: cold path, ${COLD_RUNS} runs each`);
  await withClient(databaseUrl, 'cold', async (client) => {
    for (let i = 0; i < COLD_RUNS; i++) {
      await client.query(`SELECT pg_notify('crosswalk_tenant', $1)`, [first.organizationId]);
      await sleep(SETTLE_MS);
      const none = await timedRequest(url, pid, Q_COVERAGE, first.key, seed.coverageBody);
      cold.none.push(none.ms);
      cold.noneCpu.push(none.cpuMs);
      await client.query('UPDATE organization SET own_catalog_version = own_catalog_version + 1 WHERE id = $1', [second.organizationId]);
      await sleep(SETTLE_MS);
      const own = await timedRequest(url, pid, Q_COVERAGE, second.key, seed.coverageBody);
      cold.own.push(own.ms);
      cold.ownCpu.push(own.cpuMs);
      cold.warm.push((await timedRequest(url, pid, Q_COVERAGE, second.key, seed.coverageBody)).ms);
    }
  });
  return { seeded, catalogReadMs, sampleQuery, measured, cold, ownFrameworkCount: ownOfOwn.length, ownCovered, linksRestored: extra.length };
}

/** Issue 12's target: coverage with the own catalog within this factor of coverage without one. */
const OWN_TARGET_RATIO = 2;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The own-catalog results: the seeding, the ratios against issue 12's 2× (by CPU and by req/s), the cold path. */
function ownRows(own: OwnCatalogRun, coverageNone: Measured): Row[] {
  const { seeded, measured, cold } = own;
  const f1 = (n: number) => n.toFixed(1);
  const ms = (n: number) => `${f1(n)} ms`;
  const cpuOf = (m: Measured) => (m.cpuMsPerRequest === undefined ? 'n/a' : `${m.cpuMsPerRequest.toFixed(3)} ms`);
  const label = `Coverage with ${seeded.frameworks} own frameworks / ${fmtInt(seeded.edges)} own edges vs none: ratio`;
  const cpuRatio = (withOwn: Measured, none: Measured) => (withOwn.cpuMsPerRequest !== undefined && none.cpuMsPerRequest ? withOwn.cpuMsPerRequest / none.cpuMsPerRequest : undefined);
  const ratios = (what: string, withOwn: Measured, none: Measured, again?: Measured): Row[] => {
    const byCpu = cpuRatio(withOwn, none);
    const byRate = none.reqPerSec / withOwn.reqPerSec;
    const againCpu = again && cpuRatio(withOwn, again);
    const backToBack = (by: string, ratio: number | undefined, figures: string) =>
      again ? `; back to back with the org with none measured again: ${ratio === undefined ? 'n/a' : `${ratio.toFixed(2)}×`} ${by} (${figures})` : '';
    return [
      {
        label: `${label} by CPU ms/request, ${what}`,
        result: byCpu === undefined ? 'n/a' : `${byCpu.toFixed(2)}×`,
        target: `≤ ${OWN_TARGET_RATIO}×`,
        verdict: byCpu === undefined ? '' : verdict(byCpu <= OWN_TARGET_RATIO),
        detail: `${cpuOf(withOwn)} vs ${cpuOf(none)} per request${backToBack('by CPU', againCpu, `${cpuOf(withOwn)} vs ${cpuOf(again ?? withOwn)}`)}`,
      },
      {
        label: `${label} by req/s, ${what}`,
        result: `${byRate.toFixed(2)}×`,
        target: `≤ ${OWN_TARGET_RATIO}×`,
        verdict: verdict(byRate <= OWN_TARGET_RATIO),
        detail: `${fmtInt(withOwn.reqPerSec)} vs ${fmtInt(none.reqPerSec)} req/s; p99 ${withOwn.p99} vs ${none.p99} ms${again ? backToBack('by req/s', again.reqPerSec / withOwn.reqPerSec, `${fmtInt(withOwn.reqPerSec)} vs ${fmtInt(again.reqPerSec)} req/s`) : ''}`,
      },
    ];
  };
  const ownMeasured = Object.values(measured);
  const errors = ownMeasured.reduce((n, m) => n + m.non2xx + m.bodyErrors + m.transportErrors, 0);
  const range = (values: number[]) => `${f1(Math.min(...values))}–${f1(Math.max(...values))}`;
  return [
    {
      label: 'Errors, own-catalog operations (non-2xx + wrong or GraphQL-error bodies + transport)',
      result: String(errors),
      target: '0',
      verdict: verdict(errors === 0),
      detail: `${fmtInt(ownMeasured.reduce((n, m) => n + m.requests, 0))} requests, each body compared with the answer checked before the load`,
    },
    {
      label: `Own catalog seeding: ${fmtInt(seeded.rows)} rows as the database owner, ${seeded.statements} set-based statements, one transaction`,
      result: `${(seeded.writeMs / 1000).toFixed(2)} s`,
      detail: `${fmtInt(seeded.rows / (seeded.writeMs / 1000))} rows/s; before it, not counted: generating the rows ${ms(seeded.prepareMs)}, reading the public catalog ${ms(own.catalogReadMs)}`,
    },
    ...ratios('coverage(ISO42001, SOC2)', measured.coverageOwn, coverageNone, measured.coverageNone),
    ...ratios(`coverage of all frameworks (${own.ownFrameworkCount} own among them)`, measured.coverageAllOwn, measured.coverageAll),
    {
      label: `  requirementCoverage of an own requirement (${seeded.sample?.code} ${seeded.sample?.refId}, paths through private sets)`,
      result: `${fmtInt(measured.requirementOwn.reqPerSec)} req/s`,
      detail: `for information; CPU ${cpuOf(measured.requirementOwn)} per request, p99 ${measured.requirementOwn.p99} ms`,
    },
    {
      label: 'Cold path: first coverage(ISO42001, SOC2) after an own_catalog_version bump (read own rows, build overlay)',
      result: ms(median(cold.own)),
      target: '(none in issue 12)',
      detail:
        `for information; service CPU ${ms(median(cold.ownCpu))}; runs ${range(cold.own)} ms; the next (warm) request ${ms(median(cold.warm))}; ` +
        `org with none after a change notification: ${ms(median(cold.none))} (CPU ${ms(median(cold.noneCpu))}); medians of ${cold.own.length}`,
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Output.

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');

// ---------------------------------------------------------------------------------------------------------------

interface Options {
  duration: number;
  warmup: number;
  connections: number;
  controls: number;
}

async function run(options: Options): Promise<number> {
  if (!fs.existsSync(path.join(ROOT, 'dist/src/main.js'))) throw new Error('dist/src/main.js is missing: run `npm run build` (npm run bench:api does)');
  const db = await openBenchDatabase('crosswalk_apibench');
  progress(`database: ${db.description}`);

  const { url, pid } = await startServiceProcess(db.url);
  progress(`service ready at ${url}`);
  const org = await createOrganization(db.url);
  progress(`organization created (key ${org.key.slice(0, 8)}…)`);
  const organizationId = (await graphql<{ me: { organizationId: string } }>(url, '{ me { organizationId } }', org.key)).data.me.organizationId;

  // Seed: controls, each linked FULL to its own ISO 27001 requirement.
  const needed = options.controls + WRITE_REQUIREMENTS_PER_CONTROL;
  const reqs = await graphql<{ requirements: { edges: Array<{ node: { id: string; refId: string } }> } }>(
    url,
    `{ requirements(framework: "ISO27001", filter: { assessable: true }, first: ${Math.min(500, needed)}) { edges { node { id refId } } } }`,
  );
  const requirements = reqs.data.requirements.edges.map((e) => e.node);
  if (requirements.length < needed) throw new Error(`ISO 27001 has ${requirements.length} assessable requirements, ${needed} needed`);
  const { controlIds, seedLinks } = await seedControls(url, org.key, requirements.slice(0, options.controls));
  progress(`seeded ${options.controls} IMPLEMENTED controls, each linked FULL to an ISO 27001 requirement`);

  // The catalog bytes, captured from the service for the ceiling (and checked on every response under load).
  const frameworksBody = (await graphql(url, Q_FRAMEWORKS)).text;
  const requirementsBody = (await graphql(url, Q_REQUIREMENTS)).text;
  const coverageBody = (await graphql(url, Q_COVERAGE, org.key)).text;
  progress(`catalog responses: frameworks ${fmtInt(frameworksBody.length)} bytes, requirements page ${fmtInt(requirementsBody.length)} bytes`);

  const ceilingF = await startCeiling(frameworksBody);
  const ceilingR = await startCeiling(requirementsBody);

  const c = options.connections;
  const results: Record<string, Measured> = {};
  const scenarios: Array<Scenario & { id: string }> = [
    { id: 'ceilF', name: 'ceiling: bare node:http, frameworks bytes', url: ceilingF.url, pid: ceilingF.pid, requests: fixedRequest(Q_FRAMEWORKS, undefined, frameworksBody), connections: c, warmup: true },
    { id: 'frameworks', name: 'catalog: frameworks', url, pid, requests: fixedRequest(Q_FRAMEWORKS, undefined, frameworksBody), connections: c, warmup: true },
    { id: 'ceilR', name: 'ceiling: bare node:http, requirements bytes', url: ceilingR.url, pid: ceilingR.pid, requests: fixedRequest(Q_REQUIREMENTS, undefined, requirementsBody), connections: c, warmup: true },
    { id: 'requirements', name: 'catalog: requirements page (25, crosswalks)', url, pid, requests: fixedRequest(Q_REQUIREMENTS, undefined, requirementsBody), connections: c, warmup: true },
    { id: 'frameworksX', name: 'catalog: frameworks, executed (no cache)', url, pid, requests: uncachedRequest(Q_FRAMEWORKS, frameworksBody), connections: c, warmup: true },
    { id: 'requirementsX', name: 'catalog: requirements page, executed (no cache)', url, pid, requests: uncachedRequest(Q_REQUIREMENTS, requirementsBody), connections: c, warmup: true },
    { id: 'coverage', name: 'coverage(ISO42001, SOC2), max rate', url, pid, requests: fixedRequest(Q_COVERAGE, org.key, undefined), connections: c, warmup: true },
    { id: 'coverage200', name: 'coverage(ISO42001, SOC2), at 200 req/s', url, pid, requests: fixedRequest(Q_COVERAGE, org.key, undefined), connections: c, overallRate: DEFAULTS.rate, warmup: true },
  ];
  for (const scenario of scenarios) results[scenario.id] = await measure(scenario, options.duration, options.warmup);

  // Writes: (control i, requirement controls+j) pairs, none of them a seed link.
  const pairs: Pair[] = [];
  for (let i = 0; i < controlIds.length; i++) {
    for (let j = 0; j < WRITE_REQUIREMENTS_PER_CONTROL; j++) {
      const r = requirements[options.controls + j];
      pairs.push({ key: `${controlIds[i]}:${r.id}`, controlId: controlIds[i], requirementId: r.id, refId: r.refId, intended: null, possible: new Set([null]), links: 0 });
    }
  }
  const writeConnections = Math.min(c, pairs.length);
  const auditFrom = await withClient(db.url, 'check', async (client) =>
    String((await client.query<{ max: string | null }>('SELECT max(sequence) AS max FROM audit_event')).rows[0].max ?? '0'),
  );
  const stats: WriteStats = { sent: 0, acknowledged: 0, changes: 0, unexpected: 0 };
  results.writes = await measure(
    // Warmed up like every other scenario (a cold process runs its first writes several times slower). The warm-up
    // writes go through the same pairs and bookkeeping, so the integrity check covers them with the measured ones.
    { name: 'writes: linkControl / unlinkControl alternating', url, pid, requests: writeRequests(pairs, org.key, stats), connections: writeConnections, warmup: true },
    options.duration,
    options.warmup,
  );
  results.writes.note = `${pairs.length} pairs`;
  // Let writes still in flight when autocannon stopped land before reading the final state.
  await new Promise((r) => setTimeout(r, 1000));

  progress('integrity check');
  const integrity = await integrityCheck(db.url, organizationId, seedLinks, pairs, stats, auditFrom);

  // Issue 12: the same organization with a big own catalog, after everything above, so none of its figures move.
  const own = await ownCatalogRun(url, pid, db.url, { key: org.key, organizationId }, { requirements, seedLinks, coverageBody }, options);
  Object.assign(results, own.measured);

  // ---- report
  const service = ['frameworks', 'requirements', 'frameworksX', 'requirementsX', 'coverage', 'coverage200', 'writes'].map((id) => results[id]);
  const totalErrors = service.reduce((n, m) => n + m.non2xx + m.bodyErrors + m.transportErrors, 0);
  const shareF = results.frameworks.reqPerSec / results.ceilF.reqPerSec;
  const shareR = results.requirements.reqPerSec / results.ceilR.reqPerSec;
  const p99 = results.coverage200.p99;
  const ms = (n: number) => `${n} ms`;

  const pct = (n: number) => `${(100 * n).toFixed(1)}%`;
  const cpu = (m: Measured) => (m.cpuMsPerRequest === undefined ? 'n/a' : m.cpuMsPerRequest.toFixed(3));
  const perOp = table(
    ['Operation', 'req/s', 'p50', 'p99', 'CPU ms/request', 'requests', 'from cache', 'non-2xx', 'GraphQL errors', 'transport errors'],
    ['ceilF', 'frameworks', 'ceilR', 'requirements', 'frameworksX', 'requirementsX', 'coverage', 'coverage200', 'writes', 'coverageNone', 'coverageOwn', 'coverageAll', 'coverageAllOwn', 'requirementOwn'].map((id) => {
      const m = results[id];
      const cached = id.startsWith('ceil') ? '' : `${((100 * m.cacheHits) / Math.max(1, m.requests)).toFixed(1)}%`;
      return [m.name, fmtInt(m.reqPerSec), ms(m.p50), ms(m.p99), cpu(m), fmtInt(m.requests), cached, String(m.non2xx), String(m.bodyErrors), String(m.transportErrors)];
    }),
  );
  // The same shares in CPU time per request of the serving process: what other load on a shared machine barely moves.
  const cpuShare = (service: Measured, ceiling: Measured) =>
    service.cpuMsPerRequest && ceiling.cpuMsPerRequest ? `; CPU per request ${cpu(service)} vs ${cpu(ceiling)} ms, ${pct(ceiling.cpuMsPerRequest / service.cpuMsPerRequest)}` : '';
  const shareFX = results.frameworksX.reqPerSec / results.ceilF.reqPerSec;
  const shareRX = results.requirementsX.reqPerSec / results.ceilR.reqPerSec;
  const shareCoverage = results.coverage.reqPerSec / results.ceilF.reqPerSec;
  const rows: Row[] = [
    { label: 'Errors, all service operations (non-2xx + GraphQL errors + transport)', result: String(totalErrors), target: '0', verdict: verdict(totalErrors === 0), detail: `${fmtInt(service.reduce((n, m) => n + m.requests, 0))} requests` },
    { label: 'Frameworks, executed: share of the ceiling', result: pct(shareFX), target: `≥ ${pct(TARGETS.executedShare)}`, verdict: verdict(shareFX >= TARGETS.executedShare), detail: `${fmtInt(results.frameworksX.reqPerSec)} ÷ ${fmtInt(results.ceilF.reqPerSec)} req/s, p99 ${ms(results.frameworksX.p99)}${cpuShare(results.frameworksX, results.ceilF)}` },
    { label: '25 requirements with crosswalks, executed: share of the ceiling', result: pct(shareRX), target: `≥ ${pct(TARGETS.executedShare)}`, verdict: verdict(shareRX >= TARGETS.executedShare), detail: `${fmtInt(results.requirementsX.reqPerSec)} ÷ ${fmtInt(results.ceilR.reqPerSec)} req/s, p99 ${ms(results.requirementsX.p99)}${cpuShare(results.requirementsX, results.ceilR)}` },
    { label: 'Coverage (keyed), max rate: share of the frameworks ceiling', result: pct(shareCoverage), target: `≥ ${pct(TARGETS.coverageShareOfCeiling)}`, verdict: verdict(shareCoverage >= TARGETS.coverageShareOfCeiling), detail: `${fmtInt(results.coverage.reqPerSec)} ÷ ${fmtInt(results.ceilF.reqPerSec)} req/s${cpuShare(results.coverage, results.ceilF)}` },
    { label: 'Coverage (keyed), max rate: p99', result: ms(results.coverage.p99), target: `≤ ${TARGETS.coverageMaxRateP99Ms} ms`, verdict: verdict(results.coverage.p99 <= TARGETS.coverageMaxRateP99Ms), detail: `p50 ${ms(results.coverage.p50)}, ${c} connections` },
    { label: 'Coverage (keyed) at 200 req/s: p99', result: ms(p99), target: `≤ ${TARGETS.coverageAt200P99Ms} ms`, verdict: verdict(p99 <= TARGETS.coverageAt200P99Ms), detail: `achieved ${results.coverage200.reqPerSec.toFixed(1)} req/s, p50 ${ms(results.coverage200.p50)}` },
    { label: 'Link/unlink writes', result: `${fmtInt(results.writes.reqPerSec)} req/s`, target: `≥ ${fmtInt(TARGETS.writesPerSec)} req/s`, verdict: verdict(results.writes.reqPerSec >= TARGETS.writesPerSec), detail: `p99 ${ms(results.writes.p99)}, ${writeConnections} connections` },
    { label: 'Integrity: acknowledged writes present, nothing else; audit trail agrees', result: integrity.ok ? 'consistent' : 'INCONSISTENT', target: 'consistent', verdict: integrity.ok ? 'PASS' : 'FAIL', detail: `${stats.acknowledged} acknowledged writes, ${integrity.auditEvents} audit events` },
    { label: 'Cached: frameworks, share of the ceiling', result: pct(shareF), target: `≥ ${pct(TARGETS.cachedShare)}`, verdict: verdict(shareF >= TARGETS.cachedShare), detail: `${fmtInt(results.frameworks.reqPerSec)} ÷ ${fmtInt(results.ceilF.reqPerSec)} req/s, ${fmtInt(frameworksBody.length)} bytes` },
    { label: 'Cached: requirements page, share of the ceiling', result: pct(shareR), target: `≥ ${pct(TARGETS.cachedShare)}`, verdict: verdict(shareR >= TARGETS.cachedShare), detail: `${fmtInt(results.requirements.reqPerSec)} ÷ ${fmtInt(results.ceilR.reqPerSec)} req/s, ${fmtInt(requirementsBody.length)} bytes` },
  ];

  const out: string[] = [];
  out.push('');
  out.push('Crosswalk API load benchmark (issue 5, item 8)');
  out.push(`Service: node dist/src/main.js, NODE_ENV=production, RATE_LIMIT_PER_MINUTE=1000000; ${options.controls} controls seeded; ${db.description}`);
  out.push(`Load: autocannon on 127.0.0.1, ${options.duration} s per scenario after ${options.warmup} s of warm-up (for writes, warm-up writes that the integrity check counts too), ${c} connections, pipelining 1`);
  out.push(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${fmtInt(os.totalmem() / 1024 / 1024)} MiB RAM; node ${process.version}`);
  out.push('');
  out.push(...perOp);
  out.push('');
  out.push(...resultsTable(rows));
  out.push('');
  out.push(`Own catalog (issue 12): a second organization with the first one's ${options.controls} controls and links, plus ${fmtInt(own.seeded.frameworks)} own frameworks,`);
  out.push(`${fmtInt(own.seeded.requirements)} own requirements, ${fmtInt(own.seeded.mappingSets)} own mapping sets and ${fmtInt(own.seeded.edges)} own crosswalks (${pct(own.seeded.publicEdges / own.seeded.edges)} of them reaching a public requirement)`);
  out.push('');
  out.push(...resultsTable(ownRows(own, results.coverage)));
  out.push('');
  out.push('Integrity check:');
  for (const line of integrity.lines) out.push(`  ${line}`);
  out.push('');
  out.push('Notes:');
  out.push('  - Latencies are autocannon\'s, from send to the last byte; at a fixed rate they are not corrected for coordinated omission.');
  out.push('  - "CPU ms/request": user + system CPU time of the serving process (the service, or the bare node:http ceiling) over');
  out.push('    the measured seconds, divided by the requests it answered (from /proc; n/a elsewhere). Other load on the machine');
  out.push('    changes it far less than req/s, so the targets\' details also give the shares in CPU per request.');
  out.push('  - The load generator runs on the same machine; the ceiling pays the same generator, loopback and bytes.');
  out.push('  - "GraphQL errors": 2xx responses with `errors`, or a catalog body that differs from the captured bytes.');
  out.push('  - "from cache": responses the public read cache answered (x-cache: hit; CATALOG_CACHE_ENTRIES). The "executed"');
  out.push('    rows add an unused variable that differs per request, so no request can be answered from the cache.');
  out.push('  - Own catalog rows: the second organization is created and measured after every scenario above (and after the');
  out.push('    first organization is put back to its seed links through the API), so none of their figures move. Its own rows');
  out.push('    are bench:engine\'s (generateOverlay at OVERLAY_SCALE), written as the database owner in one transaction of a');
  out.push('    fixed number of INSERT … SELECT FROM unnest statements, then own_catalog_version is bumped once.');
  out.push('  - Ratios are own catalog ÷ none: CPU ms/request of the service, and req/s of none ÷ req/s of own. The');
  out.push('    coverage(ISO42001, SOC2) ratio compares with the "coverage(ISO42001, SOC2), max rate" row above (the first');
  out.push('    organization before its writes, with the same links), and its detail with the first organization measured again');
  out.push('    right before the second; the all-frameworks pair is measured back to back.');
  out.push('  - Cold path: the first request after the organization\'s change notification, for information (issue 12 sets no');
  out.push(`    target). Own catalog: own_catalog_version bumped, so the service reads its own rows and builds the overlay again;`);
  out.push('    none: a bare notification, so the service reads the tenant state again. Each run waits');
  out.push(`    ${SETTLE_MS} ms for the notification to arrive, then times one request at the client; medians of ${COLD_RUNS} alternating runs.`);
  out.push(`Total run time: ${elapsedSeconds().toFixed(1)} s`);
  process.stdout.write(`${out.join('\n')}\n`);
  return integrity.ok ? 0 : 1;
}

async function main(): Promise<number> {
  const args = parseCliArgs('bench:api', HELP, {
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string' },
    controls: { type: 'string' },
    timeout: { type: 'string' },
  });
  if (args.exitCode !== undefined) return args.exitCode;
  const parsed = parseOptions('bench:api', HELP, () => {
    const v = args.values;
    const options: Options = {
      duration: parseCount('duration', v.duration, DEFAULTS.duration, 1, 3600),
      warmup: parseCount('warmup', v.warmup, DEFAULTS.warmup, 0, 600),
      connections: parseCount('connections', v.connections, DEFAULTS.connections, 1, 1000),
      controls: parseCount('controls', v.controls, DEFAULTS.controls, 1, 100),
    };
    return { options, timeoutMinutes: parseCount('timeout', v.timeout, DEFAULTS.timeout, 1) };
  });
  if (!parsed) return 2;
  return guarded('bench:api', parsed.timeoutMinutes, () => run(parsed.options));
}

runMain('bench:api', main);
