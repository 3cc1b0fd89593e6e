import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../common/lazy-exceljs';
import { neutralizeFormula } from './formula-injection';

/**
 * Characters XML 1.0 cannot carry (C0 controls but tab, line feed and carriage return; U+FFFE and U+FFFF; unpaired
 * surrogates): in a cell they make the whole workbook unreadable, and exceljs drops some of them silently. Text from
 * users (control titles, justifications) may hold them, so each becomes U+FFFD, visibly, and the file stays valid.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as a workbook cell holds it: formula-looking text escaped (formula-injection.ts), and only characters XML allows. */
/** The media type of an XLSX workbook: what the exports send, and what the import route takes. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function cellText(text: string): string {
  return neutralizeFormula(text.replace(NOT_XML, '\uFFFD'));
}
import { checkWorkbook, type CellValue, type Sheet, type Workbook } from './sheet';

/** Fills for coverage statuses, the colours compliance workbooks use: green, amber, red, grey. */
const STATUS_FILLS: ReadonlyArray<[status: string, argb: string]> = [
  ['FULL', 'FFC6EFCE'],
  ['PARTIAL', 'FFFFEB9C'],
  ['NONE', 'FFFFC7CE'],
  ['EXCLUDED', 'FFD9D9D9'],
];

/**
 * A workbook as XLSX (exceljs): a "Read me" sheet first, then each sheet with its heading lines, a bold header row
 * that stays in view (frozen) and carries an autofilter, the widths it asks for, wrapped text where asked, and
 * coverage statuses colour-coded by conditional formatting (so a filtered or re-sorted sheet keeps its colours).
 * Every cell is a computed value; text is a string cell, never a formula, and text that a spreadsheet would read as
 * one gets a leading `'` (formula-injection.ts).
 */
export async function writeXlsx(book: Workbook): Promise<Buffer> {
  checkWorkbook(book);
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = 'Crosswalk';
  wb.title = cellText(book.title);
  wb.created = book.generatedAt;
  wb.modified = book.generatedAt;
  addReadMe(wb, book);
  for (const sheet of book.sheets) addSheet(wb, sheet);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function addReadMe(wb: ExcelJS.Workbook, book: Workbook): void {
  const ws = wb.addWorksheet('Read me');
  ws.getColumn(1).width = 110;
  const title = ws.addRow([cellText(book.title)]);
  title.font = { bold: true, size: 14 };
  ws.addRow([`Generated ${book.generatedAt.toISOString()} by Crosswalk.`]);
  ws.addRow([]);
  for (const paragraph of book.readMe) {
    const row = ws.addRow([cellText(paragraph)]);
    row.alignment = { wrapText: true, vertical: 'top' };
  }
}

function addSheet(wb: ExcelJS.Workbook, sheet: Sheet): void {
  const heading = sheet.heading ?? [];
  // The heading lines, a blank line, then the table.
  const headerRow = heading.length === 0 ? 1 : heading.length + 2;
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow }] });
  heading.forEach((line, i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = cellText(line);
    cell.font = { bold: i === 0, size: i === 0 ? 13 : 11 };
  });
  sheet.columns.forEach((column, i) => {
    ws.getColumn(i + 1).width = column.width;
    if (column.wrap) ws.getColumn(i + 1).alignment = { wrapText: true, vertical: 'top' };
  });
  const header = ws.getRow(headerRow);
  header.values = sheet.columns.map((c) => cellText(c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  header.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } }));
  sheet.rows.forEach((values, i) => {
    const row = ws.getRow(headerRow + 1 + i);
    values.forEach((value, c) => {
      if (value !== null) row.getCell(c + 1).value = xlsxCell(value);
    });
  });
  const lastRow = headerRow + Math.max(sheet.rows.length, 1);
  // A column to fill in offers its values as a drop-down and refuses others, on every data row.
  sheet.columns.forEach((column, c) => {
    if (!column.choices) return;
    const validation: ExcelJS.DataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${column.choices.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: column.header,
      error: `One of ${column.choices.join(', ')}`,
    };
    for (let r = headerRow + 1; r <= headerRow + sheet.rows.length; r++) ws.getCell(r, c + 1).dataValidation = validation;
  });
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: sheet.columns.length } };
  sheet.columns.forEach((column, c) => {
    if (!column.status || sheet.rows.length === 0) return;
    const letter = ws.getColumn(c + 1).letter;
    ws.addConditionalFormatting({
      ref: `${letter}${headerRow + 1}:${letter}${lastRow}`,
      rules: STATUS_FILLS.map(([status, argb], priority) => ({
        type: 'cellIs',
        operator: 'equal',
        formulae: [`"${status}"`],
        priority: priority + 1,
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb } } },
      })),
    });
  });
}

function xlsxCell(value: Exclude<CellValue, null>): ExcelJS.CellValue {
  return typeof value === 'string' ? cellText(value) : value;
}
