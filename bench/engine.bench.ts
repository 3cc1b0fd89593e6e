/**
 * `npm run bench:engine`: the coverage engine's benchmark (issue 4, item 6). See HELP for what it does and how to run
 * it; synthetic.ts for the data, sql-baseline.ts for the baseline, memory.ts and timing.ts for how it measures.
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
import { type Query, readCatalogGraphInput, readTenantInput } from '../src/coverage/coverage.repository';
import { dataSourceOptions } from '../src/database/data-source-options';
import { runMigrations } from '../src/database/migrate';
import { CatalogGraph } from '../src/graph/catalog-graph';
import { commonControls } from '../src/graph/common-controls';
import { allFrameworkCoverage, type FrameworkCoverage, frameworkCoverage } from '../src/graph/framework-coverage';
import { frameworkStatus } from '../src/graph/framework-status';
import { overlapMatrix } from '../src/graph/framework-overlap';
import { gapAnalysis } from '../src/graph/gap-analysis';
import { requirementStatus } from '../src/graph/requirement-status';
import { tenantState } from '../src/graph/tenant-state';
import { fmtMiB, type MemoryReport, PeakMemory } from './memory';
import { SQL_FRAMEWORK_COVERAGE, sqlFrameworkCoverage, type SqlCoverage } from './sql-baseline';
import { elapsedSeconds, guarded, newClient, onCleanup, openBenchDatabase, parseCount, parseOptions, progress, resultsTable, type Row, runMain, UsageError, verdict } from './harness';
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

Benchmarks the coverage engine (issue 4, item 6) on PostgreSQL. It generates a deterministic synthetic catalog
(seeded PRNG) and one organization, writes them into a fresh database with set-based SQL, then measures:
  - loading the graph from PostgreSQL, cold (readCatalogGraphInput + new CatalogGraph, as the service does);
  - reading the organization's state (readTenantInput + tenantState);
  - coverage for one framework and for every framework (warm, medians), the full overlap matrix, a gap analysis,
    common controls for 6 frameworks, and peak memory (RSS and V8 heap);
  - the baseline: the same single-framework coverage as one plain SQL statement over the same tables, checked
    against the engine's numbers, and the engine's speed-up over it.
It prints a table (stdout) with each figure against the issue's target, PASS or MISS; progress goes to stderr.

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
the SQL baseline disagree on a framework's coverage; 124 on timeout.`;

const TARGETS = {
  graphLoadMs: 5000,
  oneFrameworkMs: 5,
  allFrameworksMs: 250,
  overlapMs: 2000,
  peakRssBytes: 1024 * 1024 * 1024,
  speedUp: 10,
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
  return `median of ${t.runs} runs; min ${fmtMs(t.min)}, max ${fmtMs(t.max)}`;
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

async function loadGraph(query: Query, memory?: PeakMemory): Promise<{ graph: CatalogGraph; readMs: number; buildMs: number }> {
  const t0 = performance.now();
  const input = await readCatalogGraphInput(query);
  const t1 = performance.now();
  memory?.checkpoint();
  const graph = new CatalogGraph(input);
  const t2 = performance.now();
  memory?.checkpoint();
  return { graph, readMs: t1 - t0, buildMs: t2 - t1 };
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

  const data = await loadDataset(db.url, scale);
  const { catalog, tenant } = data;
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
  const cold = await loadGraph(query, memory);
  const graph = cold.graph;
  const coldMs = cold.readMs + cold.buildMs;
  progress(`graph: loaded in ${fmtMs(coldMs)} (read ${fmtMs(cold.readMs)}, build ${fmtMs(cold.buildMs)})`);
  if (graph.frameworkCount !== scale.frameworks || graph.requirementCount !== scale.requirements || graph.edgeCount !== scale.edges) {
    throw new Error(
      `the graph holds ${graph.frameworkCount} frameworks, ${graph.requirementCount} requirements, ${graph.edgeCount} edges; ` +
        `expected ${scale.frameworks}, ${scale.requirements}, ${scale.edges}`,
    );
  }
  const fm = graph.frameworkIndex(measuredFw.id);
  const gapTarget = graph.frameworkIndex(largestFw.id);
  const six = sixFw.map((f) => graph.frameworkIndex(f.id));
  const allIndexes = Array.from({ length: graph.frameworkCount }, (_, i) => i);

  // Tenant state.
  const readTenant = async () => tenantState(graph, await readTenantInput(query, tenant.organizationId));
  const tenantStart = performance.now();
  let state = await readTenant();
  const tenantColdMs = performance.now() - tenantStart;
  cp();
  settle();
  const tenantWarm = await timeAsync(readTenant, { warmup: 1, minRuns: 10, maxRuns: 30, budgetMs: 3000, after: cp });
  state = tenantWarm.last;
  const excludedCount = state.excluded.reduce((a, b) => a + b, 0);
  if (state.ignoredLinks !== 0 || state.linkControl.length !== scale.links || excludedCount !== tenant.exclusions) {
    throw new Error(`the tenant state holds ${state.linkControl.length} links (${state.ignoredLinks} ignored) and ${excludedCount} exclusions; expected ${scale.links} and ${tenant.exclusions}`);
  }
  progress(`tenant state: first ${fmtMs(tenantColdMs)}, warm median ${fmtMs(tenantWarm.timing.median)}`);

  // One framework: the targeted path (frameworkStatus computes only its requirements, as the service does for one
  // framework at maxHops 1), then the full path (requirementStatus computes every requirement) for comparison.
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

  // All frameworks.
  settle();
  const all = timeSync(() => allFrameworkCoverage(graph, requirementStatus(graph, state)), { warmup: 3, minRuns: 10, maxRuns: 100, budgetMs: 4000, after: cp });
  settle();
  const allOnly = timeSync(() => allFrameworkCoverage(graph, status), { warmup: 5, minRuns: 10, maxRuns: 100, budgetMs: 2000, batch: 10, after: cp });
  progress(`all frameworks: median ${fmtMs(all.timing.median)} (allFrameworkCoverage alone ${fmtMs(allOnly.timing.median)})`);

  // Overlap matrix.
  settle();
  progress(`overlap matrix: ${graph.frameworkCount}×${graph.frameworkCount} …`);
  const overlap = timeSync(() => overlapMatrix(graph, allIndexes), { warmup: 1, minRuns: 3, maxRuns: 5, budgetMs: 10_000, after: cp });
  const pairs = overlap.last.length;
  progress(`overlap matrix: median ${fmtMs(overlap.timing.median)} for ${fmtInt(pairs)} ordered pairs`);

  // Gap analysis, for the organization, towards the largest framework.
  settle();
  const gapOnly = timeSync(() => gapAnalysis(graph, status, gapTarget), { warmup: 2, minRuns: 10, maxRuns: 100, budgetMs: 4000, after: cp });
  settle();
  const gapFull = timeSync(() => gapAnalysis(graph, requirementStatus(graph, state), gapTarget), { warmup: 2, minRuns: 10, maxRuns: 100, budgetMs: 4000, after: cp });
  const gaps = gapOnly.last.gaps;
  const partialGaps = gaps.filter((g) => g.status === 'PARTIAL').length;
  const gapSources = gaps.reduce((a, g) => a + g.sources.length, 0);
  const gapControls = gaps.reduce((a, g) => a + g.controls.length, 0);
  progress(`gap analysis: median ${fmtMs(gapFull.timing.median)} (${fmtInt(gaps.length)} gaps)`);

  // Common controls.
  settle();
  const common = timeSync(() => commonControls(graph, six), { warmup: 2, minRuns: 10, maxRuns: 100, budgetMs: 4000, after: cp });
  progress(`common controls: median ${fmtMs(common.timing.median)} (${fmtInt(common.last.groups.length)} groups)`);

  // The SQL baseline, and the agreement check.
  settle();
  const sql = await timeAsync(() => sqlFrameworkCoverage(query, tenant.organizationId, measuredFw.id), { warmup: 3, minRuns: 10, maxRuns: 100, budgetMs: 8000, after: cp });
  const engineCoverage = frameworkCoverage(graph, frameworkStatus(graph, state, fm), fm);
  const fullCoverage = frameworkCoverage(graph, requirementStatus(graph, state), fm);
  // Both engine paths must agree with SQL (and so with each other).
  const agrees = sameCoverage(engineCoverage, sql.last) && sameCoverage(fullCoverage, sql.last);
  progress(`SQL baseline: median ${fmtMs(sql.timing.median)}; ${agrees ? 'agrees with the engine' : 'DISAGREES with the engine'}`);
  settle();
  const perRequest = await timeAsync(
    async () => {
      const fresh = tenantState(graph, await readTenantInput(query, tenant.organizationId));
      return frameworkCoverage(graph, frameworkStatus(graph, fresh, fm), fm);
    },
    { warmup: 2, minRuns: 10, maxRuns: 100, budgetMs: 4000, after: cp },
  );
  // The server's share of the baseline's time (the rest is the round trip and the driver).
  const serverRuns: number[] = [];
  for (let i = 0; i < 5; i++) {
    const [plan] = await query<{ 'QUERY PLAN': Array<{ 'Execution Time': number }> }>(`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${SQL_FRAMEWORK_COVERAGE}`, [
      tenant.organizationId,
      measuredFw.id,
    ]);
    serverRuns.push(plan['QUERY PLAN'][0]['Execution Time']);
  }
  const sqlServerMs = summarize(serverRuns).median;
  // Every framework through SQL too, one statement each (one pass): the agreement check, and what the baseline
  // would cost for what allFrameworkCoverage answers in one call.
  const allCoverage = allFrameworkCoverage(graph, status);
  const disagreements: string[] = [];
  const sqlAllStart = performance.now();
  for (let f = 0; f < graph.frameworkCount; f++) {
    const viaSql = await sqlFrameworkCoverage(query, tenant.organizationId, graph.frameworkId(f));
    if (!sameCoverage(allCoverage[f], viaSql)) {
      disagreements.push(`${graph.frameworkCode(f)}: engine ${fmtCoverage(allCoverage[f])}; SQL ${fmtCoverage(viaSql)}`);
    }
  }
  const sqlAllMs = performance.now() - sqlAllStart;
  progress(`SQL baseline: all ${graph.frameworkCount} frameworks in ${fmtMs(sqlAllMs)}; ${disagreements.length} disagreements`);

  const mem: MemoryReport = await memory.stop();
  progress(`memory: peak RSS ${fmtMiB(mem.rssPeak)}, peak heap ${fmtMiB(mem.heapPeak)}`);

  // After the memory phase: the same load again in a warm process (the old graph is still held, as during a rebuild).
  settle();
  const warm = await loadGraph(query);
  progress(`graph: reloaded in ${fmtMs(warm.readMs + warm.buildMs)} (warm process)`);

  // ---- the report.
  const speedUp = sql.timing.median / one.timing.median;
  const speedUpPerRequest = sql.timing.median / perRequest.timing.median;
  const matched = agrees && disagreements.length === 0;
  const sixCodes = six.map((f) => graph.frameworkCode(f)).join(', ');
  const measuredCode = graph.frameworkCode(fm);
  const rows: Row[] = [
    {
      label: 'Graph load from PostgreSQL, cold (readCatalogGraphInput + new CatalogGraph)',
      result: fmtMs(coldMs),
      target: '≤ 5 s',
      verdict: verdict(coldMs <= TARGETS.graphLoadMs),
      detail: 'first load in the process, one run',
    },
    { label: '  of which: reading (5 statements in parallel)', result: fmtMs(cold.readMs), detail: `${fmtInt(scale.requirements)} requirement rows, ${fmtInt(scale.edges)} edge rows` },
    { label: '  of which: new CatalogGraph', result: fmtMs(cold.buildMs) },
    { label: '  the same load again, warm process (after the memory phase)', result: fmtMs(warm.readMs + warm.buildMs), detail: `read ${fmtMs(warm.readMs)}, build ${fmtMs(warm.buildMs)}` },
    { label: 'Tenant state: readTenantInput + tenantState, first', result: fmtMs(tenantColdMs), detail: `${fmtInt(scale.controls)} controls, ${fmtInt(scale.links)} links, ${tenant.exclusions} exclusions` },
    { label: '  warm', result: fmtMs(tenantWarm.timing.median), detail: fmtTimingDetail(tenantWarm.timing) },
    {
      label: `One framework, warm: frameworkStatus + frameworkCoverage (${measuredCode}, ${fmtInt(measuredFw.leaves)} assessable)`,
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
      label: `All ${graph.frameworkCount} frameworks, warm: requirementStatus + allFrameworkCoverage`,
      result: fmtMs(all.timing.median),
      target: '≤ 250 ms',
      verdict: verdict(all.timing.median <= TARGETS.allFrameworksMs),
      detail: fmtTimingDetail(all.timing),
    },
    { label: '  allFrameworkCoverage alone', result: fmtMs(allOnly.timing.median), detail: `${fmtTimingDetail(allOnly.timing)}; 10 calls per run` },
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
      label: `SQL baseline: one framework in one SQL statement (${measuredCode})`,
      result: fmtMs(sql.timing.median),
      detail: `${fmtTimingDetail(sql.timing)}; server execution ${fmtMs(sqlServerMs)} (EXPLAIN ANALYZE, TIMING OFF: median of 5)`,
    },
    {
      label: 'Engine vs SQL, one framework (SQL median ÷ engine median, frameworkStatus + frameworkCoverage)',
      result: `${speedUp.toFixed(1)}× faster`,
      target: '≥ 10×',
      verdict: verdict(speedUp >= TARGETS.speedUp),
      detail: `${fmtMs(sql.timing.median)} ÷ ${fmtMs(one.timing.median)}; the full path: ${(sql.timing.median / oneFull.timing.median).toFixed(1)}×`,
    },
    {
      label: '  per request, reading the tenant too: readTenantInput + tenantState + frameworkStatus + frameworkCoverage',
      result: fmtMs(perRequest.timing.median),
      detail: `${fmtTimingDetail(perRequest.timing)}; SQL ÷ this = ${speedUpPerRequest.toFixed(1)}×`,
    },
    {
      label: `SQL baseline, all ${graph.frameworkCount} frameworks (one statement each, one pass)`,
      result: fmtMs(sqlAllMs),
      detail: `engine (requirementStatus + allFrameworkCoverage) is ${(sqlAllMs / all.timing.median).toFixed(0)}× faster`,
    },
    {
      label: `Engine = SQL for ${measuredCode} (full, partial, none, excluded, score; targeted and full paths)`,
      result: agrees ? 'equal' : 'DIFFERENT',
      target: 'equal',
      verdict: agrees ? 'MATCH' : 'MISMATCH',
    },
    {
      label: `  and for every framework (all ${graph.frameworkCount}, engine allFrameworkCoverage vs one SQL statement each)`,
      result: `${graph.frameworkCount - disagreements.length}/${graph.frameworkCount} equal`,
      target: 'equal',
      verdict: disagreements.length === 0 ? 'MATCH' : 'MISMATCH',
    },
  ];

  const totalSeconds = elapsedSeconds();
  const out: string[] = [];
  const rel = catalog.relationships;
  const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;
  out.push('');
  out.push(`Crosswalk engine benchmark (issue 4, item 6), seed ${scale.seed}`);
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
  out.push(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${fmtMiB(os.totalmem())} RAM; node ${process.version}${gc ? ' --expose-gc' : ''}; PostgreSQL ${db.serverVersion}, ${db.description}`);
  out.push('');
  out.push(...resultsTable(rows));
  out.push('');
  out.push(`Coverage of ${measuredCode} for the organization (maxHops 1):`);
  out.push(`  engine: ${fmtCoverage(engineCoverage)}`);
  if (!sameCoverage(fullCoverage, engineCoverage)) out.push(`  engine, full path: ${fmtCoverage(fullCoverage)}`);
  out.push(`  SQL:    ${fmtCoverage(sql.last)}`);
  for (const line of disagreements) out.push(`  MISMATCH ${line}`);
  out.push('');
  out.push('Notes:');
  out.push('  - Warm figures are medians after warm-up runs, with garbage collected before each series, never inside a timed run.');
  out.push(
    `  - "One framework" computes only that framework's requirements (frameworkStatus pulls from their one-hop neighbourhood, maxHops 1); ` +
      `the full path computes every requirement's status (requirementStatus covers the whole graph), then counts one framework.`,
  );
  out.push(`  - The SQL baseline applies the engine's rules at maxHops 1 (bench/sql-baseline.ts); it runs through the same connection pool.`);
  out.push(
    `  - Peak memory covers the measured phase (graph load to the last SQL check), not the data generator; whole-process max RSS, generator included: ${fmtMiB(process.resourceUsage().maxRSS * 1024)}.`,
  );
  out.push(
    `  - Per request without a cached tenant state: readTenantInput + tenantState alone takes ${fmtMs(tenantWarm.timing.median)} (median, measured separately); the whole request ${fmtMs(perRequest.timing.median)}.`,
  );
  out.push(`Total run time: ${totalSeconds.toFixed(1)} s (including data generation and loading)`);
  process.stdout.write(`${out.join('\n')}\n`);

  if (!matched) {
    const banner = '!'.repeat(100);
    console.error(`\n${banner}\nMISMATCH: the engine and the SQL baseline disagree on framework coverage; see the table and the lines above.\n${banner}\n`);
    return 3;
  }
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
