/**
 * The limits a control inventory file must keep, in one place (docs/import.md lists them for users). They bound
 * what a hostile file can cost before anything is refused: the bytes read, the rows and cells kept, and, for XLSX,
 * the bytes a zip may inflate to. An honest inventory (the benchmark's 2,000 controls and 20,000 links is about
 * 0.5 MB of CSV) stays far below every one of them.
 */
export type ControlFileLimits = {
  /** The file itself, checked before anything else. */
  maxFileBytes: number;
  /** Data rows (the header and blank rows not counted). */
  maxRows: number;
  /** Columns of any row, the header included. */
  maxColumns: number;
  /** Characters in one cell. The import service has its own, smaller, limits per field. */
  maxCellChars: number;
  /** XLSX: the sum of the zip entries' uncompressed sizes, as declared and as inflated. */
  maxUncompressedBytes: number;
  /**
   * XLSX: cells (`<c>` elements, empty styled ones included) in one worksheet: what exceljs may hold in memory.
   * Measured here: 500,000 cells (50,000 rows of ten) take exceljs about 6 s and 300 MB of memory.
   */
  maxSheetCells: number;
  /** XLSX: entries in the zip. A workbook has a dozen or two; images and comments add a few each. */
  maxZipEntries: number;
  /** XLSX: uncompressed / compressed size of one entry, checked for entries larger than `ratioFloorBytes`. */
  maxCompressionRatio: number;
  /** XLSX: entries smaller than this are never refused for their ratio (tiny files compress oddly). */
  ratioFloorBytes: number;
};

export const CONTROL_FILE_LIMITS: Readonly<ControlFileLimits> = Object.freeze({
  maxFileBytes: 10 * 1024 * 1024,
  maxRows: 50_000,
  maxColumns: 200,
  maxCellChars: 20_000,
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxSheetCells: 500_000,
  maxZipEntries: 1_000,
  maxCompressionRatio: 200,
  ratioFloorBytes: 1024 * 1024,
});
