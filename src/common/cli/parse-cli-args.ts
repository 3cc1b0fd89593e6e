import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = Record<string, { type: 'string' | 'boolean'; short?: string }>;
type Values<O extends Options> = { [K in keyof O]?: O[K]['type'] extends 'string' ? string : boolean };

export type CliArgs<O extends Options> = { values: Values<O>; positionals: string[]; exitCode?: undefined } | { exitCode: number; values?: undefined; positionals?: undefined };

/**
 * Parses a CLI's flags the same way for every command: `-h/--help` prints the usage and exits 0, an unknown or
 * malformed flag prints the problem and the usage and exits 2. Returns the values (and, when `allowPositionals`, the
 * arguments that are not flags, in order), or the exit code to stop with.
 */
export function parseCliArgs<O extends Options>(command: string, usage: string, options: O, argv = process.argv.slice(2), allowPositionals = false): CliArgs<O> {
  try {
    const config: ParseArgsConfig = { args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals };
    const parsed = parseArgs(config);
    const values = parsed.values as Values<O> & { help?: boolean };
    if (values.help) {
      console.log(usage);
      return { exitCode: 0 };
    }
    return { values, positionals: parsed.positionals };
  } catch (error) {
    console.error(`${command}: ${(error as Error).message}\n\n${usage}`);
    return { exitCode: 2 };
  }
}
