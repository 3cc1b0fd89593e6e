import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../common/lazy-exceljs';
import { cellText, formulaError } from './cell-text';
import type { ControlFileLimits } from './control-file-limits';
import { ImportFileError } from './import-file-error';
import type { SheetTable, SheetTableRow } from './sheet-table';
import { inspectXlsxZip } from './zip-guard';

/**
 * XLSX to a sheet table, with exceljs, after zip-guard.ts has checked the zip. The sheet read is the one named
 * "Controls" (any case) if the workbook has one, else the first in tab order; other sheets are ignored. Formula cells
 * are refused, never evaluated: their cached result may be stale and their author meant a computation, not a value.
 * Rich text, hyperlinks, numbers, booleans and dates are read as their text (a date as YYYY-MM-DD, or ISO 8601 when it
 * has a time of day).
 */
export const CONTROLS_SHEET = 'controls';

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** `sheetName`: the sheet to read when the workbook has one of that name (any case); else the first. */
export async function readXlsxTable(bytes: Buffer, limits: ControlFileLimits, sheetName: string = CONTROLS_SHEET): Promise<SheetTable> {
  if (bytes.subarray(0, OLE2.length).equals(OLE2)) {
    throw new ImportFileError('NOT_XLSX', 'The file is an Excel 97-2003 workbook (.xls) or a password-protected workbook, not XLSX. Save it as "Excel Workbook (.xlsx)" without a password.');
  }
  if (bytes.length < 4 || bytes.readUInt16BE(0) !== 0x504b) {
    throw new ImportFileError('NOT_XLSX', 'The file is not an XLSX workbook (XLSX files are zip archives, starting with "PK"). Send an .xlsx workbook, or the sheet as CSV.');
  }
  await inspectXlsxZip(bytes, limits);
  const wb = new (await loadExcelJS()).Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new ImportFileError('NOT_XLSX', `The workbook cannot be read (${(err as Error)?.message ?? String(err)}). Save it again as "Excel Workbook (.xlsx)", or send the sheet as CSV.`);
  }
  const sheets = wb.worksheets;
  const ws = sheets.find((s) => s.name.trim().toLowerCase() === sheetName.toLowerCase()) ?? sheets[0];
  if (!ws) throw new ImportFileError('NO_HEADER', 'The workbook has no worksheet. Put the controls on the first sheet, or on a sheet named "Controls".');
  return sheetRows(ws, limits);
}

function sheetRows(ws: ExcelJS.Worksheet, limits: ControlFileLimits): SheetTable {
  const rows: SheetTableRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Array<string | null> = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const place = { row: rowNumber, column: colNumber - 1 };
      if (cell.isMerged && cell.master !== cell) return;
      const raw = rawText(cell.value, place);
      if (raw === null) return;
      const text = cellText(raw, place, limits, false);
      if (text === null) return;
      if (colNumber > limits.maxColumns) {
        throw new ImportFileError('TOO_MANY_COLUMNS', `Row ${rowNumber} has a value in column ${cell.address.replace(/\d+$/, '')} (column ${colNumber}); at most ${limits.maxColumns} columns are accepted.`, { row: rowNumber, column: cell.address.replace(/\d+$/, '') });
      }
      cells[colNumber - 1] = text;
    });
    if (cells.length === 0) return;
    if (rows.length > limits.maxRows) {
      throw new ImportFileError('TOO_MANY_ROWS', `The sheet has more than ${limits.maxRows} rows of controls; at most ${limits.maxRows} are accepted in one file. Split it into several files.`, { row: rowNumber });
    }
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? null) });
  });
  return { rows };
}

function rawText(value: ExcelJS.CellValue, place: { row: number; column: number }): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if (typeof value !== 'object') return String(value);
  if ('formula' in value || 'sharedFormula' in value) throw formulaError(place);
  if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((run) => run.text ?? '').join('');
  if ('hyperlink' in value) return rawText((value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue, place);
  if ('error' in value) return String(value.error);
  return null;
}

function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}
