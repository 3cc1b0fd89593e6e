/**
 * `npm run org:create -- --name Acme`: creates an organization and prints its first ADMIN key once, on a line of its
 * own starting with `API key: `. Works on DATABASE_URL or on the embedded database, whether or not `npm start` is
 * running on the same data folder.
 */
import { parseCliArgs } from '../../common/cli/parse-cli-args';
import { ConfigError, loadConfig } from '../../config/app-config';

const HELP = `Usage: npm run org:create -- --name <organization name> [--expires-at <date-time>]

Creates an organization and its first ADMIN API key. The key is printed once, on a line starting with
"API key: "; only its hash is stored. Uses DATABASE_URL when set, otherwise the embedded PostgreSQL in
CROSSWALK_DATA_DIR (default ./.crosswalk), which may already be running under \`npm start\`.

Options:
  --name <text>              the organization's name (1 to 200 characters)
  --expires-at <date-time>   when the first key stops working: ISO-8601 with a time zone, in the future, such as
                             2027-06-30T00:00:00Z (default: it does not expire; an ADMIN can list and revoke keys)
  -h, --help                 show this help`;

async function main(): Promise<number> {
  const args = parseCliArgs('org:create', HELP, { name: { type: 'string' }, 'expires-at': { type: 'string' } });
  if (args.exitCode !== undefined) return args.exitCode;
  const name = args.values.name?.trim() ?? '';
  if (name.length < 1 || name.length > 200) {
    console.error(`org:create: --name must be 1 to 200 characters\n\n${HELP}`);
    return 2;
  }
  let expiresAt: Date | null = null;
  if (args.values['expires-at'] !== undefined) {
    const { parseIsoDateTime } = await import('../../common/models/date-time.scalar');
    const { futureDateTimeRule, isFutureDateTime } = await import('../../common/validation/is-future-date-time');
    const parsed = parseIsoDateTime(args.values['expires-at'].trim());
    if (!isFutureDateTime(parsed)) {
      console.error(`org:create: --expires-at must be ${futureDateTimeRule()}, got "${args.values['expires-at']}"\n\n${HELP}`);
      return 2;
    }
    expiresAt = parsed;
  }
  try {
    const config = loadConfig();
    // Loaded only now, so that --help and a bad flag answer at once (TypeORM and Nest take most of a second to load).
    const { withMigratedDatabase } = await import('../../database/database-server');
    const { TenantDb } = await import('../../database/tenant-db');
    const { OrganizationsService } = await import('../organizations.service');
    const log = (message: string) => console.error(`org:create: ${message}`);
    const created = await withMigratedDatabase(config, log, (dataSource) => new OrganizationsService(dataSource, new TenantDb(dataSource)).createOrganization(name, expiresAt));
    console.log(`Organization: ${name} (${created.organizationId})`);
    console.log(`API key: ${created.key.secret}`);
    if (expiresAt) console.log(`Expires: ${expiresAt.toISOString()}`);
    console.error('Keep the key safe: it is shown only this once. Send it as "Authorization: Bearer <key>".');
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`org:create: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

main().then((code) => (process.exitCode = code));
