/**
 * `npm run bench:engine`: the coverage engine's benchmark (issue 4, item 6), comparing like with like (issue 11): the
 * engine on a warm tenant state against SQL statements that read the tenant themselves, and the cold tenant read that
 * a cache miss costs. See HELP for what it does and how to run it; synthetic.ts for the data, sql-baseline.ts for the
 * baselines, memory.ts and timing.ts for how it measures.
 *
 * Order matters: the graph load is the first engine work in the process (so it is cold: no JIT warm-up, new pool
 * connections), and the memory phase starts after the data generator's garbage is collected, so the peak is the
 * service's work (graph, tenant state, results), not the generator's.
 */
import 'reflect-metadata';
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { parseCliArgs } from '../src/common/cli/parse-cli-args';
import { type Query, readTenantInput } from '../src/coverage/coverage.repository';
import { CatalogSnapshot } from '../src/catalog/catalog-snapshot';
import { readCatalogRows } from '../src/catalog/catalog.repository';
import { dataSourceOptions } from '../src/database/data-source-options';
import { TenantDb } from '../src/database/tenant-db';
import { runMigrations } from '../src/database/migrate';
import type { CatalogGraph } from '../src/graph/catalog-graph';
import { commonControls } from '../src/graph/common-controls';
import { allFrameworkCoverage, type FrameworkCoverage, frameworkCoverage } from '../src/graph/framework-coverage';
import { frameworkStatus } from '../src/graph/framework-status';
import { overlapMatrix } from '../src/graph/framework-overlap';
import { gapAnalysis } from '../src/graph/gap-analysis';
import { underDeclaredSystems } from '../src/graph/management-systems';
import { requirementStatus } from '../src/graph/requirement-status';
import { tenantState } from '../src/graph/tenant-state';
import { fmtMiB, type MemoryReport, PeakMemory } from './memory';
import { OVERLAY_SCALE, overlayRows } from './overlay-rows';
import {
  SQL_ALL_FRAMEWORKS_COVERAGE,
  SQL_FRAMEWORK_COVERAGE,
  SQL_FRAMEWORK_COVERAGE_HOPS,
  sqlAllFrameworksCoverage,
  sqlFrameworkCoverage,
  sqlFrameworkCoverageHops,
  type SqlCoverage,
} from './sql-baseline';
import { elapsedSeconds, guarded, newClient, onCleanup, openBenchDatabase, parseCount, parseOptions, progress, resultsTable, type Row, runMain, table, UsageError, verdict } from './harness';
import { type CatalogSummary, checkScale, fmtInt, type Scale, type TenantSummary, writeCatalog, writeTenant } from './synthetic';
import { fmtMs, summarize, type Timing, timeAsync, timeSync } from './timing';

const DEFAULTS: Scale & { timeout: number } = {
  frameworks: 200,
  requirements: 60_000,
  edges: 500_000,
  controls: 2_000,
  links: 20_000,
  seed: 42,
  timeout: 30,
};

const HELP = `Usage: npm run bench:engine [-- options]

Benchmarks the coverage engine (issue 4, item 6; issue 11) on PostgreSQL. It generates a deterministic synthetic
catalog (seeded PRNG) and one organization, writes them into a fresh database with set-based SQL, then measures:
  - loading the catalog from PostgreSQL, cold (readCatalogRows + new CatalogSnapshot with its graph, as the service does);
  - the cold tenant read, what a per-organization cache miss costs: readTenantInput in the organization's
    row-level-security transaction (TenantDb.run) + underDeclaredSystems + tenantState; target <= 15 ms;
  - on the warm tenant state that read returns (what the cache holds between requests): coverage for one framework
    and for every framework, at maxHops 1 and 2, the full overlap matrix, a gap analysis, common controls for 6
    frameworks, and peak memory (RSS and V8 heap);
  - the same organization with an own catalog (issue 12: ${OVERLAY_SCALE.frameworks} own frameworks, ${OVERLAY_SCALE.edges.toLocaleString('en-US')} own crosswalks, generated)
    layered on the catalog graph (OverlayGraph), against the catalog alone: coverage of one framework and of every
    framework, timed alternately, by CPU time; target <= 2x;
  - the engine against plain SQL, like with like, each SQL statement reading the organization's rows itself:
      one framework per request        vs one statement;
      all frameworks                   vs one statement grouped by framework;
      maxHops 2                        vs one recursive CTE;
    target: the engine >= 10x faster in each. Before anything is timed, both sides must give the same full,
    partial, none, excluded and score for the measured framework, for every framework, and at maxHops 2 for the
    largest ones; if they differ it prints the differences and exits 3.
It prints two tables (stdout), each figure against the issue's target with PASS or MISS, the second naming both sides
of every comparison; progress goes to stderr.

Database: DATABASE_URL when set (its role must be allowed to create databases), else a throwaway embedded
PostgreSQL in a temp folder (fsync=off, synchronous_commit=off). Either way the benchmark works in a fresh database
crosswalk_bench_<pid>, drops it at the end, and stops the embedded server.

Options (the defaults are the issue's scale):
  --frameworks <n>    frameworks (default ${DEFAULTS.frameworks})
  --requirements <n>  requirements in all, headings included (default ${DEFAULTS.requirements})
  --edges <n>         crosswalk edges (default ${DEFAULTS.edges})
  --controls <n>      the organization's controls (default ${DEFAULTS.controls})
  --links <n>         links from its controls to requirements (default ${DEFAULTS.links})
  --seed <n>          PRNG seed: the same seed gives the same data (default ${DEFAULTS.seed})
  --timeout <min>     give up, clean up and exit 124 after this many minutes (default ${DEFAULTS.timeout})
  -h, --help          show this help

A quick smoke run:
  npm run bench:engine -- --frameworks 20 --requirements 3000 --edges 20000 --controls 200 --links 2000

Exit status: 0 when it ran, missed targets included; 1 on an error; 2 on bad options; 3 when the engine and
the SQL baselines disagree on a framework's coverage (nothing is timed then); 124 on timeout.`;

