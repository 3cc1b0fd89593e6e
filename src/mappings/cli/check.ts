/**
 * `npm run mappings:check [-- --dir mappings] [--json]`: validates every file under mappings/ and prints per-set
 * statistics. Exits 1 on any error, 2 on bad usage. Needs no database.
 */
import * as path from 'node:path';
import { parseCliArgs } from '../../common/cli/parse-cli-args';
import { RELATIONSHIPS } from '../../graph/relationship';
import { formatMappingError } from '../mapping-files';
import { checkCatalogQuality, type QualityReport } from '../catalog-quality';
import { readMappingFiles, readQualityPolicy } from '../mapping-files.reader';
import { type MappingSetStats, validateMappingFiles } from '../mapping-files.validator';

const HELP = `Usage: npm run mappings:check -- [options]

Validates the framework and crosswalk files: the JSON Schema of each kind, duplicate IDs, dangling
references, cycles in a requirement tree, self-edges and duplicate edges, strengths that contradict
their relationship, and edges to requirements that are not assessable. Prints statistics per mapping set.

Options:
  --dir <path>   mappings folder (default: $CROSSWALK_MAPPINGS_DIR or ./mappings)
  --json         print the statistics and errors as JSON
  -h, --help     show this help

Exit status: 0 when every file is valid, 1 when any error was found, 2 on bad usage.`;

function pad(value: string | number, width: number): string {
  return String(value).padStart(width);
}

function table(stats: MappingSetStats[]): string {
  const short: Record<string, string> = { EQUAL: 'EQ', SUBSET_OF: 'SUB', SUPERSET_OF: 'SUP', INTERSECTS_WITH: 'INT', NOT_RELATED: 'NR' };
  const idWidth = Math.max(12, ...stats.map((s) => s.key.length));
  const header =
    `${'mapping set'.padEnd(idWidth)}  ${pad('rows', 5)} ` +
    RELATIONSHIPS.map((r) => pad(short[r], 5)).join(' ') +
    `  ${pad('source touched', 15)}  ${pad('target touched', 15)}`;
  const lines = stats.map(
    (s) =>
      `${s.key.padEnd(idWidth)}  ${pad(s.rows, 5)} ` +
      RELATIONSHIPS.map((r) => pad(s.relationships[r], 5)).join(' ') +
      `  ${pad(`${s.sourceTouched}/${s.sourceAssessable}`, 15)}  ${pad(`${s.targetTouched}/${s.targetAssessable}`, 15)}`,
  );
  const total = RELATIONSHIPS.map((r) => stats.reduce((n, s) => n + s.relationships[r], 0));
  const rows = stats.reduce((n, s) => n + s.rows, 0);
  lines.push(`${'all sets'.padEnd(idWidth)}  ${pad(rows, 5)} ${total.map((n) => pad(n, 5)).join(' ')}`);
  return [header, '-'.repeat(header.length), ...lines].join('\n');
}

function qualityReport(report: QualityReport): string {
  const lines = ['quality bars (mappings/quality.yaml):'];
  for (const c of report.coverage) {
    const share = c.assessable === 0 ? 100 : ((c.covered + c.excused) / c.assessable) * 100;
    const scope = `${c.framework}${c.under ? ` below ${c.under}` : ''}`;
    lines.push(
      `  coverage ${scope.padEnd(28)} ${pad(c.covered, 4)} related + ${pad(c.excused, 2)} excused / ${pad(c.assessable, 4)} assessable` +
        ` = ${share.toFixed(1).padStart(5)}% (bar ${(c.minimumShare * 100).toFixed(0)}%)`,
    );
  }
  lines.push(`  statistics, no bar: EQUAL + SUBSET_OF + SUPERSET_OF are ${(report.strongShare * 100).toFixed(1)}% of ${report.edges} edges`);
  lines.push(`  statistics, no bar: ${report.conditionalEdges} of them hold only within one management system (SAME_MANAGEMENT_SYSTEM)`);
  lines.push(`  statistics, no bar: sets made only of INTERSECTS_WITH: ${report.intersectsOnlySets.length === 0 ? 'none' : report.intersectsOnlySets.join(', ')}`);
  return lines.join('\n');
}

function main(): number {
  const args = parseCliArgs('mappings:check', HELP, { dir: { type: 'string' }, json: { type: 'boolean' } });
  if (args.exitCode !== undefined) return args.exitCode;
  const dir = path.resolve(args.values.dir ?? process.env.CROSSWALK_MAPPINGS_DIR ?? 'mappings');
  const read = readMappingFiles(dir);
  const { catalog, errors } = validateMappingFiles(read.files);
  const quality = readQualityPolicy(dir);
  const checked = quality.policy && errors.length === 0 && read.errors.length === 0 ? checkCatalogQuality(catalog, quality.policy) : undefined;
  const all = [...read.errors, ...errors, ...quality.errors, ...(checked?.errors ?? [])];

  if (args.values.json) {
    console.log(JSON.stringify({ dir, contentHash: catalog.contentHash, stats: catalog.stats, quality: checked?.report, errors: all }, null, 2));
    return all.length > 0 ? 1 : 0;
  }
  const requirements = catalog.frameworks.reduce((n, f) => n + f.requirements.length, 0);
  console.log(`mappings: ${dir}`);
  console.log(
    `${catalog.frameworks.length} frameworks (${requirements} requirements), ${catalog.mappingSets.length} mapping sets` +
      ` — relationships: EQ equal, SUB subset of, SUP superset of, INT intersects with, NR not related;` +
      ` touched = distinct requirements with an edge / assessable requirements\n`,
  );
  for (const f of catalog.frameworks) {
    const assessable = f.requirements.filter((r) => r.assessable).length;
    console.log(`  ${`${f.code}:${f.version}`.padEnd(22)} ${pad(f.requirements.length, 5)} requirements, ${pad(assessable, 5)} assessable`);
  }
  if (catalog.stats.length > 0) console.log(`\n${table(catalog.stats)}`);
  if (checked) console.log(`\n${qualityReport(checked.report)}`);
  if (all.length > 0) {
    console.error(`\n${all.length} error${all.length === 1 ? '' : 's'}:`);
    for (const error of all) console.error(`  ${formatMappingError(error)}`);
    return 1;
  }
  console.log('\nok: every file is valid');
  return 0;
}

process.exitCode = main();
