/**
 * `npm run export -- <name> …`: the spreadsheet exports of GET /export/<name>.xlsx|.csv, made by the same code, from
 * the database directly (DATABASE_URL, or the embedded one). `soa` reads one organization's data, named by --org,
 * as its API keys would: whoever can run this has the database already.
 */
import * as fs from 'node:fs';
import { parseCliArgs } from '../../common/cli/parse-cli-args';
import { ConfigError, loadConfig } from '../../config/app-config';

const HELP = `Usage: npm run export -- <name> [options] [--out FILE]

Writes a spreadsheet export as XLSX (a "Read me" sheet first) or CSV (RFC 4180, one sheet), the same file that
GET /export/<name>.xlsx or .csv serves. Uses DATABASE_URL when set, otherwise the embedded PostgreSQL in
CROSSWALK_DATA_DIR (default ./.crosswalk).

Exports:
  crosswalk --source <ref> --target <ref>   every crosswalk edge between two frameworks (sheet Edges) and a
                                             source x target matrix (sheet Matrix); public catalog data
  soa --org <organization id> --framework <ref>
                                             an organization's Statement of Applicability: for ISO 27001 and 42001
                                             one row per Annex A control (sheet "Annex A"), the clauses on "Clauses";
                                             other frameworks: every assessable requirement on one sheet
  soc2-plus --org <organization id> --additional <ref>,<ref>…
                                             the SOC 2+ additional criteria (1 to 10 frameworks added to SOC 2),
                                             deduplicated, by topic (sheet "Additional criteria"), and the requirements
                                             counted with them (sheet "Merged requirements")
  common-controls --org <organization id> --frameworks <ref>,<ref>…
                                             common control objectives covering 1 to 20 frameworks together, each
                                             with what it satisfies per framework (sheet "Common controls"), and one
                                             row per satisfied requirement (sheet "Requirements")
  coverage --org <organization id> --frameworks <ref>,<ref>,…
                                             an organization's coverage: full, partial, none, excluded and score per
                                             framework (sheet Summary), then a sheet per framework with every
                                             requirement, its status, weight and how it is reached
  gaps --org <organization id> --target <ref> [--have <ref>,<ref>,…]
                                             what is left of the target: each requirement not FULL, its best
                                             partial sources and the controls that touch it (sheet Gaps), and the
                                             target's coverage (sheet Coverage); given the organization's controls,
                                             or with --have, those frameworks taken as fully in place
  A <ref> is CODE or CODE:VERSION, e.g. ISO27001 or ISO27001:2022.

Options:
  --format xlsx|csv   the file's format (default: from --out's extension, else xlsx)
  --sheet <name>      with csv: the sheet the CSV carries (default: the first after "Read me", e.g. Edges, Annex A)
  --out <file>        where to write it; "-" writes to standard output (default: the name the HTTP export gives,
                      e.g. crosswalk_ISO27001_ISO42001_2026-12-05.xlsx, in the current folder)
  -h, --help          show this help

Examples:
  npm run export -- crosswalk --source ISO27001 --target ISO42001 --out crosswalk.xlsx
  npm run export -- soa --org 7d4c…e1 --framework ISO27001 --format csv --out soa.csv
  npm run export -- soc2-plus --org 7d4c…e1 --additional ISO42001,NIST-AI-RMF --out soc2-plus.xlsx
  npm run export -- common-controls --org 7d4c…e1 --frameworks ISO27001,ISO42001,SOC2 --out common.xlsx
  npm run export -- coverage --org 7d4c…e1 --frameworks ISO27001,SOC2 --out coverage.xlsx
  npm run export -- gaps --org 7d4c…e1 --target ISO42001 --have ISO27001 --out gaps.xlsx`;

const EXPORTS: Record<string, string[]> = {
  crosswalk: ['source', 'target'],
  soa: ['org', 'framework'],
  'soc2-plus': ['org', 'additional'],
  'common-controls': ['org', 'frameworks'],
  coverage: ['org', 'frameworks'],
  gaps: ['org', 'target'],
};
/** Options an export takes beyond those it needs. */
const OPTIONAL: Record<string, string[]> = { gaps: ['have'] };

async function main(): Promise<number> {
  const args = parseCliArgs('export', HELP, {
    source: { type: 'string' },
    target: { type: 'string' },
    org: { type: 'string' },
    framework: { type: 'string' },
    additional: { type: 'string' },
    frameworks: { type: 'string' },
    have: { type: 'string' },
    format: { type: 'string' },
    sheet: { type: 'string' },
    out: { type: 'string' },
  }, process.argv.slice(2).filter((a, i) => !(i === 0 && !a.startsWith('-'))));
  if (args.exitCode !== undefined) return args.exitCode;
  const name = process.argv[2];
  const usage = (problem: string) => {
    console.error(`export: ${problem}\n\n${HELP}`);
    return 2;
  };
  if (name === undefined || name.startsWith('-')) return usage(`name the export: one of ${Object.keys(EXPORTS).join(', ')}`);
  const needs = EXPORTS[name];
  if (!needs) return usage(`no export "${name}"; one of ${Object.keys(EXPORTS).join(', ')}`);
  const values = args.values as Record<string, string | undefined>;
  const given = [...new Set([...Object.values(EXPORTS), ...Object.values(OPTIONAL)].flat())].filter((o) => values[o] !== undefined);
  const missing = needs.filter((o) => values[o] === undefined);
  const extra = given.filter((o) => !needs.includes(o) && !(OPTIONAL[name] ?? []).includes(o));
  if (missing.length > 0) return usage(`${name} needs ${missing.map((o) => `--${o}`).join(' and ')}`);
  if (extra.length > 0) return usage(`${name} does not take ${extra.map((o) => `--${o}`).join(', ')}`);
  const out = values.out;
  const format = values.format ?? (out?.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx');
  if (format !== 'xlsx' && format !== 'csv') return usage(`--format must be xlsx or csv, got "${format}"`);
  if (values.sheet !== undefined && format !== 'csv') return usage('--sheet picks the sheet of a CSV; add --format csv');
  if (needs.includes('org') && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(values.org!)) {
    return usage(`--org must be an organization id (a UUID, as org:create prints it), got "${values.org}"`);
  }
  try {
    const config = loadConfig();
    // Loaded only now, so that --help and a bad flag answer at once.
    const { DomainError } = await import('../../common/errors/domain-error');
    const { writeExport } = await import('./write-export');
    const log = (message: string) => console.error(`export: ${message}`);
    try {
      const file = await writeExport(config, log, { name, values, format });
      const target = out ?? file.name;
      if (target === '-') process.stdout.write(file.body);
      else fs.writeFileSync(target, file.body);
      if (target !== '-') console.error(`export: wrote ${target} (${file.body.length} bytes${file.sheet ? `, sheet ${file.sheet}` : ''})`);
      return 0;
    } catch (error) {
      if (error instanceof DomainError) return usage(error.message.replace(/^(\w+):/, (_m, field: string) => `--${field}:`));
      throw error;
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`export: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

main().then((code) => (process.exitCode = code));
