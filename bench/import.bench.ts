/**
 * `npm run bench:import`: the control inventory import (issue 13) as users meet it. See HELP.
 *
 * Each run imports the generated inventory into a fresh organization over real HTTP (POST /import/controls), timed
 * by the client from the first byte sent to the last byte of the answer: reading the upload, parsing the file,
 * checking every row, and the one transaction that writes controls, links and audit events. The answer's counts and
 * then the database itself are checked after each run, so a fast wrong import cannot pass.
 */
import * as path from 'node:path';
import { parseCliArgs } from '../src/common/cli/parse-cli-args';
import { XLSX_TYPE } from '../src/exports/xlsx-writer';
import { guarded, openBenchDatabase, UsageError, parseCount, parseOptions, progress, resultsTable, ROOT, type Row, runMain, startServiceProcess, table, verdict, withClient, createOrganization } from './harness';
import { importBenchFiles, shippedAssessableRefs } from './import-data';
import { CATALOG_TARGET_SECONDS, EDGES_PER_SECOND_TARGET, runOscalBench, SHARE_OF_BASELINE_TARGET } from './oscal-import-runs';

const DEFAULTS = { controls: 2_000, links: 20_000, runs: 3, maps: 100_000, timeout: 10 };
const TARGET_SECONDS = 5;

const HELP = `Usage: npm run bench:import [-- options]

Times the control inventory import (issue 13) as users meet it: the production build (node dist/src/main.js,
NODE_ENV=production) on a throwaway database, and a generated inventory of ${DEFAULTS.controls} controls with
${DEFAULTS.links} links spread over the shipped catalog's assessable requirements (bench/import-data.ts), sent as a
file to POST /import/controls, as CSV and as XLSX, each run into a fresh organization (after an ANALYZE, as
autovacuum leaves a live database); then the same CSV again into
an organization that has it already (every row an update with nothing to change). Each import is timed by the client,
request sent to answer received, and checked: the answer's counts, then the controls, links and audit events in the
database. Prints the times per format (every run, median and slowest) against the target of ${TARGET_SECONDS} s.

Then the OSCAL imports (issue 12), through the import service in this process (bench/oscal-import-runs.ts): the
SP 800-53 rev5 catalog into a fresh organization per run (median against ${CATALOG_TARGET_SECONDS} s), and a generated
mapping-collection of ${DEFAULTS.maps} maps between two generated own catalogs, in edges/s, against one
INSERT … SELECT FROM unnest of the same rows as the table owner in the same run (not COPY: pg-copy-streams is not a
dependency); target ≥ ${EDGES_PER_SECOND_TARGET} edges/s or ≥ ${SHARE_OF_BASELINE_TARGET * 100}% of that.
Uses DATABASE_URL's server when set (its role must be allowed to create databases), else an embedded PostgreSQL.

Options:
  --controls <n>   controls in the inventory (default ${DEFAULTS.controls})
  --links <n>      links in the inventory (default ${DEFAULTS.links})
  --runs <n>       imports per format, and of the SP 800-53 catalog (default ${DEFAULTS.runs})
  --maps <n>       maps in the generated OSCAL mapping-collection (default ${DEFAULTS.maps})
  --only <part>    controls or oscal: run only that part
  --timeout <min>  give up after this many minutes (default ${DEFAULTS.timeout})
  -h, --help       show this help`;

interface Options {
  controls: number;
  links: number;
  runs: number;
  maps: number;
  only: 'controls' | 'oscal' | undefined;
}

interface Answer {
  ok: boolean;
  importId: string | null;
  created: number;
  updated: number;
  unchanged: number;
  linksAdded: number;
  problemCount: number;
  problems: Array<{ row: number; column: string; reason: string }>;
}

async function postFile(url: string, key: string, type: string, body: Buffer): Promise<{ seconds: number; answer: Answer }> {
  const started = performance.now();
  const response = await fetch(`${url}/import/controls`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': type }, body });
  const text = await response.text();
  const seconds = (performance.now() - started) / 1000;
  if (response.status !== 200) throw new Error(`POST /import/controls answered ${response.status}: ${text.slice(0, 500)}`);
  return { seconds, answer: JSON.parse(text) as Answer };
}

/** The organization's id, from its key. */
async function organizationOf(url: string, key: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { organizationId } }' }) });
  return ((await response.json()) as { data: { me: { organizationId: string } } }).data.me.organizationId;
}

