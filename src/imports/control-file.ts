import { columnLetter } from './cell-text';
import { CONTROL_FILE_LIMITS, type ControlFileLimits } from './control-file-limits';
import type { ControlImportRow } from './control-import.types';
import { readCsvTable } from './csv-table';
import { ImportFileError } from './import-file-error';
import type { SheetTable, SheetTableRow } from './sheet-table';
import { readXlsxTable } from './xlsx-table';

/**
 * Reads a control inventory file (CSV or XLSX, one control a row, docs/import.md) into rows for the import service.
 * Pure: bytes in, rows out, no database. It refuses a FILE that is too big, not what it claims to be, broken or
 * hostile (ImportFileError, coded); it does not judge VALUES (a bad status, an unknown requirement): that is the
 * import service's job, which reports every bad row at once with the row numbers kept here.
 *
 * The header is the first non-blank row. Columns are matched by name, trimmed and in any case, in any order; `code`
 * and `title` must be there; other names are reported in `unknownColumns` and their cells ignored, as are cells under
 * a blank header. A known column named twice is refused (which one would count?). `links` cells are split on `;`.
 */
export type ControlFileFormat = 'csv' | 'xlsx';

export type ControlFile = {
  rows: ControlImportRow[];
  /** For each row, the row number the user sees in a spreadsheet (the header is row 1 when it comes first). */
  rowNumbers: number[];
  /** The known columns found, in file order, with their letter (A, B, …). */
  columns: Array<{ name: ControlColumn; column: string }>;
  /** Header names we do not read, as written in the file. */
  unknownColumns: string[];
};

export const CONTROL_COLUMNS = ['code', 'title', 'description', 'owner', 'status', 'links'] as const;
export type ControlColumn = (typeof CONTROL_COLUMNS)[number];
const REQUIRED: readonly ControlColumn[] = ['code', 'title'];

export async function readControlFile(bytes: Buffer, format: ControlFileFormat, limits: Partial<ControlFileLimits> = {}): Promise<ControlFile> {
  const bounds: ControlFileLimits = { ...CONTROL_FILE_LIMITS, ...limits };
  if (!Buffer.isBuffer(bytes)) throw new TypeError('readControlFile: bytes must be a Buffer');
  if (bytes.length > bounds.maxFileBytes) {
    throw new ImportFileError('FILE_TOO_LARGE', `The file is ${bytes.length} bytes; at most ${bounds.maxFileBytes} bytes (${Math.round(bounds.maxFileBytes / 1024 / 1024)} MB) are accepted. Split it into several files.`);
  }
  let table: SheetTable;
  if (format === 'csv') table = readCsvTable(bytes, bounds);
  else if (format === 'xlsx') table = await readXlsxTable(bytes, bounds);
  else throw new TypeError(`readControlFile: format must be 'csv' or 'xlsx', got ${JSON.stringify(format)}`);
  return toControlFile(table);
}

function toControlFile(table: SheetTable): ControlFile {
  const [header, ...data] = table.rows;
  if (!header) {
    throw new ImportFileError('NO_HEADER', `The file has no header row. Put the column names (${CONTROL_COLUMNS.join(', ')}) in the first row, one control a row below it.`);
  }
  const { columns, unknownColumns, indexOf } = readHeader(header);
  const rows = data.map((r) => toRow(r, indexOf));
  return { rows, rowNumbers: data.map((r) => r.row), columns, unknownColumns };
}

function readHeader(header: SheetTableRow) {
  const indexOf = new Map<ControlColumn, number>();
  const columns: ControlFile['columns'] = [];
  const unknownColumns: string[] = [];
  header.cells.forEach((cell, i) => {
    if (cell === null) return;
    const name = cell.trim().toLowerCase() as ControlColumn;
    if (!CONTROL_COLUMNS.includes(name)) {
      unknownColumns.push(cell);
      return;
    }
    const earlier = indexOf.get(name);
    if (earlier !== undefined) {
      throw new ImportFileError(
        'DUPLICATE_COLUMN',
        `The header names the column "${name}" twice (columns ${columnLetter(earlier)} and ${columnLetter(i)}); each column may appear once. Remove or rename one of them.`,
        { row: header.row, column: columnLetter(i) },
      );
    }
    indexOf.set(name, i);
    columns.push({ name, column: columnLetter(i) });
  });
  const missing = REQUIRED.filter((name) => !indexOf.has(name));
  if (missing.length > 0) {
    const semicolons = header.cells.length === 1 && (header.cells[0] ?? '').includes(';');
    throw new ImportFileError(
      'MISSING_COLUMN',
      `The header row (row ${header.row}) has no ${missing.map((m) => `"${m}"`).join(' or ')} column; ${REQUIRED.join(' and ')} are required, and ${CONTROL_COLUMNS.filter((c) => !REQUIRED.includes(c)).join(', ')} are optional. Found: ${header.cells.filter((c) => c !== null).map((c) => JSON.stringify(c)).join(', ')}.${semicolons ? ' The header looks separated by ";": save the sheet as comma-separated CSV.' : ''}`,
      { row: header.row },
    );
  }
  return { columns, unknownColumns, indexOf };
}

function toRow(source: SheetTableRow, indexOf: Map<ControlColumn, number>): ControlImportRow {
  const row: ControlImportRow = {};
  for (const [name, i] of indexOf) {
    const cell = source.cells[i] ?? null;
    if (name === 'links') row.links = cell === null ? [] : splitLinks(cell);
    else row[name] = cell;
  }
  return row;
}

/** `ISO27001:A.5.1; SOC2:CC6.1=PARTIAL;` → two specifications, spaces and empty pieces dropped. */
export function splitLinks(cell: string): string[] {
  return cell
    .split(';')
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '');
}
