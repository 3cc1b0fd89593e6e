/**
 * Where the database is: the server named by DATABASE_URL, or else the embedded PostgreSQL in the data folder.
 * Start-up, the CLIs and the test harness all go through here, so they behave the same.
 */
import * as path from 'node:path';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { startEmbeddedPostgres } from './embedded-postgres';
import { runMigrations } from './migrate';

export interface DatabaseServer {
  url: string;
  embedded: boolean;
  /** Stops the embedded server when this process started it; a no-op otherwise. */
  release(): Promise<void>;
}

export async function openDatabaseServer(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>,
  log: (message: string) => void,
): Promise<DatabaseServer> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, release: async () => undefined };
  const server = await startEmbeddedPostgres({ dataDir: path.resolve(config.dataDir), log });
  return { url: server.url, embedded: true, release: () => server.stop() };
}

/** Runs `work` with an initialised, migrated DataSource, and closes everything afterwards. For CLIs. */
export async function withMigratedDatabase<T>(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>,
  log: (message: string) => void,
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const server = await openDatabaseServer(config, log);
  const dataSource = new DataSource(dataSourceOptions(server.url));
  try {
    await dataSource.initialize();
    const applied = await runMigrations(dataSource);
    if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`);
    return await work(dataSource);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await server.release();
  }
}
