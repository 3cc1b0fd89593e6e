import { stringify } from 'csv-stringify/sync';
import { neutralizeFormula } from './formula-injection';
import type { CellValue, Sheet } from './sheet';

/**
 * One sheet as CSV per RFC 4180 (csv-stringify): a header row, CRLF line ends, fields quoted when they hold a comma,
 * a quote or a line break. It starts with a UTF-8 byte-order mark so that Excel reads accented text as UTF-8. Text
 * that a spreadsheet would read as a formula gets a leading `'` (formula-injection.ts). A CSV carries one sheet: the
 * caller says which (the export's documentation and filename name it).
 */
export function writeCsv(sheet: Sheet): Buffer {
  const rows = [sheet.columns.map((c) => c.header), ...sheet.rows].map((row) => row.map(csvCell));
  return Buffer.from(stringify(rows, { bom: true, record_delimiter: 'windows', quoted_match: /^\s|\s$/ }), 'utf8');
}

function csvCell(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return value.toISOString();
  return neutralizeFormula(value);
}
