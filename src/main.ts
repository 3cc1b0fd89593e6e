/** `npm start`: serves GraphQL on /graphql. See the README for the environment variables. */
import { ConfigError, loadConfig } from './config/app-config';
import { MappingValidationError } from './mappings/catalog-loader';
import { CatalogInUseError } from './mappings/catalog-writer';
import { startServer } from './server';

async function main(): Promise<void> {
  const started = Date.now();
  const log = (message: string) => console.log(`[crosswalk] ${message}`);
  const config = loadConfig();
  log(config.databaseUrl ? 'using the database at DATABASE_URL' : `no DATABASE_URL: using the embedded PostgreSQL in ${config.dataDir}`);
  const debug = config.logLevel === 'debug' ? (message: string) => log(`debug: ${message}`) : undefined;
  const server = await startServer(config, { log, debug });
  log(`ready in ${Date.now() - started} ms: GraphQL at ${server.url}/graphql, health at ${server.url}/health/ready`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: finishing requests in flight (up to ${config.shutdownGraceSeconds} s), then stopping`);
    server.close().then(
      () => {
        log('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        console.error('[crosswalk] shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof MappingValidationError || error instanceof CatalogInUseError) {
    console.error(`[crosswalk] cannot start: ${error.message}`);
  } else {
    console.error('[crosswalk] cannot start:', error);
  }
  process.exit(1);
});
