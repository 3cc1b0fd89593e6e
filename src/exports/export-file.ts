/**
 * What an export is called and which sheet a CSV carries: the same for GET /export/… and `npm run export`.
 */
import { BadUserInputError } from '../common/errors/domain-error';
import { createValidationPipe } from '../common/validation/validation.pipe';
import type { ExportDefinition, ExportParam } from './export-registry';
import type { Sheet, Workbook } from './sheet';

export type ExportFormat = 'xlsx' | 'csv';
/** A file's extension: a spreadsheet's format, or json for the OSCAL exports. */
export type ExportExtension = ExportFormat | 'json' | 'ics';

/** `crosswalk_ISO27001_ISO42001-2023_2026-12-05.xlsx`; a CSV adds its sheet: `…_Edges.csv`. */
export function exportFileName(name: string, refs: string[], generatedAt: Date, format: ExportExtension, sheet?: Sheet): string {
  const base = [name, ...refs.map((r) => r.trim().replace(/:/g, '-')), generatedAt.toISOString().slice(0, 10)].join('_');
  const file = format === 'csv' && sheet ? `${base}_${sheet.name.replace(/\W+/g, '-')}.csv` : `${base}.${format}`;
  return file.replace(/[^\w.-]/g, '_');
}

/** The sheet a CSV carries: `name` (any case), else the first after "Read me"; BAD_USER_INPUT on `sheet` naming those there are. */
export function pickSheet(book: Workbook, name: string | undefined): Sheet {
  if (name === undefined) return book.sheets[0];
  const sheet = book.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (!sheet) throw new BadUserInputError('sheet', `no sheet "${name.slice(0, 40)}" in this export; one of ${book.sheets.map((s) => s.name).join(', ')}`);
  return sheet;
}

/**
 * A list parameter (`?additional=ISO42001,NIST-AI-RMF`, `--frameworks A,B`): comma-separated, each item trimmed,
 * then held to the very rules of the GraphQL field's arguments class (its count bounds and the framework-reference
 * form), by the validation pipe GraphQL uses: the same BAD_USER_INPUT, naming the parameter, as GraphQL gives.
 * `given`: the export's other parameters, for a class that also requires them (gapAnalysis's `target` beside `have`).
 */
export async function readFrameworkList(name: string, value: string, args: new () => object, given: Record<string, unknown> = {}): Promise<string[]> {
  const list = value.split(',').map((item) => item.trim());
  if (list.some((item) => item === '')) throw new BadUserInputError(name, 'has an empty item; give comma-separated framework references such as ISO42001,NIST-AI-RMF');
  await createValidationPipe().transform({ ...given, [name]: list }, { type: 'query', metatype: args, data: '' });
  return list;
}

/**
 * Every list parameter of `definition` that was given, read by readFrameworkList in the registry's order, each held
 * to its own arguments class beside the export's other parameters.
 */
export async function readExportLists(definition: ExportDefinition, values: Record<string, string | undefined>): Promise<Record<string, string[]>> {
  const given = Object.fromEntries(definition.params.filter((p) => values[p.name] !== undefined).map((p) => [p.name, values[p.name]]));
  const lists: Record<string, string[]> = {};
  for (const param of definition.params) {
    const value = values[param.name];
    if (param.list && value !== undefined) lists[param.name] = await readFrameworkList(param.name, value, await param.list(), given);
  }
  return lists;
}

/** The parameters an export takes, each given once: BAD_USER_INPUT naming any other, or a missing or repeated one. */
export function readParams(query: Record<string, unknown>, params: ExportParam[], csv: boolean): Record<string, string> {
  const names = params.map((p) => p.name);
  const optional = params.filter((p) => p.optional).map((p) => p.name);
  const lists = params.filter((p) => p.list).map((p) => p.name);
  const repeatable = params.filter((p) => p.repeatable).map((p) => p.name);
  const accepted = csv ? [...names, 'sheet'] : names;
  for (const key of Object.keys(query)) {
    if (!accepted.includes(key)) throw new BadUserInputError(key.slice(0, 40), `unknown parameter; this export takes ${accepted.join(', ')}`);
  }
  const values: Record<string, string> = {};
  for (const name of accepted) {
    const value = query[name];
    if (value === undefined && (name === 'sheet' || optional.includes(name))) continue;
    if (value === '' && optional.includes(name)) throw new BadUserInputError(name, 'must not be empty; leave it out for the default');
    if (value === undefined || value === '') {
      throw new BadUserInputError(name, lists.includes(name) ? 'is required: comma-separated framework references such as ISO42001,NIST-AI-RMF' : 'is required: a framework reference such as ISO27001 or ISO27001:2022');
    }
    if (Array.isArray(value) && repeatable.includes(name) && value.every((v) => typeof v === 'string' && v !== '')) {
      values[name] = value.join(',');
      continue;
    }
    if (typeof value !== 'string') throw new BadUserInputError(name, 'given more than once; give it once');
    values[name] = value;
  }
  return values;
}

export function fileHeaders(type: string, filename: string, keyed: boolean): Record<string, string> {
  return {
    'content-type': type,
    'content-disposition': `attachment; filename="${filename}"`,
    'x-content-type-options': 'nosniff',
    // Tenant data stays out of shared caches.
    'cache-control': keyed ? 'private, no-store' : 'public, max-age=0, must-revalidate',
  };
}
