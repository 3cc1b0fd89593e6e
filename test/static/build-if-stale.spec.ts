/**
 * scripts/build-if-stale.mjs, run on a throwaway project: it builds when dist is missing or any input changed (an
 * edit, a rename that keeps the mtime, a failed build), and does nothing otherwise, so CLIs start without tsc.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const script = path.resolve('scripts/build-if-stale.mjs');
let dir: string;

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: dir, encoding: 'utf8' });
  return { status: result.status, built: result.stderr.includes('building') || args.includes('--always') && result.status === 0, stderr: result.stderr };
}
const out = (name: string) => path.join(dir, 'dist', 'src', name);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'build-if-stale-'));
  fs.symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"t","private":true}\n');
  fs.writeFileSync(path.join(dir, 'tsconfig.build.json'), JSON.stringify({
    compilerOptions: { outDir: 'dist', rootDir: '.', module: 'commonjs', target: 'ES2022', strict: true, types: [], noLib: true },
    include: ['src/**/*.ts'],
  }));
  fs.mkdirSync(path.join(dir, 'src'));
  // A stand-in for TypeScript's lib files, which would cost seconds of tsc per build on a busy machine.
  fs.writeFileSync(path.join(dir, 'src', 'lib.d.ts'), ['Array<T>', 'Boolean', 'CallableFunction', 'Function', 'IArguments',
    'NewableFunction', 'Number', 'Object', 'RegExp', 'String'].map((type) => `interface ${type} {}`).join('\n'));
  fs.writeFileSync(path.join(dir, 'src', 'a.ts'), 'export const a: number = 1;\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('builds when dist is missing, then leaves an up-to-date dist alone', () => {
  expect(run()).toMatchObject({ status: 0, built: true });
  const first = fs.statSync(out('a.js')).mtimeMs;
  expect(run()).toMatchObject({ status: 0, built: false, stderr: '' });
  expect(fs.statSync(out('a.js')).mtimeMs).toBe(first);
});

it('builds again after a source edit', () => {
  fs.writeFileSync(path.join(dir, 'src', 'a.ts'), 'export const a: number = 22;\n');
  expect(run()).toMatchObject({ status: 0, built: true });
  expect(fs.readFileSync(out('a.js'), 'utf8')).toContain('22');
  expect(run()).toMatchObject({ built: false });
});

it('leaves dist alone when only a spec changed, as tsconfig.build.json leaves specs out', () => {
  fs.writeFileSync(path.join(dir, 'src', 'a.spec.ts'), 'export {};\n');
  expect(run()).toMatchObject({ status: 0, built: false });
});

it('builds again after a rename that keeps the mtime (newest-mtime checks miss this)', () => {
  fs.renameSync(path.join(dir, 'src', 'a.ts'), path.join(dir, 'src', 'b.ts'));
  expect(run()).toMatchObject({ status: 0, built: true });
  expect(fs.existsSync(out('b.js'))).toBe(true);
});

it('records nothing after a failed build, so the next run tries again', () => {
  fs.writeFileSync(path.join(dir, 'src', 'b.ts'), 'export const b: number = "not a number";\n');
  expect(run().status).not.toBe(0);
  expect(run()).toMatchObject({ built: true });
  fs.writeFileSync(path.join(dir, 'src', 'b.ts'), 'export const b: number = 3;\n');
  expect(run()).toMatchObject({ status: 0, built: true });
  expect(run()).toMatchObject({ built: false });
});

it('is what every CLI runs first, while `npm run build` (and so `npm test`) always compiles', () => {
  const { scripts } = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
  expect(scripts.build).toBe('node scripts/build-if-stale.mjs --always --web');
  expect(scripts.pretest).toBe('npm run build');
  expect(scripts.prestart).toBe('node scripts/build-if-stale.mjs --web');
  for (const cli of ['org:create', 'mappings:check', 'mappings:load']) expect(scripts[`pre${cli}`]).toBe('node scripts/build-if-stale.mjs');
  for (const cli of ['schema:generate', 'bench:engine', 'bench:api', 'migration:generate']) expect(scripts[cli]).toMatch(/^node scripts\/build-if-stale\.mjs && /);
  expect(Object.values(scripts).filter((s) => /\btsc -p tsconfig\.build\.json/.test(s))).toEqual([]);
});

it('is copied into the Docker build stage before `npm run build` needs it', () => {
  const dockerfile = fs.readFileSync('Dockerfile', 'utf8');
  expect(dockerfile.indexOf('COPY scripts ./scripts')).toBeGreaterThan(-1);
  expect(dockerfile.indexOf('COPY scripts ./scripts')).toBeLessThan(dockerfile.indexOf('RUN npm run build'));
});
