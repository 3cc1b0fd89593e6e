/** The same PostgreSQL server URL with another database name (tests and benchmarks each work in a fresh database). */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
