/**
 * `npm run export -- <name> …`: the spreadsheet exports of GET /export/<name>.xlsx|.csv and the OSCAL exports of
 * GET /export/oscal/… (oscal-catalog, oscal-mapping-collection), made by the same code, from
 * the database directly (DATABASE_URL, or the embedded one). The keyed exports (soa, coverage, …) read one
 * organization's data, named by --org, as its API keys would: whoever can run this has the database already. What
 * it takes, its --help and its usage errors come from EXPORT_REGISTRY (export-usage.ts).
 */
import * as fs from 'node:fs';
import { parseCliArgs } from '../../common/cli/parse-cli-args';
import { ConfigError, loadConfig } from '../../config/app-config';
import { HELP, OPTIONS, readExportCommand } from './export-usage';

async function main(): Promise<number> {
  const args = parseCliArgs('export', HELP, OPTIONS, process.argv.slice(2).filter((a, i) => !(i === 0 && !a.startsWith('-'))));
  if (args.exitCode !== undefined) return args.exitCode;
  const usage = (problem: string) => {
    console.error(`export: ${problem}\n\n${HELP}`);
    return 2;
  };
  const command = readExportCommand(process.argv[2], args.values);
  if ('problem' in command) return usage(command.problem);
  try {
    const config = loadConfig();
    // Loaded only now, so that --help and a bad flag answer at once.
    const { DomainError } = await import('../../common/errors/domain-error');
    const { writeExport, writeOscalExport } = await import('./write-export');
    const log = (message: string) => console.error(`export: ${message}`);
    try {
      const file: { name: string; body: Buffer; sheet?: string } = 'oscal' in command ? await writeOscalExport(config, log, command) : await writeExport(config, log, command);
      const target = command.out ?? file.name;
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
