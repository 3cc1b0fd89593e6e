/**
 * Comma-separated non-negative integers, as `string_agg(n::text, ',')` writes them ('' for none): a read that sends
 * tens of thousands of integers as a few text values costs the driver a few strings instead of a row object per
 * value, and parsing them allocates nothing but the array they go into.
 */

/** How many integers the list holds (0 for ''), by its commas; parseIntegerListInto checks the rest. */
export function integerListLength(text: string): number {
  if (text.length === 0) return 0;
  let commas = 0;
  for (let i = text.indexOf(','); i >= 0; i = text.indexOf(',', i + 1)) commas++;
  return commas + 1;
}

/** Writes the list's integers into `out` from index `at`, and returns the index after the last one. */
export function parseIntegerListInto(text: string, out: Float64Array, at: number, what: string): number {
  if (text.length === 0) return at;
  const malformed = () => new Error(`integer list ${what}: expected comma-separated integers, got ${JSON.stringify(text.slice(0, 40))}`);
  let n = at;
  let value = 0;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch >= 48 && ch <= 57) {
      value = value * 10 + (ch - 48);
      digits++;
    } else if (ch === 44 /* , */) {
      if (digits === 0 || n >= out.length) throw malformed();
      out[n++] = value;
      value = 0;
      digits = 0;
    } else {
      throw new Error(`integer list ${what}: unexpected character ${JSON.stringify(text[i])} at ${i}`);
    }
  }
  if (digits === 0 || n >= out.length) throw malformed();
  out[n++] = value;
  return n;
}
