/**
 * `npm run bench:limits`: what the query limits cost and what they let through (issue 10, section 1). See HELP.
 */
import { parseCliArgs } from '../src/common/cli/parse-cli-args';
import { DEFAULT_QUERY_MAX_COST } from '../src/config/app-config';
import { createOrganization, guarded, openBenchDatabase, parseCount, parseOptions, progress, runMain, startService, table, verdict } from './harness';
import { COSTLIEST_ACCEPTED, DOCUMENTED_LARGEST_PAGE, seedBusyOrganization, SIX_DEEP, SIX_DEEP_17_ALIASES, TENANT_COSTLIEST } from './hostile-queries';
import { fmtMs, summarize } from './timing';

const DEFAULTS = { runs: 20, timeout: 10 };

const HELP = `Usage: npm run bench:limits [-- options]

Measures the query limits on the production build: it starts \`node dist/src/main.js\` (NODE_ENV=production, the
shipped mappings, the default limits: QUERY_MAX_COST=${DEFAULT_QUERY_MAX_COST}, QUERY_TIME_LIMIT_MS=5000,
RESPONSE_SIZE_LIMIT=10 MB) with the public read cache off, so every request executes, and sends one request at a
time over 127.0.0.1:
  - the six-deep crosswalk walk on SOC2 CC3.2 (73 s and 14 MB before the cost weighed lists) and its 17-alias
    form: the time until the refusal arrives, p50 and the slowest, with the status and the cost the refusal states;
  - the documented largest page, requirements(first: 500) with one level of crosswalks, for every framework;
  - the costliest queries the limits accept (bench/hostile-queries.ts): time and answer size, the public ones, then
    with the key of an organization made with \`org:create\` and given 40 controls linked to 320 requirements;
  - GET /health/live while all of those run at once.
Targets (issue 10): refusals under 50 ms; every accepted query within 2 s and 10 MB. It prints a table with PASS or
MISS per target to stdout; progress goes to stderr.

Database: DATABASE_URL when set (its role must be allowed to create databases), else a throwaway embedded
PostgreSQL in a temp folder; the service works in a fresh database, dropped at the end.

Options:
  --runs <n>        requests per query, after 3 unmeasured ones (default ${DEFAULTS.runs})
  --timeout <min>   give up, clean up and exit 124 after this many minutes (default ${DEFAULTS.timeout})
  -h, --help        show this help

Exit status: 0 when it ran, missed targets included; 1 on an error; 2 on bad options; 124 on timeout.`;

const TARGETS = { refusalMs: 50, acceptedMs: 2000, acceptedBytes: 10 * 1024 * 1024 };

interface Sent {
  status: number;
  ms: number;
  bytes: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

async function send(url: string, query: string, variables?: Record<string, unknown>, key?: string): Promise<Sent> {
  const started = performance.now();
  const headers = { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) };
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  return { status: response.status, ms: performance.now() - started, bytes: Buffer.byteLength(text), body: JSON.parse(text) };
}

