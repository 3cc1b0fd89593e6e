/**
 * `npm run import -- controls --org <id> FILE`: a control inventory file (CSV or XLSX) imported into one
 * organization, all or nothing, by the code behind POST /import/controls and GraphQL importControls; and
 * `oscal-catalog` / `oscal-mapping-collection`: an OSCAL document into the organization's own catalog by the code behind
 * POST /import/oscal/…. From the database directly (DATABASE_URL, or the embedded one). Whoever can run this has the database already, so no key is asked
 * for; the audit events record no key, and are grouped under the import's id as any import's are.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCliArgs } from '../../common/cli/parse-cli-args';
import { type AppConfig, ConfigError, loadConfig } from '../../config/app-config';
import { UUID } from '../../common/validation/uuid';

const HELP = `Usage: npm run import -- controls --org <organization id> [--mode replace|merge] [--dry-run] FILE
       npm run import -- oscal-catalog --org <organization id> --code CODE [--version VERSION] FILE
       npm run import -- oscal-mapping-collection --org <organization id> --source REF --target REF FILE
       npm run import -- vendor-answers --org <organization id> --vendor <vendor id> [--format csv|xlsx] FILE

controls: imports a control inventory, one control a row, from a CSV (UTF-8, RFC 4180) or XLSX file, the same way
POST /import/controls does: columns code, title, description, owner, status and links, matched by header name in
any order and case; links is a ;-separated list of FRAMEWORK:refId or FRAMEWORK:refId=PARTIAL. See docs/import.md.
All or nothing: every row is checked first, and one bad row (a bad status, an unknown requirement, a code twice in
the file) stops the import with nothing written; every bad row is listed with its row, column, value and reason.
Rows upsert by code: an existing code is updated and its version bumped.

oscal-catalog: imports an OSCAL catalog (JSON) as the organization's own framework CODE (upper-case letters, digits,
hyphens; not a public framework's code), version VERSION (default: the catalog's metadata version). Groups become
headings, controls and enhancements assessable requirements, withdrawn controls are kept but not assessable.
To import a catalog again, delete the own framework first. See docs/oscal.md.

oscal-mapping-collection: imports an OSCAL 1.2 mapping-collection (JSON) as the organization's own mapping set from
REF to REF (CODE or CODE:VERSION, public or own; at least one own). Every source and target must match a requirement
by OSCAL id or label; an own set for the same pair has its edges replaced. See docs/oscal.md.

vendor-answers: imports a vendor's answered questionnaire, the CSV or XLSX that GET /export/vendor-questionnaire
(or npm run export -- vendor-questionnaire) wrote, filled in, as POST /import/vendor-answers does: every row's Key must
be a question of the questionnaire the file names, its Answer YES, PARTIAL, NO, NOT_APPLICABLE or blank. The vendor's
earlier answers are replaced. See docs/vendors.md.

Every import is one transaction: all or nothing. Uses DATABASE_URL when set, otherwise the embedded PostgreSQL in
CROSSWALK_DATA_DIR (default ./.crosswalk).

Options:
  --org <id>        the organization (its id, as org:create prints it)
  --mode <mode>     controls: replace (default): each row's links become exactly its links cell;
                    merge: links are only added or changed, never removed
  --dry-run         controls: check everything and report what would change, writing nothing
  --format <fmt>    controls, vendor-answers: csv or xlsx (default: from the file name's extension)
  --vendor <id>     vendor-answers: the vendor (its id, as the vendors query lists it)
  --code <CODE>     oscal-catalog: the own framework's code
  --version <V>     oscal-catalog: its version (default: the catalog's metadata version)
  --source <REF>    oscal-mapping-collection: the framework the maps go from
  --target <REF>    oscal-mapping-collection: the framework the maps go to
  -h, --help        show this help

Exit codes: 0 imported (or a clean dry run), 1 refused (bad rows, file or document; nothing written), 2 bad usage.

Examples:
  npm run import -- controls --org 7d4c…e1 controls.csv
  npm run import -- controls --org 7d4c…e1 --dry-run --mode merge inventory.xlsx
  npm run import -- oscal-catalog --org 7d4c…e1 --code SP80053 NIST_SP-800-53_rev5_catalog.json
  npm run import -- oscal-mapping-collection --org 7d4c…e1 --source SP80053 --target ISO27001:2022 map.json
  npm run import -- vendor-answers --org 7d4c…e1 --vendor 0b9a…42 answered-questionnaire.xlsx`;

/** The options each command takes (--org and --help are everyone's). */
const OPTIONS_OF: Record<string, string[]> = {
  controls: ['mode', 'dry-run', 'format'],
  'oscal-catalog': ['code', 'version'],
  'oscal-mapping-collection': ['source', 'target'],
  'vendor-answers': ['vendor', 'format'],
};

