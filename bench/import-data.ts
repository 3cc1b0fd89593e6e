import { writeCsv } from '../src/exports/csv-writer';
import type { Sheet } from '../src/exports/sheet';
import { writeXlsx } from '../src/exports/xlsx-writer';
import { readMappingFiles } from '../src/mappings/mapping-files.reader';
import { validateMappingFiles } from '../src/mappings/mapping-files.validator';
import { Rng } from './synthetic';

/**
 * The benchmark's control inventory for `bench:import` (issue 13: 2,000 controls and 20,000 links in ≤ 5 s), as the
 * CSV and XLSX files a user would upload (docs/import.md), written by the export writers so they carry what real
 * files carry: a byte-order mark, CRLF, quoted commas and line breaks, and the `'` escape before text that starts
 * like a formula. Links are spread over the requirement refs given, which should be the catalog's real assessable
 * requirements in a stable order (the same refs, seed and sizes give byte-identical CSV). Each control links distinct
 * requirements; about a quarter of the links are PARTIAL.
 */
export type ImportBenchRef = { framework: string; refId: string };

export type ImportBenchOptions = { seed: number; controls: number; links: number };

export const IMPORT_BENCH_DEFAULTS: Readonly<ImportBenchOptions> = Object.freeze({ seed: 13, controls: 2_000, links: 20_000 });

const STATUSES: ReadonlyArray<readonly [string, number]> = [
  ['IMPLEMENTED', 0.6],
  ['IN_PROGRESS', 0.2],
  ['PLANNED', 0.15],
  ['NOT_APPLICABLE', 0.05],
];
const TOPICS = ['Access review', 'Backup', 'Change management', 'Encryption at rest', 'Incident response', 'Logging', 'Model monitoring', 'Privacy notice', 'Supplier review', 'Training'];
const OWNERS = ['CISO', 'IT Operations', 'Data Protection Officer', 'Head of Engineering', '@grc-team', 'Legal, Compliance'];

export function importBenchSheet(refs: ImportBenchRef[], options: Partial<ImportBenchOptions> = {}): Sheet {
  const { seed, controls, links } = { ...IMPORT_BENCH_DEFAULTS, ...options };
  if (refs.length === 0) throw new Error('bench/import-data: no requirement refs to link to');
  if (!Number.isInteger(controls) || controls < 1 || !Number.isInteger(links) || links < 0) {
    throw new Error('bench/import-data: controls must be a positive integer and links a whole number');
  }
  const rng = new Rng(seed);
  const rows = Array.from({ length: controls }, (_, i) => {
    // Spread the links evenly: the first (links mod controls) controls take one more.
    const count = Math.min(Math.floor(links / controls) + (i < links % controls ? 1 : 0), refs.length);
    const topic = rng.pick(TOPICS);
    const specs = distinctIndexes(rng, refs.length, count).map((r) => {
      const ref = refs[r];
      return `${ref.framework}:${ref.refId}${rng.next() < 0.25 ? '=PARTIAL' : ''}`;
    });
    return [
      `CTL-${String(i + 1).padStart(4, '0')}`,
      // Every 50th title starts like a formula, as the export escapes it; an import must read it back as text.
      i % 50 === 49 ? `-${topic} exceptions` : `${topic} ${i + 1}`,
      `${topic}: the procedure, its owner and its evidence, reviewed "yearly".\nSecond paragraph ${rng.int(1_000_000)}.`,
      rng.pick(OWNERS),
      rng.choose(STATUSES),
      specs.join('; '),
    ];
  });
  return {
    name: 'Controls',
    columns: ['code', 'title', 'description', 'owner', 'status', 'links'].map((header) => ({ header, width: header === 'links' ? 60 : 20, wrap: true })),
    rows,
  };
}

/** The inventory as the two files `POST /import/controls` takes. */
export function importBenchFiles(refs: ImportBenchRef[], options: Partial<ImportBenchOptions> = {}): { csv: Buffer; xlsx: Promise<Buffer> } {
  const sheet = importBenchSheet(refs, options);
  return {
    csv: writeCsv(sheet),
    xlsx: writeXlsx({ title: 'Control inventory (benchmark)', generatedAt: new Date('2026-12-06T00:00:00Z'), readMe: ['Synthetic control inventory for bench:import.'], sheets: [sheet] }),
  };
}

/** `count` distinct integers in [0, n), by a partial Fisher–Yates over a sparse map (no n-sized array per control). */
function distinctIndexes(rng: Rng, n: number, count: number): number[] {
  const swapped = new Map<number, number>();
  const out: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const j = i + rng.int(n - i);
    const atJ = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(i) ?? i);
    out.push(atJ);
  }
  return out;
}

/**
 * The shipped catalog's assessable requirements as `FRAMEWORK:refId` targets, read from the mapping files (no
 * database), in file order, each (framework code, refId) once even where a framework ships in two versions.
 */
export function shippedAssessableRefs(mappingsDir = 'mappings'): ImportBenchRef[] {
  const { catalog, errors } = validateMappingFiles(readMappingFiles(mappingsDir).files);
  if (errors.length > 0) throw new Error(`bench/import-data: ${mappingsDir} has errors: ${errors[0].message}`);
  const seen = new Set<string>();
  const refs: ImportBenchRef[] = [];
  for (const framework of catalog.frameworks) {
    for (const requirement of framework.requirements) {
      const key = `${framework.code}:${requirement.refId}`;
      if (!requirement.assessable || seen.has(key)) continue;
      seen.add(key);
      refs.push({ framework: framework.code, refId: requirement.refId });
    }
  }
  return refs;
}
