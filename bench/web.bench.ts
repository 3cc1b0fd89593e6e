/**
 * `npm run bench:web`: the dashboard's two figures from issue 15, as a user meets them. See HELP.
 *
 * 1. Bundle size: what a browser downloads to show /app/, read off the built dist/web/index.html (the entry script,
 *    every chunk it preloads, the stylesheets), each as the service sends it gzipped (the build's .gz copy).
 * 2. First load: Debian's Chromium opens /app/ with a fresh profile each run (an empty HTTP cache), with the key already
 *    in the tab's sessionStorage (as after signing in), and the time is the page's own clock (performance.now(), from
 *    the start of navigation) at the first animation frame in which every framework's coverage bar is on screen: the
 *    HTML, the scripts, the GraphQL request and the render. The same for the overlap heat map without a key (all its
 *    cells drawn). The production build (node dist/src/main.js, NODE_ENV=production) on a throwaway database.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { parseCliArgs } from '../src/common/cli/parse-cli-args';
import { launchChromium } from './chromium';
import { createOrganization, guarded, onCleanup, openBenchDatabase, parseCount, parseOptions, progress, resultsTable, ROOT, type Row, runMain, startServiceProcess, table, verdict } from './harness';

const DEFAULTS = { runs: 10, timeout: 10 };
const BUNDLE_TARGET_KB = 500;
const FIRST_LOAD_TARGET_MS = 1500;

const HELP = `Usage: npm run bench:web [-- options]

Measures the dashboard (web/, built into dist/web by npm run build) against issue 15's bars:
  - bundle size: the files a browser downloads to show /app/ (entry script, preloaded chunks, stylesheets), gzipped
    as the service sends them (the .gz copies the build writes), against ${BUNDLE_TARGET_KB} KB;
  - first load: Chromium (Debian's, through playwright-core) opens /app/ with a fresh profile each run and the key in
    sessionStorage, timed by the page's clock from navigation start to the frame in which every coverage bar shows;
    and /app/overlap without a key, to the frame in which all its heat map cells show. Median and slowest of --runs
    runs after one warm-up, against ${FIRST_LOAD_TARGET_MS} ms.
The service is the production build on a throwaway database: DATABASE_URL's server when set (its role must be allowed
to create databases), else an embedded PostgreSQL.

Options:
  --runs <n>       page loads per page, after one warm-up (default ${DEFAULTS.runs})
  --timeout <min>  give up after this many minutes (default ${DEFAULTS.timeout})
  -h, --help       show this help`;

const WEB = path.join(ROOT, 'dist', 'web');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${Math.round(value)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

interface Asset {
  file: string;
  bytes: number;
  gzip: number;
}

/** The files a page of dist/web makes the browser fetch before it can run: scripts, preloads, stylesheets. */
function pageAssets(page: 'index.html' | 'graphiql.html'): Asset[] {
  const html = fs.readFileSync(path.join(WEB, page), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/app\/(assets\/[^"]+)"/g)].map((m) => m[1]);
  return [...new Set(files)].map((file) => {
    const body = fs.readFileSync(path.join(WEB, file));
    // The gzipped copy the build wrote is what the service sends to a browser that accepts gzip.
    const shipped = path.join(WEB, `${file}.gz`);
    return { file, bytes: body.length, gzip: fs.existsSync(shipped) ? fs.statSync(shipped).size : gzipSync(body).length };
  });
}

async function firstLoads(browser: Browser, url: string, key: string | undefined, ready: string, expected: number, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      if (key) await context.addInitScript((k) => (globalThis as unknown as { sessionStorage: Storage }).sessionStorage.setItem('crosswalk.apiKey', k), key);
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'commit' });
      const handle = await page.waitForFunction(
        ([selector, count]) => {
          const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document;
          return doc.querySelectorAll(selector).length >= count ? performance.now() : false;
        },
        [ready, expected] as const,
        { polling: 'raf', timeout: 30_000 },
      );
      const at = (await handle.jsonValue()) as number;
      if (i > 0) times.push(at);
      progress(`${url.replace(/^http:\/\/[^/]+/, '')} ${i === 0 ? 'warm-up' : `run ${i}`}: ${ms(at)}`);
    } finally {
      await context.close();
    }
  }
  return times;
}

interface Storage {
  setItem(key: string, value: string): void;
}

