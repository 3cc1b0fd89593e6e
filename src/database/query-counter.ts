import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * A TypeORM logger that counts the SQL statements sent and passes warnings and errors on. The count is how tests prove
 * that a GraphQL query costs a constant number of statements. With `record` on, it also keeps how often each statement
 * text was sent, so a test can show that no statement repeats per row; off by default, so a running service keeps
 * nothing per statement.
 */
export class QueryCounter implements TypeOrmLogger {
  private count = 0;
  private readonly texts = new Map<string, number>();
  record = false;

  /** `warn` gets failures and warnings; `debug` gets the statements the database refused as expected (see below). */
  constructor(
    private readonly warn: (message: string) => void = () => undefined,
    private readonly debug: (message: string) => void = () => undefined,
  ) {}

  get statements(): number {
    return this.count;
  }

  /** How often each statement text was sent since the last reset (only while `record` is on). */
  get byText(): ReadonlyMap<string, number> {
    return this.texts;
  }

  reset(): void {
    this.count = 0;
    this.texts.clear();
  }

  logQuery(query: string): void {
    this.count += 1;
    if (this.record) this.texts.set(query, (this.texts.get(query) ?? 0) + 1);
  }

  /**
   * A statement the database refused for a constraint (SQLSTATE class 23: a duplicate code, say), a serialization
   * failure (40001) or one of our own functions' refusals (class CW: crosswalk_lock_control's CW404 for a missing
   * control) is an expected refusal: the service answers it with a coded error (CONFLICT, BAD_USER_INPUT, NOT_FOUND),
   * so it is logged at debug. One the service does not map still reaches the GraphQL error filter, which logs it as an
   * internal error with its stack. Anything else the database refuses is a failure.
   */
  logQueryError(error: string | Error, query: string): void {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : error;
    if (typeof code === 'string' && (code.startsWith('23') || code.startsWith('CW') || code === '40001')) {
      this.debug(`refused by the database (SQLSTATE ${code}), answered with a coded error: ${message} -- ${query.slice(0, 200)}`);
      return;
    }
    this.warn(`query failed: ${message} -- ${query.slice(0, 200)}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.warn(`slow query (${time} ms): ${query.slice(0, 200)}`);
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.warn(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.warn(String(message));
  }
}
