/** Reading PostgreSQL's refusals off what TypeORM throws (a QueryFailedError wraps pg's error as driverError). */

/** The SQLSTATE of a failed statement, e.g. 23505 for a unique violation. */
export function sqlState(error: unknown): string | undefined {
  const e = error as { code?: string; driverError?: { code?: string } };
  return e.driverError?.code ?? e.code;
}

/** Whether the statement broke this unique constraint. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { constraint?: string; driverError?: { constraint?: string } };
  return sqlState(error) === '23505' && (e.driverError?.constraint ?? e.constraint) === constraint;
}
