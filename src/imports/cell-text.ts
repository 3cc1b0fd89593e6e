import { FORMULA_TRIGGERS } from '../exports/formula-injection';
import type { ControlFileLimits } from './control-file-limits';
import { ImportFileError } from './import-file-error';

/**
 * What one cell of an import file contributes, the same for CSV and XLSX: our exports write text that a spreadsheet
 * would read as a formula with a leading `'` (src/exports/formula-injection.ts); that `'` is removed again, so an
 * exported-then-edited file imports back as the same text. A CSV cell that starts with `=` without that escape is a
 * formula (a spreadsheet would compute it) and is refused (`refuseEquals`); in XLSX, formulas are cells of their own
 * type (xlsx-table.ts) and a text cell that starts with `=` is text the author chose. Spaces around the text are
 * dropped, and an empty cell is `null`.
 */
export type CellPlace = { row: number; column: number };

export function cellText(raw: string, place: CellPlace, limits: ControlFileLimits, refuseEquals: boolean): string | null {
  let text = raw;
  if (text.length >= 2 && text[0] === "'" && FORMULA_TRIGGERS.has(text[1])) text = text.slice(1);
  else if (refuseEquals && text.startsWith('=')) throw formulaError(place);
  if (text.length > limits.maxCellChars) {
    throw new ImportFileError(
      'CELL_TOO_LONG',
      `Cell ${cellAddress(place)} holds ${text.length} characters; at most ${limits.maxCellChars} are accepted in one cell.`,
      { row: place.row, column: columnLetter(place.column) },
    );
  }
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

export function formulaError(place: CellPlace): ImportFileError {
  return new ImportFileError(
    'FORMULA',
    `Cell ${cellAddress(place)} holds a formula; formulas are not imported. Paste the values instead (Paste Special → Values), or start the text with ' to keep it as text.`,
    { row: place.row, column: columnLetter(place.column) },
  );
}

/** The spreadsheet name of a 0-based column: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** `C7`: the cell as a spreadsheet names it. */
export function cellAddress(place: CellPlace): string {
  return `${columnLetter(place.column)}${place.row}`;
}
