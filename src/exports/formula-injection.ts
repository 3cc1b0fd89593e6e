/**
 * CSV and formula injection (OWASP, "CSV Injection"): a spreadsheet treats text that starts with `=`, `+`, `-` or `@`
 * (and, in some programs, a tab or a carriage return before one) as a formula. Control titles and justifications come
 * from users and auditors open these files, so such text gets a leading `'`: shown as text, and an edited cell stays
 * text. Applied to every text cell of every export, in CSV and XLSX alike. The control import (src/imports/cell-text.ts)
 * removes that `'` again, so an exported file, edited and imported, gives back the same text.
 */
export const FORMULA_TRIGGERS: ReadonlySet<string> = new Set(['=', '+', '-', '@', '\t', '\r']);

/** Excel's limit on the characters of one cell. */
export const MAX_CELL_CHARS = 32_767;

export function neutralizeFormula(text: string): string {
  const safe = text.length > 0 && FORMULA_TRIGGERS.has(text[0]) ? `'${text}` : text;
  return safe.length > MAX_CELL_CHARS ? `${safe.slice(0, MAX_CELL_CHARS - 1)}…` : safe;
}
