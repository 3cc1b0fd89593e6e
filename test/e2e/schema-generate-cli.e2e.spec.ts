/**
 * `npm run schema:generate` without DATABASE_URL starts a throwaway embedded PostgreSQL in the temp folder. Whether
 * it finishes or is interrupted with Ctrl-C, it leaves nothing there: no cluster, and no PostgreSQL still running.
 * TMPDIR points it at a folder of the test's own, so that the temp folder can be checked exactly.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isAlive } from '../../src/database/embedded-postgres';
import { until } from '../support/service-process';

import { jest } from '@jest/globals';

jest.setTimeout(120_000);

let tmp: string;
let env: NodeJS.ProcessEnv;
let postmaster = 0;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-schema-tmp-'));
  fs.chmodSync(tmp, 0o755); // the postgres user (as root) must reach the cluster inside
  env = { ...process.env, TMPDIR: tmp };
  delete env.DATABASE_URL;
});
afterEach(() => {
  if (isAlive(postmaster)) process.kill(postmaster, 'SIGINT'); // a failed run must not leave its PostgreSQL behind
  fs.rmSync(tmp, { recursive: true, force: true });
});

it('checks the schema and removes its throwaway database', () => {
  const run = spawnSync(process.execPath, ['dist/src/schema/generate-schema.js', '--check'], { env, encoding: 'utf8' });
  expect([run.status, run.stdout.trim()]).toEqual([0, 'schema.gql is up to date']);
  expect(fs.readdirSync(tmp)).toEqual([]);
});

it('on Ctrl-C, stops its PostgreSQL and removes the throwaway database', async () => {
  const child = spawn(process.execPath, ['dist/src/schema/generate-schema.js', '--check'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await until('the throwaway PostgreSQL to run', () => {
    const [dir] = fs.readdirSync(tmp);
    const pidFile = dir && path.join(tmp, dir, 'postgres', 'postmaster.pid');
    postmaster = pidFile && fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]) : 0;
    return postmaster > 0 || child.exitCode !== null;
  }, 60_000);
  expect(postmaster).toBeGreaterThan(0);
  child.kill('SIGINT');
  expect(await exited).toBe(130);
  expect(output).toMatch(/SIGINT: stopping and removing the throwaway database/);
  expect(isAlive(postmaster)).toBe(false);
  expect(fs.readdirSync(tmp)).toEqual([]);
});