const TARGETS = {
  graphLoadMs: 5000,
  oneFrameworkMs: 5,
  allFrameworksMs: 250,
  overlapMs: 2000,
  peakRssBytes: 1024 * 1024 * 1024,
  speedUp: 10,
  coldTenantReadMs: 15,
};

const EMBEDDED_SETTINGS = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' };

const gc = (globalThis as { gc?: () => void }).gc;
/** Collect garbage between measurements (not inside them) when node runs with --expose-gc. */
function settle(): void {
  gc?.();
}

// ---------------------------------------------------------------------------------------------------------------
// Loading the synthetic data.

interface Dataset {
  catalog: CatalogSummary;
  tenant: TenantSummary;
  /** Indexes into catalog.frameworks. */
  measured: number;
  largest: number;
  six: number[];
  seconds: { catalog: number; tenant: number; analyze: number };
}

async function loadDataset(url: string, scale: Scale): Promise<Dataset> {
  const client = newClient(url, 'loader');
  await client.connect();
  try {
    const t0 = performance.now();
    progress(`catalog: generating and writing ${fmtInt(scale.frameworks)} frameworks, ${fmtInt(scale.requirements)} requirements, ${fmtInt(scale.edges)} edges (seed ${scale.seed})`);
    await client.query('BEGIN');
    const plan = await writeCatalog(client, scale, progress);
    await client.query('COMMIT');
    const t1 = performance.now();
    progress(`catalog: done in ${fmtMs(t1 - t0)} (${fmtInt(plan.summary.mappingSets)} mapping sets)`);

    const leaves = plan.summary.frameworks.map((f) => f.leaves);
    const bySize = leaves.map((_, i) => i).sort((a, b) => leaves[a] - leaves[b] || a - b);
    const measured = bySize[(bySize.length - 1) >> 1];
    const largestFirst = leaves.map((_, i) => i).sort((a, b) => leaves[b] - leaves[a] || a - b);

    await client.query('BEGIN');
    const tenant = await writeTenant(client, scale, plan, measured, progress);
    await client.query('COMMIT');
    const t2 = performance.now();
    progress(`organization: done in ${fmtMs(t2 - t1)}`);

    await client.query('VACUUM ANALYZE');
    const t3 = performance.now();
    progress(`VACUUM ANALYZE: done in ${fmtMs(t3 - t2)}`);
    return {
      catalog: plan.summary,
      tenant,
      measured,
      largest: largestFirst[0],
      six: largestFirst.slice(0, Math.min(6, largestFirst.length)),
      seconds: { catalog: (t1 - t0) / 1000, tenant: (t2 - t1) / 1000, analyze: (t3 - t2) / 1000 },
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring.


function fmtTimingDetail(t: Timing): string {
  return `median of ${t.runs} runs; p95 ${fmtMs(t.p95)}; min ${fmtMs(t.min)}, max ${fmtMs(t.max)}`;
}

function fmtCoverage(c: { full: number; partial: number; none: number; excluded: number; applicable: number; partialWeight: number; score: number }): string {
  return `full ${c.full}, partial ${c.partial} (weight ${c.partialWeight.toFixed(4)}), none ${c.none}, excluded ${c.excluded}, applicable ${c.applicable}, score ${c.score.toFixed(6)}`;
}

function sameCoverage(engine: FrameworkCoverage, sql: SqlCoverage): boolean {
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return (
    engine.full === sql.full &&
    engine.partial === sql.partial &&
    engine.none === sql.none &&
    engine.excluded === sql.excluded &&
    engine.applicable === sql.applicable &&
    close(engine.partialWeight, sql.partialWeight) &&
    close(engine.score, sql.score)
  );
}

/** The catalog as the service loads it: every row (readCatalogRows), then the in-memory snapshot with its graph. */
async function loadGraph(dataSource: DataSource, memory?: PeakMemory): Promise<{ graph: CatalogGraph; readMs: number; buildMs: number }> {
  const t0 = performance.now();
  const rows = await readCatalogRows(dataSource);
  const t1 = performance.now();
  memory?.checkpoint();
  const { graph } = new CatalogSnapshot(rows);
  const t2 = performance.now();
  memory?.checkpoint();
  return { graph, readMs: t1 - t0, buildMs: t2 - t1 };
}

/** Zero counts: the SQL's answer for a framework it returns no row for (one without assessable requirements). */
const NO_COVERAGE: SqlCoverage = { full: 0, partial: 0, none: 0, excluded: 0, applicable: 0, partialWeight: 0, score: 0 };

/** PostgreSQL's own execution time for a statement (EXPLAIN ANALYZE, TIMING OFF), median of `times`: the server's share. */
async function serverMs(query: Query, sql: string, params: unknown[], times = 5): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < times; i++) {
    const [plan] = await query<{ 'QUERY PLAN': Array<{ 'Execution Time': number }> }>(`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${sql}`, params);
    runs.push(plan['QUERY PLAN'][0]['Execution Time']);
  }
  return summarize(runs).median;
}

/** One row of the engine-vs-SQL table: both sides named, both timed, and the speed-up against its target. */
interface Comparison {
  what: string;
  engineSide: string;
  engine: Timing;
  sqlSide: string;
  sql: Timing;
  sqlServerMs: number;
  /** False for a row shown for information, with no target of its own. */
  targeted?: boolean;
}

function comparisonTable(comparisons: Comparison[]): string[] {
  return table(
    ['Compared (like with like)', 'Engine side', 'Engine', 'SQL side', 'SQL (server share)', 'SQL ÷ engine', 'Target', 'Verdict'],
    comparisons.map((c) => {
      const speedUp = c.sql.median / c.engine.median;
      const targeted = c.targeted !== false;
      const [target, result] = targeted ? [`≥ ${TARGETS.speedUp}×`, verdict(speedUp >= TARGETS.speedUp)] : ['(none)', ''];
      return [c.what, c.engineSide, fmtMs(c.engine.median), c.sqlSide, `${fmtMs(c.sql.median)} (${fmtMs(c.sqlServerMs)})`, `${speedUp.toFixed(1)}×`, target, result];
    }),
  );
}

async function run(scale: Scale): Promise<number> {
  if (!gc) progress('warning: node runs without --expose-gc; measurements are noisier (use npm run bench:engine)');
  const db = await openBenchDatabase('crosswalk_bench', EMBEDDED_SETTINGS);
  progress(`database: ${db.description}, PostgreSQL ${db.serverVersion}`);

  const dataSource = new DataSource(dataSourceOptions(db.url));
  await dataSource.initialize();
  onCleanup(async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
  });
  const applied = await runMigrations(dataSource);
  progress(`migrations applied: ${applied.join(', ') || 'none'}`);
  const query: Query = <T>(sql: string, params?: unknown[]) => dataSource.query(sql, params) as Promise<T[]>;
  const tenantDb = new TenantDb(dataSource);

  const data = await loadDataset(db.url, scale);
  const { catalog, tenant } = data;
  const org = tenant.organizationId;
  const measuredFw = catalog.frameworks[data.measured];
  const largestFw = catalog.frameworks[data.largest];
  const sixFw = data.six.map((f) => catalog.frameworks[f]);

  // ---- the measured phase: everything from here on is the service's work.
  settle();
  settle();
  const memory = new PeakMemory();
  memory.start();
  onCleanup(() => memory.abandon());
  const cp = () => memory.checkpoint();

  progress('graph: loading from PostgreSQL (cold) …');
  const cold = await loadGraph(dataSource, memory);
  const catalogGraph = cold.graph;
  const coldMs = cold.readMs + cold.buildMs;
  progress(`graph: loaded in ${fmtMs(coldMs)} (read ${fmtMs(cold.readMs)}, build ${fmtMs(cold.buildMs)})`);
  if (catalogGraph.frameworkCount !== scale.frameworks || catalogGraph.requirementCount !== scale.requirements || catalogGraph.edgeCount !== scale.edges) {
    throw new Error(
      `the graph holds ${catalogGraph.frameworkCount} frameworks, ${catalogGraph.requirementCount} requirements, ${catalogGraph.edgeCount} edges; ` +
        `expected ${scale.frameworks}, ${scale.requirements}, ${scale.edges}`,
    );
  }

  // The tenant read as the service does it on a cache miss (CoverageService.tenant): readTenantInput in the
  // organization's row-level-security transaction, then the catalog graph under its management systems and the
  // TenantState built on it. What it returns is the warm tenant state a per-organization cache holds.
  const tenantParts = { read: [] as number[], build: [] as number[] };
  const readTenant = async () => {
    const t0 = performance.now();
    const input = await tenantDb.run(org, (manager) => readTenantInput((sql, params) => manager.query(sql, params), org));
    const t1 = performance.now();
    const graph = underDeclaredSystems(catalogGraph, input.systems);
    const state = tenantState(graph, input);
    tenantParts.read.push(t1 - t0);
    tenantParts.build.push(performance.now() - t1);
    return { graph, state };
  };
  const tenantStart = performance.now();
  await readTenant();
  const tenantFirstMs = performance.now() - tenantStart;
  cp();
  settle();
  const tenantRead = await timeAsync(readTenant, { warmup: 3, minRuns: 20, maxRuns: 100, budgetMs: 4000, after: cp });
  const { graph, state } = tenantRead.last;
  // The parts of the timed runs (the warm-ups and the first read come before them).
  const tenantReadPart = summarize(tenantParts.read.slice(-tenantRead.timing.runs));
  const tenantBuildPart = summarize(tenantParts.build.slice(-tenantRead.timing.runs));
  const excludedCount = state.excluded.reduce((a, b) => a + b, 0);
  if (state.ignoredLinks !== 0 || state.linkControl.length !== scale.links || excludedCount !== tenant.exclusions) {
    throw new Error(`the tenant state holds ${state.linkControl.length} links (${state.ignoredLinks} ignored) and ${excludedCount} exclusions; expected ${scale.links} and ${tenant.exclusions}`);
  }
  progress(`tenant read (cache miss): first ${fmtMs(tenantFirstMs)}, median ${fmtMs(tenantRead.timing.median)}`);

  const fm = graph.frameworkIndex(measuredFw.id);
  const gapTarget = graph.frameworkIndex(largestFw.id);
  const six = sixFw.map((f) => graph.frameworkIndex(f.id));
  const allIndexes = Array.from({ length: catalogGraph.frameworkCount }, (_, i) => i);
  const measuredCode = graph.frameworkCode(fm);
  const HOPS = 2;

  // ---- The engine and SQL must agree before either is timed: every comparison below is checked here first.
  progress('agreement: engine vs SQL, before timing …');
  const disagreements: string[] = [];
  const check = (what: string, engine: FrameworkCoverage, sql: SqlCoverage) => {
    if (!sameCoverage(engine, sql)) disagreements.push(`${what}: engine ${fmtCoverage(engine)}; SQL ${fmtCoverage(sql)}`);
  };
  const engineOne = frameworkCoverage(graph, frameworkStatus(graph, state, fm), fm);
  const sqlOne = await sqlFrameworkCoverage(query, org, measuredFw.id);
  check(`${measuredCode}, maxHops 1, targeted path`, engineOne, sqlOne);
  check(`${measuredCode}, maxHops 1, full path`, frameworkCoverage(graph, requirementStatus(graph, state), fm), sqlOne);
  const engineAll = allFrameworkCoverage(graph, requirementStatus(graph, state));
  const sqlAll = await sqlAllFrameworksCoverage(query, org);
  for (let f = 0; f < graph.frameworkCount; f++) check(`${graph.frameworkCode(f)}, maxHops 1, all frameworks`, engineAll[f], sqlAll.get(graph.frameworkId(f)) ?? NO_COVERAGE);
  const engineHops = allFrameworkCoverage(graph, requirementStatus(graph, state, { maxHops: HOPS }));
  // The recursive CTE takes seconds at full scale: the measured framework and the largest one.
  const hopsChecked = [...new Set([fm, gapTarget])];
  const sqlHops = new Map<number, SqlCoverage>();
  for (const f of hopsChecked) {
    sqlHops.set(f, await sqlFrameworkCoverageHops(query, org, graph.frameworkId(f), HOPS));
    check(`${graph.frameworkCode(f)}, maxHops ${HOPS}`, engineHops[f], sqlHops.get(f)!);
  }
  // The recursive CTE must have something to find: two hops change some framework's numbers, or the row proves little.
  const hopsMatter = hopsChecked.some((f) => !sameCoverage(engineHops[f], engineAll[f]));
  const agreements = 2 + graph.frameworkCount + hopsChecked.length;
  progress(`agreement: ${agreements - disagreements.length}/${agreements} equal`);
  if (disagreements.length > 0) {
    const banner = '!'.repeat(100);
    process.stdout.write(`\nMISMATCH: the engine and the SQL baseline disagree, so nothing was timed:\n${disagreements.map((d) => `  ${d}`).join('\n')}\n`);
    console.error(`\n${banner}\nMISMATCH: the engine and the SQL baseline disagree on coverage (${disagreements.length} of ${agreements}); see stdout.\n${banner}\n`);
    await memory.stop();
    return 3;
  }

  // ---- The engine on a warm tenant state.
  settle();
  const one = timeSync(() => frameworkCoverage(graph, frameworkStatus(graph, state, fm), fm), { warmup: 50, minRuns: 30, maxRuns: 300, budgetMs: 3000, batch: 10, after: cp });
  settle();
  const oneFull = timeSync(() => frameworkCoverage(graph, requirementStatus(graph, state), fm), { warmup: 5, minRuns: 30, maxRuns: 300, budgetMs: 3000, after: cp });
  settle();
  const statusOnly = timeSync(() => requirementStatus(graph, state), { warmup: 5, minRuns: 30, maxRuns: 300, budgetMs: 3000, after: cp });
  const status = statusOnly.last;
  settle();
  const coverageOnly = timeSync(() => frameworkCoverage(graph, status, fm), { warmup: 100, minRuns: 30, maxRuns: 300, budgetMs: 1000, batch: 100, after: cp });
  progress(
    `one framework: median ${fmtMs(one.timing.median)} targeted (frameworkStatus); ${fmtMs(oneFull.timing.median)} full ` +
      `(requirementStatus ${fmtMs(statusOnly.timing.median)}, frameworkCoverage ${fmtMs(coverageOnly.timing.median)})`,
  );

  settle();
  const all = timeSync(() => allFrameworkCoverage(graph, requirementStatus(graph, state)), { warmup: 3, minRuns: 10, maxRuns: 100, budgetMs: 4000, after: cp });
  settle();
  const allOnly = timeSync(() => allFrameworkCoverage(graph, status), { warmup: 5, minRuns: 10, maxRuns: 100, budgetMs: 2000, batch: 10, after: cp });
  progress(`all frameworks: median ${fmtMs(all.timing.median)} (allFrameworkCoverage alone ${fmtMs(allOnly.timing.median)})`);

  // A request that misses the tenant cache: the cold read, then the same one-framework coverage.
  settle();
  const missed = await timeAsync(
    async () => {
      const fresh = await readTenant();
      return frameworkCoverage(fresh.graph, frameworkStatus(fresh.graph, fresh.state, fm), fm);
    },
    { warmup: 2, minRuns: 10, maxRuns: 60, budgetMs: 4000, after: cp },
  );
  progress(`one framework on a cache miss: median ${fmtMs(missed.timing.median)}`);

  // maxHops 2 the way the service answers it (CoverageService.coverage: more than one hop takes the full path).
  settle();
  const hops = timeSync(() => allFrameworkCoverage(graph, requirementStatus(graph, state, { maxHops: HOPS }))[fm], { warmup: 3, minRuns: 10, maxRuns: 100, budgetMs: 4000, after: cp });
  progress(`maxHops ${HOPS}, one framework: median ${fmtMs(hops.timing.median)}`);

  settle();
  progress(`overlap matrix: ${graph.frameworkCount}×${graph.frameworkCount} …`);
  const overlap = timeSync(() => overlapMatrix(catalogGraph, allIndexes), { warmup: 1, minRuns: 3, maxRuns: 5, budgetMs: 10_000, after: cp });
  const pairs = overlap.last.length;
  progress(`overlap matrix: median ${fmtMs(overlap.timing.median)} for ${fmtInt(pairs)} ordered pairs`);

  settle();
  const gapOnly = timeSync(() => gapAnalysis(graph, status, gapTarget), { warmup: 2, minRuns: 10, maxRuns: 100, budgetMs: 4000, after: cp });
  settle();
  const gapFull = timeSync(() => gapAnalysis(graph, requirementStatus(graph, state), gapTarget), { warmup: 2, minRuns: 10, maxRuns: 100, budgetMs: 4000, after: cp });
  const gaps = gapOnly.last.gaps;
  const partialGaps = gaps.filter((g) => g.status === 'PARTIAL').length;
  const gapSources = gaps.reduce((a, g) => a + g.sources.length, 0);
  const gapControls = gaps.reduce((a, g) => a + g.controls.length, 0);
  progress(`gap analysis: median ${fmtMs(gapFull.timing.median)} (${fmtInt(gaps.length)} gaps)`);

  settle();
  const common = timeSync(() => commonControls(graph, six), { warmup: 2, minRuns: 10, maxRuns: 100, budgetMs: 4000, after: cp });
  progress(`common controls: median ${fmtMs(common.timing.median)} (${fmtInt(common.last.groups.length)} groups)`);

  // ---- The SQL side: each statement reads the organization's rows itself, every time.
  settle();
  const sql = await timeAsync(() => sqlFrameworkCoverage(query, org, measuredFw.id), { warmup: 3, minRuns: 10, maxRuns: 100, budgetMs: 6000, after: cp });
  progress(`SQL, one framework: median ${fmtMs(sql.timing.median)}`);
  settle();
  const sqlAllTimed = await timeAsync(() => sqlAllFrameworksCoverage(query, org), { warmup: 1, minRuns: 5, maxRuns: 30, budgetMs: 8000, after: cp });
  progress(`SQL, all ${graph.frameworkCount} frameworks in one grouped statement: median ${fmtMs(sqlAllTimed.timing.median)}`);
  settle();
  const sqlHopsTimed = await timeAsync(() => sqlFrameworkCoverageHops(query, org, measuredFw.id, HOPS), { warmup: 1, minRuns: 3, maxRuns: 30, budgetMs: 8000, after: cp });
  progress(`SQL, maxHops ${HOPS} recursive CTE: median ${fmtMs(sqlHopsTimed.timing.median)}`);
  const server = {
    one: await serverMs(query, SQL_FRAMEWORK_COVERAGE, [org, measuredFw.id]),
    all: await serverMs(query, SQL_ALL_FRAMEWORKS_COVERAGE, [org], 3),
    hops: await serverMs(query, SQL_FRAMEWORK_COVERAGE_HOPS, [org, measuredFw.id, HOPS], 3),
  };

  const mem: MemoryReport = await memory.stop();
  progress(`memory: peak RSS ${fmtMiB(mem.rssPeak)}, peak heap ${fmtMiB(mem.heapPeak)}`);

  // After the memory phase: the same load again in a warm process (the old graph is still held, as during a rebuild).
  settle();
  const warm = await loadGraph(dataSource);
  progress(`graph: reloaded in ${fmtMs(warm.readMs + warm.buildMs)} (warm process)`);

  // Issue 12: the same organization with an own catalog layered on the shared graph (bench/overlay-rows.ts).
  settle();
  const ownInput = await tenantDb.run(org, (manager) => readTenantInput((sql, params) => manager.query(sql, params), org));
  const overlay = overlayRows(catalogGraph, ownInput, fm, scale.seed, progress);

  // ---- the report.
  const sixCodes = six.map((f) => graph.frameworkCode(f)).join(', ');
  const warmState = 'warm tenant state (graph under its systems + TenantState, as a per-organization cache holds it)';
  const comparisons: Comparison[] = [
    {
      what: `Per request: coverage of one framework (${measuredCode}, ${fmtInt(measuredFw.leaves)} assessable), maxHops 1`,
      engineSide: `frameworkStatus + frameworkCoverage on the ${warmState}`,
      engine: one.timing,
      sqlSide: 'one statement that reads the controls, links and applicability itself (SQL_FRAMEWORK_COVERAGE)',
      sql: sql.timing,
      sqlServerMs: server.one,
    },
    {
      what: `  the same request on a tenant-cache miss (for information: its target is the cold read's ≤ 15 ms)`,
      engineSide: 'the cold tenant read above, then frameworkStatus + frameworkCoverage',
      engine: missed.timing,
      sqlSide: 'the same statement',
      sql: sql.timing,
      sqlServerMs: server.one,
      targeted: false,
    },
    {
      what: `All ${graph.frameworkCount} frameworks, maxHops 1`,
      engineSide: `requirementStatus + allFrameworkCoverage on the warm tenant state`,
      engine: all.timing,
      sqlSide: `one statement grouped by framework (SQL_ALL_FRAMEWORKS_COVERAGE)`,
      sql: sqlAllTimed.timing,
      sqlServerMs: server.all,
    },
    {
      what: `maxHops ${HOPS}: coverage of ${measuredCode}`,
      engineSide: `requirementStatus (maxHops ${HOPS}) + allFrameworkCoverage on the warm tenant state, as the service answers it`,
      engine: hops.timing,
      sqlSide: `one recursive CTE walking ${HOPS} hops back from ${measuredCode} (SQL_FRAMEWORK_COVERAGE_HOPS)`,
      sql: sqlHopsTimed.timing,
      sqlServerMs: server.hops,
    },
  ];

  const rows: Row[] = [
    {
      label: 'Catalog load from PostgreSQL, cold (readCatalogRows + new CatalogSnapshot and its graph)',
      result: fmtMs(coldMs),
      target: '≤ 5 s',
      verdict: verdict(coldMs <= TARGETS.graphLoadMs),
      detail: 'first load in the process, one run',
    },
    { label: '  of which: reading (4 statements in one repeatable-read transaction)', result: fmtMs(cold.readMs), detail: `${fmtInt(scale.requirements)} requirement rows, ${fmtInt(scale.edges)} edge rows` },
    { label: '  of which: new CatalogSnapshot (indexes and CatalogGraph)', result: fmtMs(cold.buildMs) },
    { label: '  the same load again, warm process (after the memory phase)', result: fmtMs(warm.readMs + warm.buildMs), detail: `read ${fmtMs(warm.readMs)}, build ${fmtMs(warm.buildMs)}` },
    {
      label: `Cold tenant read (a cache miss): readTenantInput in TenantDb.run (RLS) + underDeclaredSystems + tenantState`,
      result: fmtMs(tenantRead.timing.median),
      target: '≤ 15 ms',
      verdict: verdict(tenantRead.timing.median <= TARGETS.coldTenantReadMs),
      detail: `${fmtTimingDetail(tenantRead.timing)}; ${fmtInt(scale.controls)} controls, ${fmtInt(scale.links)} links, ${tenant.exclusions} exclusions; first in the process ${fmtMs(tenantFirstMs)}`,
    },
    { label: '  of which: readTenantInput in the RLS transaction (BEGIN with the tenant settings, 1 statement, COMMIT)', result: fmtMs(tenantReadPart.median), detail: fmtTimingDetail(tenantReadPart) },
    { label: '  of which: underDeclaredSystems + tenantState', result: fmtMs(tenantBuildPart.median), detail: fmtTimingDetail(tenantBuildPart) },
    {
      label: `One framework, warm tenant state: frameworkStatus + frameworkCoverage (${measuredCode}, ${fmtInt(measuredFw.leaves)} assessable)`,
      result: fmtMs(one.timing.median),
      target: '≤ 5 ms',
      verdict: verdict(one.timing.median <= TARGETS.oneFrameworkMs),
      detail: `${fmtTimingDetail(one.timing)}; 10 calls per run; only ${measuredCode}'s requirements`,
    },
    {
      label: `  the full path: requirementStatus + frameworkCoverage (all ${fmtInt(scale.requirements)} requirements)`,
      result: fmtMs(oneFull.timing.median),
      target: '≤ 5 ms',
      verdict: verdict(oneFull.timing.median <= TARGETS.oneFrameworkMs),
      detail: fmtTimingDetail(oneFull.timing),
    },
    { label: `  requirementStatus alone (all ${fmtInt(scale.requirements)} requirements)`, result: fmtMs(statusOnly.timing.median), detail: fmtTimingDetail(statusOnly.timing) },
    { label: '  frameworkCoverage alone', result: fmtMs(coverageOnly.timing.median), detail: `${fmtTimingDetail(coverageOnly.timing)}; 100 calls per run` },
    {
      label: `All ${graph.frameworkCount} frameworks, warm tenant state: requirementStatus + allFrameworkCoverage`,
      result: fmtMs(all.timing.median),
      target: '≤ 250 ms',
      verdict: verdict(all.timing.median <= TARGETS.allFrameworksMs),
      detail: fmtTimingDetail(all.timing),
    },
    { label: '  allFrameworkCoverage alone', result: fmtMs(allOnly.timing.median), detail: `${fmtTimingDetail(allOnly.timing)}; 10 calls per run` },
    { label: `maxHops ${HOPS}, warm tenant state: requirementStatus (maxHops ${HOPS}) + allFrameworkCoverage`, result: fmtMs(hops.timing.median), detail: fmtTimingDetail(hops.timing) },
    {
      label: `Overlap matrix ${graph.frameworkCount}×${graph.frameworkCount} (overlapMatrix, ${fmtInt(pairs)} ordered pairs)`,
      result: fmtMs(overlap.timing.median),
      target: '≤ 2 s',
      verdict: verdict(overlap.timing.median <= TARGETS.overlapMs),
      detail: fmtTimingDetail(overlap.timing),
    },
    {
      label: `Gap analysis → ${graph.frameworkCode(gapTarget)} (${fmtInt(largestFw.leaves)} assessable), have = the organization: requirementStatus + gapAnalysis`,
      result: fmtMs(gapFull.timing.median),
      detail: `${fmtTimingDetail(gapFull.timing)}; ${fmtInt(gaps.length)} gaps (${fmtInt(partialGaps)} PARTIAL), ${fmtInt(gapSources)} sources, ${fmtInt(gapControls)} touching controls listed`,
    },
    { label: '  gapAnalysis alone', result: fmtMs(gapOnly.timing.median), detail: fmtTimingDetail(gapOnly.timing) },
    {
      label: `Common controls for ${six.length} frameworks (${sixCodes})`,
      result: fmtMs(common.timing.median),
      detail: `${fmtTimingDetail(common.timing)}; ${fmtInt(common.last.groups.length)} groups cover ${fmtInt(common.last.requirementCount)} requirements`,
    },
    {
      label: 'Peak memory: process RSS (graph load → last query)',
      result: fmtMiB(mem.rssPeak),
      target: '≤ 1 GiB',
      verdict: verdict(mem.rssPeak <= TARGETS.peakRssBytes),
      detail: `at phase start ${fmtMiB(mem.rssAtStart)}; sampled ${fmtMiB(mem.rssSampledPeak)}, kernel VmHWM ${mem.rssKernelPeak === undefined ? 'n/a' : fmtMiB(mem.rssKernelPeak)}`,
    },
    { label: 'Peak memory: V8 heap used (high-water mark)', result: fmtMiB(mem.heapPeak), detail: `at phase start ${fmtMiB(mem.heapAtStart)}; ${fmtInt(mem.collections)} collections observed` },
    {
      label: `Engine = SQL before timing (full, partial, none, excluded, score): ${measuredCode} both paths, all ${graph.frameworkCount} frameworks, maxHops ${HOPS} for ${hopsChecked.length}`,
      result: `${agreements}/${agreements} equal`,
      target: 'equal',
      verdict: 'MATCH',
      detail: hopsMatter ? `maxHops ${HOPS} changes the numbers of ${hopsChecked.filter((f) => !sameCoverage(engineHops[f], engineAll[f])).length} of those ${hopsChecked.length}` : `maxHops ${HOPS} changes none of those ${hopsChecked.length}: the check proves little`,
    },
    ...overlay,
  ];

  const totalSeconds = elapsedSeconds();
  const out: string[] = [];
  const rel = catalog.relationships;
  const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;
  out.push('');
  out.push(`Crosswalk engine benchmark (issue 4, item 6; issue 11), seed ${scale.seed}`);
  out.push(
    `Catalog: ${fmtInt(catalog.frameworks.length)} frameworks (${fmtInt(Math.min(...catalog.frameworks.map((f) => f.requirements)))}–${fmtInt(Math.max(...catalog.frameworks.map((f) => f.requirements)))} requirements each), ` +
      `${fmtInt(catalog.requirements)} requirements (${fmtInt(catalog.headings)} headings, ${fmtInt(catalog.requirements - catalog.headings)} assessable), ` +
      `${fmtInt(catalog.edges)} edges in ${fmtInt(catalog.mappingSets)} mapping sets`,
  );
  out.push(
    `Edges: ${Object.entries(rel)
      .map(([r, n]) => `${r} ${pct(n, catalog.edges)}`)
      .join(', ')}; ${pct(catalog.headingEdgeEnds, 2 * catalog.edges)} of edge ends on headings`,
  );
  out.push(
    `Organization: ${fmtInt(tenant.controls)} controls (${fmtInt(tenant.implemented)} IMPLEMENTED), ${fmtInt(tenant.links)} links (${pct(tenant.fullLinks, tenant.links)} FULL, ` +
      `${pct(tenant.linksIntoScope, tenant.links)} into its ${tenant.scopeFrameworkIds.length} scope frameworks), ${tenant.exclusions} exclusions ` +
      `(${tenant.exclusionsInMeasured} in ${measuredCode}), ${tenant.applicableDecisions} recorded "applicable" decisions`,
  );
  out.push(`Data generated and written in ${(data.seconds.catalog + data.seconds.tenant + data.seconds.analyze).toFixed(1)} s (catalog ${data.seconds.catalog.toFixed(1)} s, organization ${data.seconds.tenant.toFixed(1)} s, VACUUM ANALYZE ${data.seconds.analyze.toFixed(1)} s)`);
  out.push(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${fmtMiB(os.totalmem())} RAM; load average ${os.loadavg()[0].toFixed(1)} at the end; node ${process.version}${gc ? ' --expose-gc' : ''}; PostgreSQL ${db.serverVersion}, ${db.description}`);
  out.push('');
  out.push(...resultsTable(rows));
  out.push('');
  out.push('Engine vs SQL, like with like (medians; SQL time is the whole round trip through the same pool, with PostgreSQL\'s own execution time in brackets):');
  out.push(...comparisonTable(comparisons));
  out.push('');
  out.push(`Coverage of ${measuredCode} for the organization:`);
  out.push(`  maxHops 1, engine: ${fmtCoverage(engineOne)}`);
  out.push(`  maxHops 1, SQL:    ${fmtCoverage(sqlOne)}`);
  out.push(`  maxHops ${HOPS}, engine: ${fmtCoverage(engineHops[fm])}`);
  out.push(`  maxHops ${HOPS}, SQL:    ${fmtCoverage(sqlHops.get(fm)!)}`);
  out.push('');
  out.push('Notes:');
  out.push('  - Warm figures are medians after warm-up runs, with garbage collected before each series, never inside a timed run.');
  out.push(
    '  - The engine side of every comparison starts from a warm tenant state, as the service answers a request once the organization is cached; ' +
      'what a cache miss adds is the cold tenant read above. Every SQL statement reads the tenant\'s rows itself, on every run.',
  );
  out.push(
    `  - "One framework" computes only that framework's requirements (frameworkStatus pulls from their one-hop neighbourhood, maxHops 1); ` +
      `the full path computes every requirement's status (requirementStatus covers the whole graph), then counts one framework.`,
  );
  out.push(
    `  - The own-catalog rows (issue 12) time the organization on the catalog alone and on an OverlayGraph, alternately run by run (after the memory phase); ` +
      'their ratio is by CPU time, with wall time in the detail.',
  );
  out.push(`  - The SQL baselines apply the engine's rules (bench/sql-baseline.ts); they run through the same connection pool, as the table owner (no RLS transaction).`);
  out.push(
    `  - Peak memory covers the measured phase (graph load to the last SQL statement), not the data generator; whole-process max RSS, generator included: ${fmtMiB(process.resourceUsage().maxRSS * 1024)}.`,
  );
  out.push(`Total run time: ${totalSeconds.toFixed(1)} s (including data generation and loading)`);
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}


