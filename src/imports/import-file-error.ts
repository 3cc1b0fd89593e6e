/**
 * A control inventory file refused as a whole, before any row is looked at by the import service: the file is too
 * large, is not what it says it is, is broken, or carries something we never read (formulas, zip bombs). The code
 * is stable for clients; the message says what is wrong and what would be accepted; `row` (as a spreadsheet
 * numbers it, the header being row 1), `line` (as a text editor numbers it) and `column` (a letter, as a
 * spreadsheet shows it) point at the place when there is one.
 */
export type ImportFileErrorCode =
  | 'FILE_TOO_LARGE'
  | 'NOT_CSV'
  | 'NOT_XLSX'
  | 'BROKEN_QUOTING'
  | 'TOO_MANY_COLUMNS'
  | 'TOO_MANY_ROWS'
  | 'TOO_MANY_CELLS'
  | 'CELL_TOO_LONG'
  | 'ZIP_BOMB'
  | 'FORMULA'
  | 'NO_HEADER'
  | 'MISSING_COLUMN'
  | 'DUPLICATE_COLUMN';

export type ImportFilePlace = { row?: number; line?: number; column?: string };

export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';

  constructor(
    readonly code: ImportFileErrorCode,
    message: string,
    readonly place: ImportFilePlace = {},
  ) {
    super(message);
  }

  get row(): number | undefined {
    return this.place.row;
  }

  get line(): number | undefined {
    return this.place.line;
  }

  get column(): string | undefined {
    return this.place.column;
  }

  /** What a client is told (an HTTP 422 body, a GraphQL error's extensions): the code, the message, the place. */
  toJSON(): { code: ImportFileErrorCode; message: string } & ImportFilePlace {
    return { code: this.code, message: this.message, ...this.place };
  }
}
