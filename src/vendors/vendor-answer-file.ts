/**
 * Reads an answered vendor questionnaire (the `vendor-questionnaire` export, CSV or XLSX, filled in) into rows for
 * the answer import. Pure: bytes in, rows out. The file checks are the control import's (csv-table.ts,
 * xlsx-table.ts with its zip guard, the same limits): a file refused as a whole is an ImportFileError. Columns are
 * found by header name (any case, any order): Key, Frameworks and Answer are required, Evidence is optional, the
 * others (the question's wording) are read by people, not by us. The XLSX sheet read is "Questionnaire".
 */
import { columnLetter } from '../imports/cell-text';
import { CONTROL_FILE_LIMITS } from '../imports/control-file-limits';
import { readCsvTable } from '../imports/csv-table';
import { ImportFileError } from '../imports/import-file-error';
import type { SheetTable } from '../imports/sheet-table';
import { readXlsxTable } from '../imports/xlsx-table';
import { QUESTIONNAIRE_COLUMNS, QUESTIONNAIRE_SHEET } from '../exports/vendor-questionnaire-export';

export type AnswerColumn = 'key' | 'frameworks' | 'answer' | 'evidence';

export interface AnswerFileRow {
  /** The row number a spreadsheet shows (the header is row 1). */
  row: number;
  key: string | null;
  frameworks: string | null;
  answer: string | null;
  evidence: string | null;
}

const READ: Record<AnswerColumn, string> = {
  key: QUESTIONNAIRE_COLUMNS.key,
  frameworks: QUESTIONNAIRE_COLUMNS.frameworks,
  answer: QUESTIONNAIRE_COLUMNS.answer,
  evidence: QUESTIONNAIRE_COLUMNS.evidence,
};
const REQUIRED: AnswerColumn[] = ['key', 'frameworks', 'answer'];

/** The header a problem in `column` points at, as the file names it. */
export const answerColumnHeader = (column: AnswerColumn): string => READ[column];

export async function readAnswerFile(bytes: Buffer, format: 'csv' | 'xlsx'): Promise<AnswerFileRow[]> {
  const limits = CONTROL_FILE_LIMITS;
  if (bytes.length > limits.maxFileBytes) {
    throw new ImportFileError('FILE_TOO_LARGE', `The file is ${bytes.length} bytes; at most ${limits.maxFileBytes} bytes are accepted.`);
  }
  const table: SheetTable = format === 'csv' ? readCsvTable(bytes, limits) : await readXlsxTable(bytes, limits, QUESTIONNAIRE_SHEET);
  const [header, ...data] = table.rows;
  if (!header) throw new ImportFileError('NO_HEADER', `The file has no header row. Send back the "${QUESTIONNAIRE_SHEET}" sheet as exported, with its header row first.`);
  const indexOf = new Map<AnswerColumn, number>();
  header.cells.forEach((cell, i) => {
    const name = (Object.keys(READ) as AnswerColumn[]).find((c) => READ[c].toLowerCase() === cell?.trim().toLowerCase());
    if (!name) return;
    if (indexOf.has(name)) {
      throw new ImportFileError('DUPLICATE_COLUMN', `The header names the column "${READ[name]}" twice (columns ${columnLetter(indexOf.get(name)!)} and ${columnLetter(i)}); remove one of them.`, { row: header.row, column: columnLetter(i) });
    }
    indexOf.set(name, i);
  });
  const missing = REQUIRED.filter((c) => !indexOf.has(c));
  if (missing.length > 0) {
    throw new ImportFileError(
      'MISSING_COLUMN',
      `The header row (row ${header.row}) has no ${missing.map((c) => `"${READ[c]}"`).join(' or ')} column; send back the questionnaire as exported (columns ${REQUIRED.map((c) => READ[c]).join(', ')}, and optionally ${READ.evidence}).`,
      { row: header.row },
    );
  }
  const cell = (cells: Array<string | null>, column: AnswerColumn): string | null => {
    const i = indexOf.get(column);
    return i === undefined ? null : (cells[i] ?? null);
  };
  return data.map((r) => ({ row: r.row, key: cell(r.cells, 'key'), frameworks: cell(r.cells, 'frameworks'), answer: cell(r.cells, 'answer'), evidence: cell(r.cells, 'evidence') }));
}
