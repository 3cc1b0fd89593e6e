/** `npm start`: serves GraphQL on /graphql. See the README for the environment variables. */
import { parseCliArgs } from './common/cli/parse-cli-args';
import { ConfigError, loadConfig } from './config/app-config';

const HELP = `Usage: npm start   (the production image runs: node dist/src/main.js)

Serves GraphQL at /graphql, a start page at /, and /health/live and /health/ready. Applies pending migrations and
loads mappings/ when it changed. Without DATABASE_URL it runs its own embedded PostgreSQL in CROSSWALK_DATA_DIR
(default ./.crosswalk). Stop it with Ctrl-C or SIGTERM: requests in flight finish first.

Configured by environment variables, each described in the README's "Configuration" table: DATABASE_URL,
CROSSWALK_DATA_DIR, PORT (3000), HOST (127.0.0.1), NODE_ENV, GRAPHQL_INTROSPECTION, CROSSWALK_MAPPINGS_DIR,
CROSSWALK_LOAD_MAPPINGS, RATE_LIMIT_PER_MINUTE, TRUST_PROXY, REQUEST_BODY_LIMIT, IMPORT_BODY_LIMIT,
SHUTDOWN_GRACE_SECONDS, CATALOG_CACHE_ENTRIES, CATALOG_CACHE_ENTRY_BYTES, QUERY_MAX_COST, QUERY_TIME_LIMIT_MS,
RESPONSE_SIZE_LIMIT, TENANT_STATE_CACHE_MB, OWN_FRAMEWORKS_MAX (50), OWN_REQUIREMENTS_MAX (20000),
OWN_EDGES_MAX (200000), LOG_LEVEL, CORS_ORIGINS.

Options:
  -h, --help     show this help`;

async function main(): Promise<void> {
  const args = parseCliArgs('start', HELP, {});
  if (args.exitCode !== undefined) process.exit(args.exitCode);
  const started = Date.now();
  const log = (message: string) => console.log(`[crosswalk] ${message}`);
  const config = loadConfig();
  log(config.databaseUrl ? 'using the database at DATABASE_URL' : `no DATABASE_URL: using the embedded PostgreSQL in ${config.dataDir}`);
  const debug = config.logLevel === 'debug' ? (message: string) => log(`debug: ${message}`) : undefined;
  // Loaded only now, so that --help answers at once.
  const { startServer } = await import('./server');
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

main().catch(async (error: unknown) => {
  const { MappingValidationError } = await import('./mappings/catalog-loader');
  const { CatalogInUseError } = await import('./mappings/catalog-writer');
  if (error instanceof ConfigError || error instanceof MappingValidationError || error instanceof CatalogInUseError) {
    console.error(`[crosswalk] cannot start: ${error.message}`);
  } else {
    console.error('[crosswalk] cannot start:', error);
  }
  process.exit(1);
});
