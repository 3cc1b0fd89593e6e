/**
 * bench:import's OSCAL rows (issue 12), run through OscalImportService in this process (as the command line runs it)
 * on the bench database:
 * - the SP 800-53 rev5 catalog (test/fixtures/oscal/, a copy of the shared reference file) into a fresh organization,
 *   several runs, the median against the target of 3 s;
 * - a generated mapping-collection of `maps` maps between two generated own catalogs, in edges/s, against the same rows
 *   written by raw `COPY crosswalk_edge FROM STDIN` in the same run (pg-copy-streams; as the table owner, no row-level
 *   security, no validation, no reading): the issue's yardstick. One `INSERT … SELECT FROM unnest(…)` of the same rows
 *   is shown beside it.
 * Each import is checked in the database afterwards, so a fast wrong one cannot pass.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { CatalogSnapshots } from '../src/catalog/catalog-snapshots';
import { dataSourceOptions } from '../src/database/data-source-options';
import { TenantDb } from '../src/database/tenant-db';
import { OscalImportService } from '../src/imports/oscal-import.service';
import { OwnCatalogs } from '../src/own-catalog/own-catalogs';
import { progress, ROOT, type Row, verdict } from './harness';

export const CATALOG_TARGET_SECONDS = 3;
export const EDGES_PER_SECOND_TARGET = 20_000;
export const SHARE_OF_BASELINE_TARGET = 0.25;

const RELATIONSHIPS = ['intersects-with', 'subset-of', 'superset-of', 'equal-to', 'equivalent-to', 'no-relationship'] as const;

/** A valid OSCAL catalog of `controls` controls in groups of 50, ids `<prefix>-<n>`. */
export function generatedCatalog(prefix: string, controls: number): object {
  const groups: object[] = [];
  for (let g = 0; g * 50 < controls; g++) {
    const ids = Array.from({ length: Math.min(50, controls - g * 50) }, (_, i) => g * 50 + i + 1);
    groups.push({ id: `${prefix}-g${g + 1}`, title: `Group ${g + 1}`, controls: ids.map((n) => ({ id: `${prefix}-${n}`, title: `Control ${n}`, parts: [{ id: `${prefix}-${n}_smt`, name: 'statement', prose: `Generated statement ${n}.` }] })) });
  }
  const now = new Date().toISOString();
  return { catalog: { uuid: randomUUID(), metadata: { title: `Generated ${prefix}`, 'last-modified': now, version: '1', 'oscal-version': '1.2.2' }, groups } };
}