async function main(): Promise<number> {
  const args = parseCliArgs('bench:engine', HELP, {
    frameworks: { type: 'string' },
    requirements: { type: 'string' },
    edges: { type: 'string' },
    controls: { type: 'string' },
    links: { type: 'string' },
    seed: { type: 'string' },
    timeout: { type: 'string' },
  });
  if (args.exitCode !== undefined) return args.exitCode;
  const parsed = parseOptions('bench:engine', HELP, () => {
    const v = args.values;
    const scale: Scale = {
      frameworks: parseCount('frameworks', v.frameworks, DEFAULTS.frameworks, 2),
      requirements: parseCount('requirements', v.requirements, DEFAULTS.requirements, 4),
      edges: parseCount('edges', v.edges, DEFAULTS.edges, 1),
      controls: parseCount('controls', v.controls, DEFAULTS.controls, 1),
      links: parseCount('links', v.links, DEFAULTS.links, 1),
      seed: parseCount('seed', v.seed, DEFAULTS.seed, 0),
    };
    const problem = checkScale(scale);
    if (problem) throw new UsageError(problem);
    return { scale, timeoutMinutes: parseCount('timeout', v.timeout, DEFAULTS.timeout, 1) };
  });
  if (!parsed) return 2;
  return guarded('bench:engine', parsed.timeoutMinutes, () => run(parsed.scale));
}

runMain('bench:engine', main);
