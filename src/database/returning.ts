/**
 * TypeORM's Postgres driver answers `query()` with the rows for SELECT and INSERT, but with `[rows, affectedCount]`
 * for UPDATE and DELETE. This gives the rows of a `… RETURNING` statement either way.
 */
export function returningRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