async function main(): Promise<number> {
  const args = parseCliArgs('import', HELP, {
    org: { type: 'string' },
    mode: { type: 'string' },
    'dry-run': { type: 'boolean' },
    format: { type: 'string' },
    code: { type: 'string' },
    version: { type: 'string' },
    source: { type: 'string' },
    target: { type: 'string' },
    vendor: { type: 'string' },
  }, process.argv.slice(2), true);
  if (args.exitCode !== undefined) return args.exitCode;
  const usage = (problem: string) => {
    console.error(`import: ${problem}\n\n${HELP}`);
    return 2;
  };
  const [what, ...files] = args.positionals;
  const commands = Object.keys(OPTIONS_OF);
  if (what === undefined) return usage(`name what to import: ${commands.join(', ')}`);
  if (!commands.includes(what)) return usage(`nothing called "${what}" to import; one of: ${commands.join(', ')}`);
  if (files.length !== 1) return usage(files.length === 0 ? 'name the file to import' : `one file at a time, got ${files.length}`);
  const [file] = files;
  const { values } = args;
  if (values.org === undefined) return usage(`${what} needs --org`);
  if (!UUID.test(values.org)) return usage(`--org must be an organization id (a UUID, as org:create prints it), got "${values.org}"`);
  const stray = Object.keys(values).filter((name) => name !== 'org' && values[name as keyof typeof values] !== undefined && !OPTIONS_OF[what].includes(name));
  if (stray.length > 0) return usage(`${what} takes no --${stray[0]}`);
  if (what === 'oscal-catalog' || what === 'oscal-mapping-collection') return importOscal(what, values, file);
  if (what === 'vendor-answers') {
    if (values.vendor === undefined) return usage('vendor-answers needs --vendor');
    if (!UUID.test(values.vendor)) return usage(`--vendor must be a vendor id (a UUID, as the vendors query lists it), got "${values.vendor}"`);
  }
  const mode = values.mode ?? 'replace';
  if (mode !== 'replace' && mode !== 'merge') return usage(`--mode must be replace or merge, got "${mode}"`);
  const format = values.format ?? /\.(csv|xlsx)$/i.exec(file)?.[1]?.toLowerCase();
  if (format !== 'csv' && format !== 'xlsx') return usage(values.format === undefined ? `cannot tell the format of "${path.basename(file)}": name a .csv or .xlsx file, or add --format` : `--format must be csv or xlsx, got "${format}"`);
  if (what === 'vendor-answers') {
    return readAndRun(file, async (bytes, config) => {
      const { importVendorAnswersFile } = await import('./import-vendor-answers-file');
      return importVendorAnswersFile(config, { organizationId: values.org!, vendorId: values.vendor!, format, bytes, file });
    });
  }
  return readAndRun(file, async (bytes, config) => {
    const { importControlFile } = await import('./import-control-file');
    return importControlFile(config, { organizationId: values.org!, mode, dryRun: values['dry-run'] === true, format, bytes, file });
  });
}

/** Reads the OSCAL file and imports it (import-oscal-file.ts); `values` were checked to belong to `what`. */
async function importOscal(what: string, values: Record<string, string | boolean | undefined>, file: string): Promise<number> {
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const usage = (problem: string) => {
    console.error(`import: ${problem}\n\n${HELP}`);
    return 2;
  };
  if (what === 'oscal-catalog' && text('code') === undefined) return usage('oscal-catalog needs --code');
  if (what === 'oscal-mapping-collection' && (text('source') === undefined || text('target') === undefined)) return usage('oscal-mapping-collection needs --source and --target');
  return readAndRun(file, async (bytes, config) => {
    const { importOscalFile } = await import('./import-oscal-file');
    const organizationId = text('org')!;
    return what === 'oscal-catalog'
      ? importOscalFile(config, { kind: 'oscal-catalog', organizationId, bytes, file, code: text('code')!, version: text('version') })
      : importOscalFile(config, { kind: 'oscal-mapping-collection', organizationId, bytes, file, source: text('source')!, target: text('target')! });
  });
}

/**
 * Reads the file and the configuration, then runs the import (its modules loaded only now, so that --help and a bad
 * flag answer at once). An unreadable file, a bad setting, or a refusal the service words (say, another write created
 * one of the new codes meanwhile: CONFLICT) end with a message and exit 1, nothing written.
 */
async function readAndRun(file: string, run: (bytes: Buffer, config: AppConfig) => Promise<number>): Promise<number> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    console.error(`import: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return 1;
  }
  try {
    const config = loadConfig();
    const { DomainError } = await import('../../common/errors/domain-error');
    try {
      return await run(bytes, config);
    } catch (error) {
      if (error instanceof DomainError) {
        console.error(`import: refused (${error.code}): ${error.message}`);
        return 1;
      }
      throw error;
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`import: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

main().then((code) => (process.exitCode = code));