/** `runs` timed requests after 3 unmeasured ones; the last answer, and the timing. */
async function measure(url: string, runs: number, query: string, variables?: Record<string, unknown>, key?: string) {
  for (let i = 0; i < 3; i += 1) await send(url, query, variables, key);
  const samples: number[] = [];
  let last: Sent | undefined;
  for (let i = 0; i < runs; i += 1) {
    last = await send(url, query, variables, key);
    samples.push(last.ms);
  }
  return { last: last!, timing: summarize(samples) };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;

async function main(): Promise<number> {
  const args = parseCliArgs('bench:limits', HELP, { runs: { type: 'string' }, timeout: { type: 'string' } });
  if (args.exitCode !== undefined) return args.exitCode;
  const options = parseOptions('bench:limits', HELP, () => ({
    runs: parseCount('runs', args.values.runs, DEFAULTS.runs, 1, 1000),
    timeout: parseCount('timeout', args.values.timeout, DEFAULTS.timeout, 1),
  }));
  if (!options) return 2;
  return guarded('bench:limits', options.timeout, async () => {
    const db = await openBenchDatabase('crosswalk_limitsbench');
    const url = await startService(db.url, { CATALOG_CACHE_ENTRIES: '0' });
    const rows: string[][] = [];
    let allMet = true;

    progress(`${db.description}; service at ${url}`);
    progress('refusals');
    for (const [name, query] of [['six-deep walk from SOC2 CC3.2', SIX_DEEP], ['the same, 17 aliases', SIX_DEEP_17_ALIASES]] as const) {
      const { last, timing } = await measure(url, options.runs, query);
      const error = last.body.errors?.[0];
      const ok = last.status === 400 && error?.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && timing.max < TARGETS.refusalMs;
      allMet &&= ok;
      rows.push([`refused: ${name}`, `${last.status} cost ${Number(error?.extensions?.cost).toLocaleString('en-US')}`, fmtMs(timing.median), fmtMs(timing.max), kb(last.bytes), `< ${TARGETS.refusalMs} ms`, verdict(ok)]);
    }

    /** Measures a query the limits must accept, and adds its row: answered within 2 s and 10 MB, without errors. */
    const accepted = async (label: string, query: string, variables?: Record<string, unknown>, key?: string) => {
      const { last, timing } = await measure(url, Math.min(options.runs, 5), query, variables, key);
      const ok = last.status === 200 && !last.body.errors && timing.max < TARGETS.acceptedMs && last.bytes < TARGETS.acceptedBytes;
      allMet &&= ok;
      const status = last.body.errors ? `${last.status} ${String(last.body.errors[0].extensions?.code)}` : String(last.status);
      rows.push([label, status, fmtMs(timing.median), fmtMs(timing.max), kb(last.bytes), '≤ 2 s, ≤ 10 MB', verdict(ok)]);
    };

    progress('the documented largest page, per framework');
    const frameworks = ((await send(url, '{ frameworks { code } }')).body.data as { frameworks: Array<{ code: string }> }).frameworks.map((f) => f.code);
    for (const framework of frameworks) await accepted(`accepted: documented page, ${framework}`, DOCUMENTED_LARGEST_PAGE, { framework });

    progress('the costliest accepted queries');
    for (const [name, query] of Object.entries(COSTLIEST_ACCEPTED)) await accepted(`accepted: ${name}`, query);

    progress('a busy organization (org:create, 40 controls, 320 links), and its costliest accepted queries');
    const { key } = await createOrganization(db.url);
    await seedBusyOrganization((query, variables) => send(url, query, variables, key).then((sent) => sent.body));
    for (const [name, query] of Object.entries(TENANT_COSTLIEST)) await accepted(`accepted, with a key: ${name}`, query, undefined, key);

    progress('/health/live while the costliest accepted queries run at once');
    const running = Object.values(COSTLIEST_ACCEPTED).map((query) => send(url, query));
    const started = performance.now();
    const live = await fetch(`${url}/health/live`);
    const liveMs = performance.now() - started;
    const together = await Promise.all(running);
    const liveOk = live.status === 200 && liveMs < TARGETS.acceptedMs;
    rows.push(['/health/live under that load', String(live.status), fmtMs(liveMs), fmtMs(liveMs), '', '≤ 2 s', verdict(liveOk)]);
    rows.push([`(all ${together.length} at once)`, together.every((s) => s.status === 200) ? '200' : together.map((s) => s.status).join(','), '', fmtMs(Math.max(...together.map((s) => s.ms))), kb(Math.max(...together.map((s) => s.bytes))), '', '']);

    for (const line of table(['query', 'status', 'p50', 'slowest', 'answer', 'target', ''], rows)) console.log(line);
    console.log(allMet && liveOk ? 'every target met' : 'some targets missed');
    return 0;
  });
}

runMain('bench:limits', main);
