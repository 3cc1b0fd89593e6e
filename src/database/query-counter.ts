import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * A TypeORM logger that counts the SQL statements sent and passes warnings and errors on. The count is how tests prove
 * that a GraphQL query costs a constant number of statements.
 */
export class QueryCounter implements TypeOrmLogger {
  private count = 0;

  constructor(private readonly warn: (message: string) => void = () => undefined) {}

  get statements(): number {
    return this.count;
  }

  reset(): void {
    this.count = 0;
  }

  logQuery(): void {
    this.count += 1;
  }

  logQueryError(error: string | Error, query: string): void {
    this.warn(`query failed: ${error instanceof Error ? error.message : error} -- ${query.slice(0, 200)}`);
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
