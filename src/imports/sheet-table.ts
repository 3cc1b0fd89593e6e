/**
 * A file's sheet as the format readers (csv-table.ts, xlsx-table.ts) hand it to control-file.ts: its non-blank rows,
 * each with the row number a spreadsheet shows (counting blank rows, so the numbers stay those of the file) and its
 * cells' text by 0-based column, `null` where a cell is empty. Checked against the limits already.
 */
export type SheetTableRow = { row: number; cells: Array<string | null> };

export type SheetTable = { rows: SheetTableRow[] };
