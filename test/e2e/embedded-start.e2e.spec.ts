/**
 * The default `npm start`: no DATABASE_URL, so the service runs its own embedded PostgreSQL in CROSSWALK_DATA_DIR.
 * Runs the built service (dist/, made by `npm test`'s pretest build) as a child process, as a user would.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { embeddedPostmaster, isAlive } from '../../src/database/embedded-postgres';
import { freePort } from '../support/service-process';

import { jest } from '@jest/globals';

jest.setTimeout(180_000);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-embedded-'));
const env: NodeJS.ProcessEnv = { ...process.env, CROSSWALK_DATA_DIR: dataDir, NODE_ENV: 'production' };
delete env.DATABASE_URL;
delete env.TEST_DATABASE_URL;

interface Service {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

async function start(): Promise<Service & { startupMs: number }> {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, ['dist/src/main.js'], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${url}/health/ready`).then((r) => r.status === 200, () => false);
    if (ready) break;
    if (Date.now() - started > 120_000) throw new Error(`service not ready after 120 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, url, output: () => output, exited, startupMs: Date.now() - started };
}

async function frameworks(url: string): Promise<any> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ frameworks { code version requirementCount } }' }),
  });
  return response.json();
}

const postmasterPid = () => embeddedPostmaster(dataDir)?.pid;

const alive = isAlive;

afterAll(() => {
  const pid = postmasterPid();
  if (alive(pid)) process.kill(pid!, 'SIGINT');
  spawnSync('sleep', ['1']);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('first start: initialises the database, loads mappings, serves GraphQL, and stops cleanly on SIGTERM', async () => {
  const service = await start();
  console.log(`embedded start, first run (initdb + migrations + mappings load): ${service.startupMs} ms`);
  const body = await frameworks(service.url);
  expect(body.errors).toBeUndefined();
  expect(body.data.frameworks).toEqual(expect.arrayContaining([{ code: 'NIST-AI-RMF', version: '1.0', requirementCount: 95 }]));

  // Concurrent requests on a real server: every one answered, all the same.
  const answers = await Promise.all(Array.from({ length: 40 }, () => frameworks(service.url)));
  expect(answers.every((a) => JSON.stringify(a) === JSON.stringify(body))).toBe(true);

  // A second process on the same data folder attaches to the running server instead of starting another.
  const load = spawnSync(process.execPath, ['dist/src/mappings/cli/load.js'], { env, encoding: 'utf8' });
  expect(load.status).toBe(0);
  expect(load.stdout).toMatch(/already up to date/);
  expect(load.stderr).toMatch(/already running .* attaching/);
  expect((await frameworks(service.url)).data).toEqual(body.data);

  // A newcomer's second terminal: org:create on the same data folder, and the key works against the running service.
  const org = spawnSync(process.execPath, ['dist/src/organizations/cli/create-org.js', '--name', 'Newcomer'], { env, encoding: 'utf8' });
  expect(org.status).toBe(0);
  const key = /^API key: (\S+)$/m.exec(org.stdout)?.[1];
  const me = await fetch(`${service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: '{ me { organizationName role } }' }),
  }).then((r) => r.json() as Promise<any>);
  expect(me.data.me).toEqual({ organizationName: 'Newcomer', role: 'ADMIN' });

  const pgPid = postmasterPid();
  expect(alive(pgPid)).toBe(true);
  service.child.kill('SIGTERM');
  expect(await service.exited).toBe(0);
  expect(service.output()).toMatch(/SIGTERM: finishing requests in flight/);
  expect(alive(pgPid)).toBe(false);
});

it('second start: reuses the data folder and skips the unchanged mappings', async () => {
  const service = await start();
  console.log(`embedded start, second run: ${service.startupMs} ms`);
  expect(service.output()).toMatch(/mappings unchanged/);
  expect((await frameworks(service.url)).data.frameworks.length).toBeGreaterThanOrEqual(3);
  service.child.kill('SIGINT');
  expect(await service.exited).toBe(0);
});

it('recovers after the previous run was killed and left its PostgreSQL behind', async () => {
  const killed = await start();
  const orphan = postmasterPid();
  killed.child.kill('SIGKILL');
  await killed.exited;
  expect(alive(orphan)).toBe(true); // the server outlives a SIGKILLed owner

  const service = await start();
  expect(service.output()).toMatch(/left behind .* restarting/);
  expect(alive(orphan)).toBe(false);
  expect((await frameworks(service.url)).data.frameworks.length).toBeGreaterThanOrEqual(3);
  service.child.kill('SIGTERM');
  expect(await service.exited).toBe(0);
});

// As root the server runs as the `postgres` user, which cannot enter a private folder such as /root/project or a
// mode-700 temp folder. The data must stay where the user said, so start-up stops and says why and what to do.
(process.getuid?.() === 0 ? it : it.skip)('as root, refuses loudly a data folder the postgres user cannot reach', async () => {
  const privateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-private-'));
  fs.chmodSync(privateDir, 0o700);
  try {
    const dataDir = path.join(privateDir, '.crosswalk');
    const run = spawnSync(process.execPath, ['dist/src/main.js'], { env: { ...env, CROSSWALK_DATA_DIR: dataDir, PORT: '0' }, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`[crosswalk] cannot start: CROSSWALK_DATA_DIR ${dataDir} cannot hold the embedded database`);
    expect(run.stderr).toContain(`cannot pass through ${privateDir} (mode 700)`);
    expect(run.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(fs.existsSync(dataDir)).toBe(false);
  } finally {
    fs.rmSync(privateDir, { recursive: true, force: true });
  }
});
