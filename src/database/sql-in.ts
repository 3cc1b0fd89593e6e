/** Renders constant values as a SQL `IN (…)` list for check constraints. Only for compile-time constants. */
export function sqlIn(values: readonly (string | number)[]): string {
  return values.map((v) => (typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`)).join(', ');
}
