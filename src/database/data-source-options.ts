import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';
import { QueryCounter } from './query-counter';

/** The one place that says how Crosswalk talks to PostgreSQL. `synchronize` is off everywhere: migrations only. */
export function dataSourceOptions(url: string, logger = new QueryCounter()): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'all',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    logger,
    maxQueryExecutionTime: 2000,
    extra: { max: 10, connectionTimeoutMillis: 10_000, application_name: 'crosswalk' },
  };
}
