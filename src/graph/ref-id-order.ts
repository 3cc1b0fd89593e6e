/**
 * The order in which people read requirement identifiers: digit runs compare as numbers, so `A.5.9` comes before
 * `A.5.10` and `CC2.1` before `CC10.1`; other runs compare by code point. Ties (same runs, e.g. `01` and `1`) fall
 * back to plain string order, so the order is total and deterministic.
 */
const RUNS = /\d+|\D+/g;

export function compareRefIds(a: string, b: string): number {
  const left = a.match(RUNS) ?? [];
  const right = b.match(RUNS) ?? [];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i];
    const y = right[i];
    if (x === y) continue;
    const digits = /^\d/.test(x) && /^\d/.test(y);
    if (digits) {
      const difference = Number(x) - Number(y);
      if (difference !== 0) return difference < 0 ? -1 : 1;
      continue;
    }
    return x < y ? -1 : 1;
  }
  if (left.length !== right.length) return left.length - right.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
