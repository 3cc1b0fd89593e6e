import { CsvError, parse } from 'csv-parse/sync';
import { cellText } from './cell-text';
import type { ControlFileLimits } from './control-file-limits';
import { ImportFileError } from './import-file-error';
import type { SheetTable, SheetTableRow } from './sheet-table';

/**
 * CSV (RFC 4180, comma-separated, UTF-8 with or without a byte-order mark) to a sheet table. The text is decoded
 * strictly (binary junk and other encodings are refused, not guessed at), the number of fields of every record is
 * counted by a quote-aware scan before csv-parse builds any record (a 100,000-column header costs one pass over the
 * text and no arrays), and csv-parse then reads the records one at a time: blank ones are dropped and the rest are
 * kept up to the row limit. Row numbers count records, as a spreadsheet shows them; that is the text editor's line
 * number unless a cell above holds a line break.
 */
export function readCsvTable(bytes: Buffer, limits: ControlFileLimits): SheetTable {
  const text = decodeUtf8(bytes);
  checkFieldCounts(text, limits.maxColumns);
  const rows: SheetTableRow[] = [];
  let record = 0;
  try {
    parse(text, {
      relax_column_count: true,
      skip_empty_lines: false,
      on_record: (fields: string[]) => {
        record += 1;
        // checkFieldCounts has refused wide records already; this holds even where its reading of quotes and
        // csv-parse's could differ.
        if (fields.length > limits.maxColumns) {
          throw new ImportFileError('TOO_MANY_COLUMNS', `Row ${record} has ${fields.length} columns; at most ${limits.maxColumns} are accepted.`, { row: record });
        }
        const cells = fields.map((raw, column) => cellText(raw, { row: record, column }, limits, true));
        if (cells.every((cell) => cell === null)) return null;
        // The first non-blank row is the header; the limit counts the rows after it.
        if (rows.length > limits.maxRows) {
          throw new ImportFileError('TOO_MANY_ROWS', `The file has more than ${limits.maxRows} rows of controls; at most ${limits.maxRows} are accepted in one file. Split it into several files.`, { row: record });
        }
        rows.push({ row: record, cells });
        return null;
      },
    });
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw fromCsvError(err);
  }
  return { rows };
}

function decodeUtf8(bytes: Buffer): string {
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304) {
    throw new ImportFileError('NOT_CSV', 'The file is a zip (an XLSX workbook?), not CSV text. Send it as XLSX, or save the sheet as "CSV UTF-8 (comma delimited)".');
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new ImportFileError('NOT_CSV', 'The file is UTF-16 text ("Unicode Text"); only UTF-8 CSV is accepted. Save the sheet as "CSV UTF-8 (comma delimited)".');
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new ImportFileError('NOT_CSV', `The file holds binary data (a NUL byte at byte ${nul}), not CSV text. Send UTF-8 CSV text, or an XLSX workbook as XLSX.`);
  }
  try {
    // fatal: invalid UTF-8 throws instead of turning into U+FFFD; the byte-order mark, if any, is dropped.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFileError('NOT_CSV', 'The file is not UTF-8 text. Save the sheet as "CSV UTF-8 (comma delimited)".');
  }
}

/**
 * Counts each record's fields the way RFC 4180 reads them (commas and line breaks inside double quotes belong to the
 * field; `""` inside quotes toggles twice and so changes nothing) and refuses the first record that has too many.
 * It also finds a quote left open at the end of the file, and says on which line it was opened (csv-parse only knows
 * where the file ended).
 */
function checkFieldCounts(text: string, maxColumns: number): void {
  let fields = 1;
  let record = 1;
  let line = 1;
  let quoted = false;
  let quoteLine = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) {
      if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i += 1;
      line += 1;
      if (!quoted) {
        record += 1;
        fields = 1;
      }
    } else if (c === 0x22) {
      quoted = !quoted;
      if (quoted) quoteLine = line;
    } else if (c === 0x2c && !quoted) {
      fields += 1;
      if (fields > maxColumns) {
        throw new ImportFileError('TOO_MANY_COLUMNS', `Row ${record} has more than ${maxColumns} columns; at most ${maxColumns} are accepted.`, { row: record, line });
      }
    }
  }
  if (quoted) {
    throw new ImportFileError(
      'BROKEN_QUOTING',
      `The CSV quoting is broken: the quote opened at line ${quoteLine} is never closed. ${QUOTING_RULE}`,
      { line: quoteLine },
    );
  }
}

const QUOTING_RULE = 'A cell that holds a comma, a quote or a line break must be wrapped in double quotes, and a quote inside it written twice ("").';

const QUOTING = new Set(['INVALID_OPENING_QUOTE', 'CSV_QUOTE_NOT_CLOSED', 'CSV_INVALID_CLOSING_QUOTE', 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE']);

function fromCsvError(err: unknown): ImportFileError {
  if (err instanceof CsvError && QUOTING.has(err.code)) {
    const line = (err as CsvError & { lines?: number }).lines;
    return new ImportFileError(
      'BROKEN_QUOTING',
      `The CSV quoting is broken at line ${line} (${err.message}). ${QUOTING_RULE}`,
      { line },
    );
  }
  return new ImportFileError('NOT_CSV', `The file cannot be read as CSV: ${(err as Error).message}. Send RFC 4180 CSV: comma-separated, UTF-8.`);
}
