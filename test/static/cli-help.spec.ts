/**
 * Every CLI answers --help at once: usage on stdout, exit 0, and without loading TypeORM, pg or Nest, which take
 * most of a second (seconds on a busy machine) and are needed only for real work. Runs the built dist, as npm does.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// The everyday commands; the benchmarks (a minute or two each) are only held to printing their usage.
const CLIS = ['dist/src/main.js', 'dist/src/organizations/cli/create-org.js', 'dist/src/exports/cli/export.js', 'dist/src/imports/cli/import.js', 'dist/src/mappings/cli/load.js', 'dist/src/mappings/cli/check.js', 'dist/src/schema/generate-schema.js'];
const BENCHES = ['dist/bench/engine.bench.js', 'dist/bench/api.bench.js', 'dist/bench/import.bench.js'];
const HEAVY = /[\\/]node_modules[\\/](typeorm|pg|@nestjs[\\/]core|@apollo[\\/]server)[\\/]/;
let preload: string;

beforeAll(() => {
  preload = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cli-help-')), 'report-modules.cjs');
  fs.writeFileSync(preload, `process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(Object.keys(require.cache)) + '\\n'));\n`);
});
afterAll(() => fs.rmSync(path.dirname(preload), { recursive: true, force: true }));

function help(cli: string) {
  const run = spawnSync(process.execPath, ['--require', preload, cli, '--help'], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/Usage: npm (run|start)/);
  return run;
}

it.each(BENCHES)('%s --help prints its usage', (cli) => {
  help(cli);
});

it.each(CLIS)('%s --help prints its usage and loads no database or server module', (cli) => {
  const run = help(cli);
  const loaded = JSON.parse(/^LOADED (.*)$/m.exec(run.stderr)![1]) as string[];
  expect(loaded.filter((file) => HEAVY.test(file))).toEqual([]);
});

it("names every variable of the README's configuration table in `npm start -- --help`", () => {
  const readme = fs.readFileSync('README.md', 'utf8');
  const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
  const variables = [...table.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
  expect(variables.length).toBeGreaterThan(10);
  const usage = spawnSync(process.execPath, ['dist/src/main.js', '--help'], { encoding: 'utf8' }).stdout;
  expect(variables.filter((name) => !new RegExp(`\\b${name}\\b`).test(usage))).toEqual([]);
});
