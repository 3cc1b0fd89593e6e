/**
 * `npm run schema:generate`: writes schema.gql from the running application's own schema, built against a throwaway
 * embedded database (or DATABASE_URL), so the file is exactly what clients see. `--check` fails when it is stale.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCliArgs } from '../common/cli/parse-cli-args';
import { loadConfig } from '../config/app-config';

async function main(): Promise<number> {
  const usage = `Usage: npm run schema:generate [-- --check]

Writes schema.gql from the schema the service serves, started on DATABASE_URL or on a throwaway embedded
PostgreSQL (removed again when it finishes). Commit the file: a test fails when it is stale.

Options:
  --check        write nothing; exit 1 when schema.gql is out of date
  -h, --help     show this help`;
  const args = parseCliArgs('schema:generate', usage, { check: { type: 'boolean' } });
  if (args.exitCode !== undefined) return args.exitCode;
  const { values } = args;
  // Loaded only now, so that --help and a bad flag answer at once (Nest and Apollo take seconds to load).
  const { GraphQLSchemaHost } = await import('@nestjs/graphql');
  const { startServer } = await import('../server');
  const { printApiSchema } = await import('./schema-printer');
  // Without DATABASE_URL, a throwaway embedded database in the temp folder: removed when this ends, on Ctrl-C or
  // SIGTERM too (after the start in progress finishes, so that its PostgreSQL is stopped rather than orphaned).
  const throwaway = process.env.DATABASE_URL?.trim() ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-schema-'));
  const config = loadConfig({ ...process.env, PORT: '0', ...(throwaway ? { CROSSWALK_DATA_DIR: throwaway } : {}), CROSSWALK_LOAD_MAPPINGS: 'false' });
  const starting = startServer(config, { logger: false });
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      await starting.then((server) => server.close(), () => undefined);
      if (throwaway) fs.rmSync(throwaway, { recursive: true, force: true });
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`schema:generate: ${signal}: stopping and removing the throwaway database`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  try {
    const server = await starting;
    const printed = printApiSchema(server.app.get(GraphQLSchemaHost).schema);
    const file = path.resolve('schema.gql');
    if (values.check) {
      const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      if (current !== printed) {
        console.error('schema.gql is out of date: run npm run schema:generate and commit it');
        return 1;
      }
      console.log('schema.gql is up to date');
      return 0;
    }
    fs.writeFileSync(file, printed);
    console.log(`wrote ${file}`);
    return 0;
  } finally {
    await cleanUp();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