async function run(runs: number): Promise<number> {
  if (!fs.existsSync(path.join(WEB, 'index.html'))) throw new Error('dist/web is not built: run npm run build');
  const assets = pageAssets('index.html');
  const ide = pageAssets('graphiql.html');
  const db = await openBenchDatabase('crosswalk_webbench');
  progress(`database: ${db.description}`);
  const { url } = await startServiceProcess(db.url);
  progress(`service ready at ${url}`);
  const { key } = await createOrganization(db.url, 'Web Bench');
  const browser = await launchChromium();
  onCleanup(() => browser.close());
  const overview = await firstLoads(browser, `${url}/app/`, key, '[data-testid="coverage-bar"]', 6, runs);
  const overlap = await firstLoads(browser, `${url}/app/overlap`, undefined, '[data-testid="overlap-cell"]', 30, runs);

  const total = { bytes: assets.reduce((sum, a) => sum + a.bytes, 0), gzip: assets.reduce((sum, a) => sum + a.gzip, 0) };
  const out: string[] = [''];
  out.push('Crosswalk dashboard benchmark (issue 15)');
  out.push(`Service: node dist/src/main.js, NODE_ENV=production; ${db.description}; PostgreSQL ${db.serverVersion}; Chromium ${browser.version()}`);
  out.push('');
  out.push('What /app/ downloads (dist/web/index.html: entry, preloads, stylesheets), as the service sends them to a browser that accepts gzip:');
  out.push(...table(['File', 'bytes', 'gzipped'], [...assets.map((a) => [a.file, kb(a.bytes), kb(a.gzip)]), ['total', kb(total.bytes), kb(total.gzip)]]));
  out.push(`(The GraphQL IDE at GET /graphql is a page of its own, never loaded by the dashboard: ${ide.length} files, ${kb(ide.reduce((sum, a) => sum + a.gzip, 0))} gzipped before its editor's workers.)`);
  out.push('');
  out.push('First load, fresh profile each run, page clock from navigation start to the frame showing the content:');
  out.push(...table(['Page', 'runs', 'median', 'slowest', 'every run'], [
    ['/app/ (key in sessionStorage): 6 coverage bars', String(overview.length), ms(median(overview)), ms(Math.max(...overview)), overview.map(ms).join(', ')],
    ['/app/overlap (no key): 30 heat map cells', String(overlap.length), ms(median(overlap)), ms(Math.max(...overlap)), overlap.map(ms).join(', ')],
  ]));
  out.push('');
  const rows: Row[] = [
    { label: 'Dashboard bundle, gzipped', result: kb(total.gzip), target: `≤ ${BUNDLE_TARGET_KB} KB`, verdict: verdict(total.gzip <= BUNDLE_TARGET_KB * 1024), detail: `${assets.length} files, ${kb(total.bytes)} before gzip` },
    { label: 'First load of /app/ to coverage bars, slowest run', result: ms(Math.max(...overview)), target: `≤ ${FIRST_LOAD_TARGET_MS} ms`, verdict: verdict(Math.max(...overview) <= FIRST_LOAD_TARGET_MS), detail: `median ${ms(median(overview))} of ${overview.length}` },
    { label: 'First load of /app/overlap to heat map, slowest run', result: ms(Math.max(...overlap)), target: `≤ ${FIRST_LOAD_TARGET_MS} ms`, verdict: verdict(Math.max(...overlap) <= FIRST_LOAD_TARGET_MS), detail: `median ${ms(median(overlap))} of ${overlap.length}` },
  ];
  out.push(...resultsTable(rows));
  console.log(out.join('\n'));
  // Like the other benchmarks: the figures and their verdicts are the output; a missed target is not a failure to run.
  return 0;
}

async function main(): Promise<number> {
  const args = parseCliArgs('bench:web', HELP, { runs: { type: 'string' }, timeout: { type: 'string' } });
  if (args.exitCode !== undefined) return args.exitCode;
  const parsed = parseOptions('bench:web', HELP, () => ({
    runs: parseCount('runs', args.values.runs, DEFAULTS.runs, 1, 100),
    timeoutMinutes: parseCount('timeout', args.values.timeout, DEFAULTS.timeout, 1),
  }));
  if (!parsed) return 2;
  return guarded('bench:web', parsed.timeoutMinutes, () => run(parsed.runs));
}

runMain('bench:web', main);