/** A mapping-collection of `maps` maps, each one source of `sources` ids to one target of `targets` ids, no pair twice. */
export function generatedMappingCollection(sources: string[], targets: string[], maps: number): object {
  if (sources.length * targets.length < maps) throw new Error(`${sources.length} × ${targets.length} pairs cannot make ${maps} maps`);
  const list = Array.from({ length: maps }, (_, i) => {
    const relationship = RELATIONSHIPS[i % RELATIONSHIPS.length];
    const partial = relationship === 'intersects-with' || relationship === 'subset-of' || relationship === 'superset-of';
    return {
      uuid: randomUUID(),
      relationship,
      sources: [{ type: 'control', 'id-ref': sources[Math.floor(i / targets.length)] }],
      targets: [{ type: 'control', 'id-ref': targets[i % targets.length] }],
      ...(partial ? { coverage: { 'target-coverage': 0.1 + (i % 8) / 10 } } : {}),
    };
  });
  const now = new Date().toISOString();
  return {
    'mapping-collection': {
      uuid: randomUUID(),
      metadata: { title: 'Generated mapping-collection', 'last-modified': now, version: '1', 'oscal-version': '1.2.2' },
      provenance: { method: 'automation', 'matching-rationale': 'syntactic', status: 'draft', 'mapping-description': 'Generated for bench:import.' },
      mappings: [{ uuid: randomUUID(), 'source-resource': { type: 'catalog', href: '#a' }, 'target-resource': { type: 'catalog', href: '#b' }, maps: list }],
    },
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

export interface OscalBenchResult {
  lines: string[];
  rows: Row[];
  failures: string[];
}

export async function runOscalBench(dbUrl: string, options: { runs: number; maps: number }): Promise<OscalBenchResult> {
  const dataSource = new DataSource(dataSourceOptions(dbUrl));
  await dataSource.initialize();
  try {
    const tenantDb = new TenantDb(dataSource);
    // Limits raised past the generated catalogs and maps: the bench times the import, not the refusal.
    const service = new OscalImportService(tenantDb, CatalogSnapshots.unwatched(dataSource), new OwnCatalogs(tenantDb), { frameworks: 50, requirements: 100_000, edges: 1_000_000 });
    const newOrganization = async () => (await dataSource.query<Array<{ id: string }>>(`INSERT INTO organization (name) VALUES ('OSCAL bench') RETURNING id`))[0].id;
    const failures: string[] = [];
    const expect = (what: string, actual: number, expected: number) => {
      if (actual !== expected) failures.push(`${what}: ${actual}, expected ${expected}`);
    };
    const count = async (sql: string, params: unknown[]) => (await dataSource.query<Array<{ n: number }>>(sql, params))[0].n;

    // (a) The SP 800-53 rev5 catalog.
    const file = path.join(ROOT, 'test/fixtures/oscal/NIST_SP-800-53_rev5_catalog.2021-06-08.json');
    const bytes = fs.readFileSync(file);
    const catalogTimes: number[] = [];
    let parseMs = 0;
    for (let i = 0; i < options.runs; i++) {
      const org = await newOrganization();
      await dataSource.query('ANALYZE');
      const started = performance.now();
      const doc = JSON.parse(bytes.toString('utf8')) as unknown;
      parseMs = performance.now() - started;
      const result = await service.importCatalog({ organizationId: org, keyId: null }, doc, { code: 'SP80053' });
      const seconds = (performance.now() - started) / 1000;
      catalogTimes.push(seconds);
      progress(`SP 800-53 catalog run ${i + 1}: ${seconds.toFixed(2)} s (${result.counts.requirements} requirements)`);
      expect(`catalog run ${i + 1}: requirements stored`, await count(`SELECT count(*)::int AS n FROM requirement WHERE organization_id = $1`, [org]), result.counts.requirements);
    }

    // (b) A generated mapping-collection between two generated own catalogs.
    const sourceCount = Math.ceil(Math.sqrt(options.maps * 1.6));
    const targetCount = Math.ceil(options.maps / sourceCount);
    const org = await newOrganization();
    const actor = { organizationId: org, keyId: null };
    await service.importCatalog(actor, generatedCatalog('src', sourceCount), { code: 'GEN-SOURCE' });
    await service.importCatalog(actor, generatedCatalog('tgt', targetCount), { code: 'GEN-TARGET' });
    const collection = generatedMappingCollection(
      Array.from({ length: sourceCount }, (_, i) => `src-${i + 1}`),
      Array.from({ length: targetCount }, (_, i) => `tgt-${i + 1}`),
      options.maps,
    );
    await dataSource.query('ANALYZE');
    const started = performance.now();
    const imported = await service.importMappingCollection(actor, collection, { source: 'GEN-SOURCE', target: 'GEN-TARGET' });
    const importSeconds = (performance.now() - started) / 1000;
    progress(`mapping-collection of ${options.maps} maps: ${importSeconds.toFixed(2)} s`);
    expect('mapping-collection: edges reported', imported.counts.edges, options.maps);
    expect('mapping-collection: edges stored', await count(`SELECT count(*)::int AS n FROM crosswalk_edge WHERE organization_id = $1`, [org]), options.maps);

    // The baselines: the same rows (read back from the import) into another set, as the table owner (no RLS, no
    // validation, no reading): raw COPY FROM STDIN (the issue's yardstick), and one INSERT … SELECT FROM unnest.
    const baseline = await baselines(dataSource, org);
    progress(`COPY of the same ${options.maps} rows: ${baseline.copySeconds.toFixed(2)} s; INSERT … unnest: ${baseline.insertSeconds.toFixed(2)} s`);
    const baselineSeconds = baseline.copySeconds;

    const rate = options.maps / importSeconds;
    const baselineRate = options.maps / baselineSeconds;
    const share = rate / baselineRate;
    const catalogMedian = median(catalogTimes);
    const lines = [
      '',
      'OSCAL imports (issue 12), through OscalImportService in the bench process:',
      `- SP 800-53 rev5 catalog (${path.basename(file)}, ${bytes.length} bytes), each run into a fresh organization: ${catalogTimes.map((s) => `${s.toFixed(2)} s`).join(', ')} (JSON.parse ${Math.round(parseMs)} ms of the last)`,
      `- mapping-collection of ${options.maps} maps between generated own catalogs of ${sourceCount} and ${targetCount} controls: ${importSeconds.toFixed(2)} s = ${Math.round(rate)} edges/s (validation, reading, matching, RLS checks, one transaction)`,
      `- baseline: raw COPY crosswalk_edge FROM STDIN (text format, pg-copy-streams) of the same ${options.maps} rows as the table owner, no RLS: ${baselineSeconds.toFixed(2)} s = ${Math.round(baselineRate)} edges/s`,
      `- for comparison: one INSERT … SELECT FROM unnest of the same rows, as the owner: ${baseline.insertSeconds.toFixed(2)} s = ${Math.round(options.maps / baseline.insertSeconds)} edges/s`,
      `- import / COPY: ${(share * 100).toFixed(0)}%`,
    ];
    const rows: Row[] = [
      {
        label: 'SP 800-53 rev5 catalog import (median)',
        result: `${catalogMedian.toFixed(2)} s`,
        target: `≤ ${CATALOG_TARGET_SECONDS} s`,
        verdict: verdict(catalogMedian <= CATALOG_TARGET_SECONDS),
        detail: `${catalogTimes.length} runs, slowest ${Math.max(...catalogTimes).toFixed(2)} s`,
      },
      {
        label: `Mapping-collection of ${options.maps} maps`,
        result: `${Math.round(rate)} edges/s`,
        target: `≥ ${EDGES_PER_SECOND_TARGET} edges/s or ≥ ${SHARE_OF_BASELINE_TARGET * 100}% of COPY`,
        verdict: verdict(rate >= EDGES_PER_SECOND_TARGET || share >= SHARE_OF_BASELINE_TARGET),
        detail: `${(share * 100).toFixed(0)}% of raw COPY (${Math.round(baselineRate)} edges/s)`,
      },
    ];
    return { lines, rows, failures };
  } finally {
    await dataSource.destroy();
  }
}

/** COPY text format: tab-separated, \N for null (the generated values hold no tab, newline or backslash). */
const copyValue = (v: unknown) => (v === null || v === undefined ? '\\N' : String(v));

/**
 * The organization's imported edges written again into a new set, each way timed alone in its own transaction that is
 * rolled back: raw COPY FROM STDIN, and one INSERT … SELECT FROM unnest.
 */
async function baselines(dataSource: DataSource, org: string): Promise<{ copySeconds: number; insertSeconds: number }> {
  const rows = await dataSource.query<Array<Record<string, unknown>>>(
    `SELECT source_requirement_id AS s, target_requirement_id AS t, relationship AS r, rationale AS ra, strength AS st, equivalent AS eq, coverage AS c, position AS p
       FROM crosswalk_edge WHERE organization_id = $1 ORDER BY position`,
    [org],
  );
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as PoolClient;
  const newSet = async () => {
    const setId = randomUUID();
    await client.query(
      `INSERT INTO mapping_set (id, organization_id, key, name, source_framework_id, target_framework_id, method, status, author, published_on, licence, comprehensive, source_file)
       SELECT $1, organization_id, 'bench-baseline', 'Baseline', source_framework_id, target_framework_id, method, status, author, published_on, licence, false, 'bench'
         FROM mapping_set WHERE organization_id = $2 LIMIT 1`,
      [setId, org],
    );
    return setId;
  };
  try {
    await client.query('BEGIN');
    let setId = await newSet();
    const columns = 'organization_id, mapping_set_id, source_requirement_id, target_requirement_id, relationship, rationale, strength, equivalent, coverage, position';
    const text = rows.map((row) => [org, setId, row.s, row.t, row.r, row.ra, row.st, row.eq ? 't' : 'f', row.c, row.p].map(copyValue).join('\t')).join('\n') + '\n';
    let t0 = performance.now();
    await pipeline(Readable.from([text]), client.query(copyFrom(`COPY crosswalk_edge (${columns}) FROM STDIN`)));
    const copySeconds = (performance.now() - t0) / 1000;
    await client.query('ROLLBACK');

    await client.query('BEGIN');
    setId = await newSet();
    const column = (key: string) => rows.map((row) => row[key]);
    t0 = performance.now();
    await client.query(
      `INSERT INTO crosswalk_edge (${columns})
       SELECT $1, $2, e.s, e.t, e.r, e.ra, e.st, e.eq, e.c, e.p
         FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::smallint[], $8::boolean[], $9::float8[], $10::int[]) AS e(s, t, r, ra, st, eq, c, p)`,
      [org, setId, column('s'), column('t'), column('r'), column('ra'), column('st'), column('eq'), column('c'), column('p')],
    );
    const insertSeconds = (performance.now() - t0) / 1000;
    await client.query('ROLLBACK');
    return { copySeconds, insertSeconds };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}
