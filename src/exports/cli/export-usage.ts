/**
 * What `npm run export` accepts, written from EXPORT_REGISTRY: its --help, its flags, and the usage errors for a
 * command line it cannot run (no such export, a missing or foreign option, a bad --format, --sheet or --org). Loads
 * nothing heavy, so that --help and a bad command line answer at once.
 */
import { EXPORT_REGISTRY, type ExportDefinition, type ExportParam, findExport, findOscalExport, OSCAL_EXPORT_REGISTRY, type OscalExportDefinition } from '../export-registry';
import type { ExportFormat } from '../export-file';
import { UUID } from '../../common/validation/uuid';

/** Where each export's description starts, and how wide the help is. */
const COLUMN = 45;
const WIDTH = 118;

function placeholder(param: ExportParam): string {
  return param.list ? '<ref>,<ref>,…' : '<ref>';
}

/** `--org <organization id> --target <ref> [--have <ref>,<ref>,…]`: what the export takes on the command line. */
function synopsis(definition: ExportDefinition | OscalExportDefinition): string {
  const options = definition.params.map((p) => (p.optional ? `[--${p.name} ${placeholder(p)}]` : `--${p.name} ${placeholder(p)}`));
  return [...(isKeyed(definition) ? ['--org <organization id>'] : []), ...options].join(' ');
}

/** `words` in lines of at most `width - indent` characters, each line indented. */
function wrap(words: string, indent: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words.split(' ')) {
    if (line !== '' && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line].map((l) => ' '.repeat(indent) + l);
}

/** The OSCAL exports always read one organization's view of the catalog (public plus its own). */
function isKeyed(definition: ExportDefinition | OscalExportDefinition): boolean {
  return !('keyed' in definition) || definition.keyed;
}

function describe(definition: ExportDefinition | OscalExportDefinition): string {
  const head = `  ${definition.name} ${synopsis(definition)}`;
  const body = wrap(definition.description, COLUMN, WIDTH);
  // The description starts on the export's line when there is room for it there, else on the next.
  return head.length + 2 < COLUMN ? [head.padEnd(COLUMN) + body[0].trimStart(), ...body.slice(1)].join('\n') : [head, ...body].join('\n');
}

export const HELP = `Usage: npm run export -- <name> [options] [--out FILE]

Writes a spreadsheet export as XLSX (a "Read me" sheet first) or CSV (RFC 4180, one sheet), the same file that
GET /export/<name>.xlsx or .csv serves. Uses DATABASE_URL when set, otherwise the embedded PostgreSQL in
CROSSWALK_DATA_DIR (default ./.crosswalk).

Exports:
${EXPORT_REGISTRY.map(describe).join('\n')}

OSCAL exports (JSON, as GET /export/oscal/catalog and /export/oscal/mapping-collection serve them; the frameworks and
mapping sets are the public catalog's and the organization's own; no --format or --sheet):
${OSCAL_EXPORT_REGISTRY.map(describe).join('\n')}

  A <ref> is CODE or CODE:VERSION, e.g. ISO27001 or ISO27001:2022.

Options:
  --format xlsx|csv   the file's format (default: from --out's extension, else xlsx)
  --sheet <name>      with csv: the sheet the CSV carries (default: the first after "Read me", e.g. Edges, Annex A)
  --out <file>        where to write it; "-" writes to standard output (default: the name the HTTP export gives,
                      e.g. crosswalk_ISO27001_ISO42001_2026-12-05.xlsx, in the current folder)
  -h, --help          show this help

Examples:
${[...EXPORT_REGISTRY, ...OSCAL_EXPORT_REGISTRY].map((d) => `  npm run export -- ${d.name} ${d.example}`).join('\n')}`;

/** The flags parseCliArgs takes: every export's parameters, --org, and the file's. */
export const OPTIONS: Record<string, { type: 'string' }> = Object.fromEntries(
  [...new Set(['org', ...[...EXPORT_REGISTRY, ...OSCAL_EXPORT_REGISTRY].flatMap((d) => d.params.map((p) => p.name)), 'format', 'sheet', 'out'])].map((name) => [
    name,
    { type: 'string' as const },
  ]),
);

/** An OSCAL export the command line asks for: always of one organization (--org), always JSON. */
export interface OscalExportCommand {
  oscal: OscalExportDefinition;
  values: Record<string, string | undefined>;
  out: string | undefined;
}

export interface ExportCommand {
  definition: ExportDefinition;
  values: Record<string, string | undefined>;
  format: ExportFormat;
  out: string | undefined;
}

/**
 * The export a command line asks for, or the problem with it (a usage error): `name` is the first argument, `values`
 * the flags parseCliArgs read. The values of the export's parameters are checked later, by the code GET /export uses.
 */
export function readExportCommand(name: string | undefined, values: Record<string, string | undefined>): ExportCommand | OscalExportCommand | { problem: string } {
  const names = [...EXPORT_REGISTRY, ...OSCAL_EXPORT_REGISTRY].map((d) => d.name).join(', ');
  if (name === undefined || name.startsWith('-')) return { problem: `name the export: one of ${names}` };
  const oscal = findOscalExport(name);
  if (oscal) return readOscalCommand(oscal, values);
  const definition = findExport(name);
  if (!definition) return { problem: `no export "${name}"; one of ${names}` };
  const org = definition.keyed ? ['org'] : [];
  const needs = [...org, ...definition.params.filter((p) => !p.optional).map((p) => p.name)];
  const takes = [...org, ...definition.params.map((p) => p.name)];
  const missing = needs.filter((o) => values[o] === undefined);
  const extra = Object.keys(OPTIONS).filter((o) => !['format', 'sheet', 'out'].includes(o) && values[o] !== undefined && !takes.includes(o));
  if (missing.length > 0) return { problem: `${name} needs ${missing.map((o) => `--${o}`).join(' and ')}` };
  if (extra.length > 0) return { problem: `${name} does not take ${extra.map((o) => `--${o}`).join(', ')}` };
  const out = values.out;
  const format = values.format ?? (out?.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx');
  if (format !== 'xlsx' && format !== 'csv') return { problem: `--format must be xlsx or csv, got "${format}"` };
  if (values.sheet !== undefined && format !== 'csv') return { problem: '--sheet picks the sheet of a CSV; add --format csv' };
  if (definition.keyed && !UUID.test(values.org!)) return { problem: `--org must be an organization id (a UUID, as org:create prints it), got "${values.org}"` };
  return { definition, values, format, out };
}

function readOscalCommand(oscal: OscalExportDefinition, values: Record<string, string | undefined>): OscalExportCommand | { problem: string } {
  const takes = ['org', ...oscal.params.map((p) => p.name)];
  const missing = takes.filter((o) => values[o] === undefined);
  const extra = Object.keys(OPTIONS).filter((o) => o !== 'out' && values[o] !== undefined && !takes.includes(o));
  if (missing.length > 0) return { problem: `${oscal.name} needs ${missing.map((o) => `--${o}`).join(' and ')}` };
  if (extra.length > 0) return { problem: `${oscal.name} does not take ${extra.map((o) => `--${o}`).join(', ')} (it writes OSCAL JSON)` };
  if (!UUID.test(values.org!)) return { problem: `--org must be an organization id (a UUID, as org:create prints it), got "${values.org}"` };
  return { oscal, values, out: values.out };
}