/** What the database holds for the organization: controls, links, and the import's audit events. */
async function stored(dbUrl: string, organizationId: string, importId: string | null): Promise<{ controls: number; links: number; events: number }> {
  return withClient(dbUrl, 'check', async (client) => {
    const { rows } = await client.query<{ controls: number; links: number; events: number }>(
      `SELECT (SELECT count(*)::int FROM control WHERE organization_id = $1) AS controls,
              (SELECT count(*)::int FROM control_link WHERE organization_id = $1) AS links,
              (SELECT count(*)::int FROM audit_event WHERE organization_id = $1 AND import_id = $2) AS events`,
      [organizationId, importId],
    );
    return rows[0];
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const s = (seconds: number) => `${seconds.toFixed(2)} s`;

async function run(options: Options): Promise<number> {
  const refs = shippedAssessableRefs(path.join(ROOT, 'mappings'));
  const files = importBenchFiles(refs, { controls: options.controls, links: options.links });
  const xlsx = await files.xlsx;
  progress(`inventory: ${options.controls} controls, ${options.links} links over ${refs.length} assessable requirements; CSV ${files.csv.length} bytes, XLSX ${xlsx.length} bytes`);
  const db = await openBenchDatabase('crosswalk_importbench');
  progress(`database: ${db.description}`);
  const { url } = await startServiceProcess(db.url);
  progress(`service ready at ${url}`);

  const times: Record<string, number[]> = { csv: [], xlsx: [], again: [] };
  const failures: string[] = [];
  const controls = options.only !== 'oscal';
  const expect = (what: string, actual: number, expected: number) => {
    if (actual !== expected) failures.push(`${what}: ${actual}, expected ${expected}`);
  };
  for (const [format, type, body] of [['csv', 'text/csv', files.csv], ['xlsx', XLSX_TYPE, xlsx]] as const) {
    for (let i = 0; controls && i < options.runs; i++) {
      const { key } = await createOrganization(db.url);
      const organizationId = await organizationOf(url, key);
      // Statistics as autovacuum leaves them on a live database, which the planner reads: an organization new since
      // the last ANALYZE looks empty. (A plan that went quadratic for such an organization cost 3 s here once.)
      await withClient(db.url, 'analyze', (client) => client.query('ANALYZE'));
      const { seconds, answer } = await postFile(url, key, type, body);
      progress(`${format} run ${i + 1}: ${s(seconds)} (${answer.created} created, ${answer.linksAdded} links added)`);
      times[format].push(seconds);
      expect(`${format} run ${i + 1}: created`, answer.created, options.controls);
      expect(`${format} run ${i + 1}: links added`, answer.linksAdded, options.links);
      const inDb = await stored(db.url, organizationId, answer.importId);
      expect(`${format} run ${i + 1}: controls stored`, inDb.controls, options.controls);
      expect(`${format} run ${i + 1}: links stored`, inDb.links, options.links);
      expect(`${format} run ${i + 1}: audit events`, inDb.events, options.controls + options.links);
      if (format === 'csv' && i === 0) {
        for (let j = 0; j < options.runs; j++) {
          const again = await postFile(url, key, type, body);
          progress(`csv again ${j + 1}: ${s(again.seconds)} (${again.answer.unchanged} unchanged)`);
          times.again.push(again.seconds);
          expect(`csv again ${j + 1}: unchanged`, again.answer.unchanged, options.controls);
        }
      }
    }
  }

  const out: string[] = [];
  out.push('');
  out.push('Crosswalk import benchmark: control inventories (issue 13) and OSCAL (issue 12)');
  out.push(`Service: node dist/src/main.js, NODE_ENV=production; ${db.description}; PostgreSQL ${db.serverVersion}`);
  if (controls) out.push(`Inventory: ${options.controls} controls, ${options.links} links over ${refs.length} assessable requirements of the shipped catalog; CSV ${files.csv.length} bytes, XLSX ${xlsx.length} bytes`);
  if (controls) out.push('Each import: POST /import/controls with the file as the body, timed by the client (request sent to answer received), into a fresh organization, after ANALYZE');
  out.push('');
  const label = { csv: 'CSV into a new organization', xlsx: 'XLSX into a new organization', again: 'CSV again (every row unchanged)' } as const;
  if (controls) out.push(...table(['Import', 'runs', 'median', 'slowest', 'every run'], (['csv', 'xlsx', 'again'] as const).map((k) => [label[k], String(times[k].length), s(median(times[k])), s(Math.max(...times[k])), times[k].map(s).join(', ')])));
  const oscal = options.only === 'controls' ? undefined : await runOscalBench(db.url, { runs: options.runs, maps: options.maps });
  if (oscal) {
    out.push(...oscal.lines);
    failures.push(...oscal.failures);
  }
  out.push('');
  const rows: Row[] = (controls ? (['csv', 'xlsx'] as const) : []).map((k) => ({
    label: `${options.controls} controls and ${options.links} links, ${k.toUpperCase()}: slowest run`,
    result: s(Math.max(...times[k])),
    target: `≤ ${TARGET_SECONDS} s`,
    verdict: verdict(Math.max(...times[k]) <= TARGET_SECONDS),
    detail: `median ${s(median(times[k]))} of ${times[k].length}`,
  }));
  if (oscal) rows.push(...oscal.rows);
  rows.push({ label: 'Every import stored what it reported, with its audit events', result: failures.length === 0 ? 'consistent' : `${failures.length} mismatch(es)`, target: 'consistent', verdict: verdict(failures.length === 0), detail: failures.slice(0, 3).join('; ') || 'counts checked in the answer and in the database' });
  out.push(...resultsTable(rows));
  console.log(out.join('\n'));
  return failures.length === 0 ? 0 : 1;
}

function badOnly(value: string): never {
  throw new UsageError(`--only must be controls or oscal, got "${value}"`);
}

async function main(): Promise<number> {
  const args = parseCliArgs('bench:import', HELP, {
    controls: { type: 'string' }, links: { type: 'string' }, runs: { type: 'string' }, maps: { type: 'string' }, only: { type: 'string' }, timeout: { type: 'string' },
  });
  if (args.exitCode !== undefined) return args.exitCode;
  const parsed = parseOptions('bench:import', HELP, () => {
    const v = args.values;
    const options: Options = {
      controls: parseCount('controls', v.controls, DEFAULTS.controls, 1, 50_000),
      links: parseCount('links', v.links, DEFAULTS.links, 0, 1_000_000),
      runs: parseCount('runs', v.runs, DEFAULTS.runs, 1, 20),
      maps: parseCount('maps', v.maps, DEFAULTS.maps, 1, 1_000_000),
      only: v.only === undefined || v.only === 'controls' || v.only === 'oscal' ? v.only : badOnly(v.only),
    };
    return { options, timeoutMinutes: parseCount('timeout', v.timeout, DEFAULTS.timeout, 1) };
  });
  if (!parsed) return 2;
  return guarded('bench:import', parsed.timeoutMinutes, () => run(parsed.options));
}

runMain('bench:import', main);
