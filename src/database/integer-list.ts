/**
 * Parses what `string_agg(n::text, ',')` returns for non-negative integers (coalesced to '' for none): a statement
 * that aggregates tens of thousands of integers into one text value costs the driver one string instead of a row
 * object per value, and parsing it allocates nothing but the result. `count` is how many there must be.
 */
export function parseIntegerList(text: string, count: number, what: string): Float64Array {
  const out = new Float64Array(count);
  const malformed = () => new Error(`integer list ${what}: expected ${count} comma-separated integers`);
  if (text.length === 0) {
    if (count !== 0) throw malformed();
    return out;
  }
  let n = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch >= 48 && ch <= 57) {
      value = value * 10 + (ch - 48);
      digits++;
    } else if (ch === 44 /* , */) {
      if (digits === 0 || n >= count) throw malformed();
      out[n++] = value;
      value = 0;
      digits = 0;
    } else {
      throw new Error(`integer list ${what}: unexpected character ${JSON.stringify(text[i])} at ${i}`);
    }
  }
  if (digits === 0 || n >= count) throw malformed();
  out[n++] = value;
  if (n !== count) throw malformed();
  return out;
}
