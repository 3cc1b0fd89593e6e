/**
 * What an export is, before it is a file: sheets of columns and rows of computed values. The XLSX and CSV writers
 * (xlsx-writer.ts, csv-writer.ts) turn the same description into either format, so both carry the same cells.
 */

/** A cell's value: text, a number, a date-time, or empty. Never a formula: exports write computed values. */
export type CellValue = string | number | Date | null;

export interface SheetColumn {
  header: string;
  /** Width in characters (Excel's unit). */
  width: number;
  /** Wrap long text inside the cell instead of letting it spill over. */
  wrap?: boolean;
  /** The column holds a coverage status (FULL, PARTIAL, NONE, EXCLUDED), colour-coded in XLSX. */
  status?: boolean;
  /** The values a cell of this column may take: a drop-down list (data validation) in XLSX, for columns a reader fills in. */
  choices?: readonly string[];
}

export interface Sheet {
  /** At most 31 characters, none of : \ / ? * [ ]: Excel's rule for sheet names. */
  name: string;
  /** Lines shown above the table in XLSX (who, what, when); CSV, one plain table, leaves them out. */
  heading?: string[];
  columns: SheetColumn[];
  rows: CellValue[][];
}

export interface Workbook {
  /** What the whole file is, e.g. "Crosswalk ISO27001:2022 → ISO42001:2023". */
  title: string;
  /** When it was made; written on the "Read me" sheet and in the file's properties. */
  generatedAt: Date;
  /** Paragraphs of the "Read me" sheet, the first sheet of the XLSX. */
  readMe: string[];
  sheets: Sheet[];
}

const SHEET_NAME = /^[^:\\/?*[\]]{1,31}$/;

/** Guards a description before it is written: what a writer would otherwise turn into a broken file. */
export function checkWorkbook(book: Workbook): void {
  const names = new Set<string>(['read me']);
  for (const sheet of book.sheets) {
    if (!SHEET_NAME.test(sheet.name)) throw new Error(`exports/sheet: sheet name "${sheet.name}" is not a valid Excel sheet name`);
    if (names.has(sheet.name.toLowerCase())) throw new Error(`exports/sheet: sheet name "${sheet.name}" is used twice`);
    names.add(sheet.name.toLowerCase());
    for (const row of sheet.rows) {
      if (row.length !== sheet.columns.length) {
        throw new Error(`exports/sheet: a row of "${sheet.name}" has ${row.length} cells for ${sheet.columns.length} columns`);
      }
    }
  }
}
