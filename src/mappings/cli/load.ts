/**
 * `npm run mappings:load [-- --force]`: validates mappings/ and loads it into the database named by DATABASE_URL
 * (or the embedded one), in one transaction. Skips the write when the content is already loaded.
 */
import { parseCliArgs } from '../../common/cli/parse-cli-args';
import { ConfigError, loadConfig } from '../../config/app-config';

const HELP = `Usage: npm run mappings:load -- [options]

Validates mappings/ and loads it into the database in one transaction: all of it, or nothing.
Uses DATABASE_URL when set, otherwise the embedded PostgreSQL in CROSSWALK_DATA_DIR (default ./.crosswalk),
which may already be running under \`npm start\`. The service also loads changed files at start-up.

Options:
  --dir <path>   mappings folder (default: $CROSSWALK_MAPPINGS_DIR or ./mappings)
  --force        write even when the database already holds this content
  -h, --help     show this help`;

async function main(): Promise<number> {
  const args = parseCliArgs('mappings:load', HELP, { dir: { type: 'string' }, force: { type: 'boolean' } });
  if (args.exitCode !== undefined) return args.exitCode;
  // Loaded only now, so that --help and a bad flag answer at once (TypeORM takes most of a second to load).
  const { withMigratedDatabase } = await import('../../database/database-server');
  const { loadCatalog, MappingValidationError } = await import('../catalog-loader');
  const { CatalogInUseError } = await import('../catalog-writer');
  try {
    const config = loadConfig({ ...process.env, ...(args.values.dir ? { CROSSWALK_MAPPINGS_DIR: args.values.dir } : {}) });
    const log = (message: string) => console.error(`mappings:load: ${message}`);
    const result = await withMigratedDatabase(config, log, (dataSource) =>
      loadCatalog(dataSource, config.mappingsDir, { force: args.values.force }),
    );
    if (!result.changed) {
      console.log(`catalog already up to date (version ${result.catalogVersion}, content ${result.contentHash.slice(0, 12)})`);
    } else {
      const c = result.counts!;
      console.log(
        `loaded catalog version ${result.catalogVersion}: ${c.frameworks} frameworks, ${c.requirements} requirements, ` +
          `${c.mappingSets} mapping sets, ${c.edges} edges in ${result.durationMs} ms`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof MappingValidationError || error instanceof ConfigError || error instanceof CatalogInUseError) {
      console.error(error.message);
      return 1;
    }
    // Anything else (the database went away, say): one line, and the transaction has left the catalog as it was.
    console.error(`mappings:load: failed, nothing was loaded: ${(error as Error).message ?? String(error)}`);
    return 1;
  }
}

main().then((code) => (process.exitCode = code));
