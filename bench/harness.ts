/**
 * What the benchmarks share: progress lines on stderr with the elapsed time, cleanups that run once on every way out
 * (the end, an error, SIGINT/SIGTERM, a closed pipe, a stray exception, the watchdog), the options' whole numbers, and
 * a throwaway database (DATABASE_URL's server, or an embedded one in a temp folder) that is dropped at the end.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { withDatabase } from '../src/database/database-url';
import { type EmbeddedServer, startEmbeddedPostgres } from '../src/database/embedded-postgres';

export type Progress = (message: string) => void;

const started = performance.now();

export const progress: Progress = (message) => {
  process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}\n`);
};

export const elapsedSeconds = (): number => (performance.now() - started) / 1000;

// ---------------------------------------------------------------------------------------------------------------
// Cleanup on every exit path.

const cleanups: Array<() => Promise<void>> = [];
let cleaning: Promise<void> | undefined;

/** Registers `fn` to run at the end; the last registered runs first. */
export function onCleanup(fn: () => Promise<void>): void {
  cleanups.push(fn);
}

/** Runs the registered cleanups once; a second caller (a signal mid-run) waits for the first. */
export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (let fn = cleanups.pop(); fn; fn = cleanups.pop()) {
      try {
        await fn();
      } catch (error) {
        progress(`cleanup: ${(error as Error).message}`);
      }
    }
  })();
  return cleaning;
}

/** Set on a signal, the timeout or a stray exception: the main flow's errors from then on are the cleanup's doing. */
let interrupted = false;

/** Stop now: clean up (drop the database, stop children and the embedded server) and exit with `code`. */
export function abort(reason: string, code: number): void {
  if (interrupted) return;
  interrupted = true;
  progress(`${reason}: cleaning up`);
  void cleanup().finally(() => process.exit(code));
}

// ---------------------------------------------------------------------------------------------------------------
// Options.

/** A bad option: the benchmark prints it with its help and exits 2. */
export class UsageError extends Error {}

/** Runs `parse`; on a UsageError prints it with the help to stderr and returns undefined (exit 2). */
export function parseOptions<T>(name: string, help: string, parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${name}: ${error.message}\n\n${help}`);
    return undefined;
  }
}

/** `--name`'s whole number (`1_000` and `1,000` allowed), `fallback` when absent, from `min` (to `max`). */
export function parseCount(name: string, value: string | undefined, fallback: number, min: number, max?: number): number {
  if (value === undefined) return fallback;
  const cleaned = value.replace(/[_,]/g, '');
  if (!/^\d+$/.test(cleaned)) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  const n = Number(cleaned);
  if (max !== undefined && (n < min || n > max)) throw new UsageError(`--${name} must be from ${min} to ${max}, got ${value}`);
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} must be at least ${min}, got ${value}`);
  return n;
}

// ---------------------------------------------------------------------------------------------------------------
// The run.

let ran = false;

/**
 * Runs the benchmark proper under the watchdog, with the signal and error handlers that make every way out clean
 * up, and cleans up at the end. Resolves with the benchmark's exit status.
 */
export async function guarded(name: string, timeoutMinutes: number, work: () => Promise<number>): Promise<number> {
  process.once('SIGINT', () => abort('SIGINT', 130));
  process.once('SIGTERM', () => abort('SIGTERM', 130));
  // A closed pipe (`… | head`) or a stray exception must not leave the embedded server or a child behind.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', (error) => abort(`output: ${error.message}`, 1));
  process.on('uncaughtException', (error) => {
    console.error(`${name}: ${error.stack ?? error.message}`);
    abort('uncaught exception', 1);
  });
  const watchdog = setTimeout(() => abort(`timeout: still running after ${timeoutMinutes} min`, 124), timeoutMinutes * 60_000);
  watchdog.unref();
  ran = true;
  try {
    return await work();
  } finally {
    await cleanup();
    clearTimeout(watchdog);
  }
}

/** The process's end: exits with `main`'s status, or 1 on an error; never hangs on a handle left open. */
export function runMain(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
      if (ran) progress(`done (exit ${code})`);
      setTimeout(() => process.exit(code), 5000).unref();
    },
    (error: unknown) => {
      if (interrupted) return; // the signal or timeout handler exits once cleanup is done
      console.error(`${name}: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exitCode = 1;
      setTimeout(() => process.exit(1), 5000).unref();
    },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Output.

/** A measurement with its target: a row of the results table. */
export interface Row {
  label: string;
  result: string;
  target?: string;
  verdict?: string;
  detail?: string;
}

export const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

/** A Markdown table, columns padded to their widest cell. */
export function table(header: string[], rows: string[][]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((row) => (row[c] ?? '').length)));
  const line = (row: string[]) => `| ${row.map((cell, c) => (cell ?? '').padEnd(widths[c])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)];
}

/** The results table: measurement, result, target, verdict, detail. */
export function resultsTable(rows: Row[]): string[] {
  return table(['Measurement', 'Result', 'Target', 'Verdict', 'Detail'], rows.map((r) => [r.label, r.result, r.target ?? '', r.verdict ?? '', r.detail ?? '']));
}

// ---------------------------------------------------------------------------------------------------------------
// The database.

/** A pg client whose connection errors (say, the database dropped under it by cleanup) are reported, not fatal. */
export function newClient(connectionString: string, role: string): Client {
  const client = new Client({ connectionString });
  client.on('error', (error) => progress(`${role} connection: ${error.message}`));
  return client;
}

export async function withClient<T>(url: string, role: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = newClient(url, role);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface BenchDatabase {
  url: string;
  description: string;
  serverVersion: string;
}

/**
 * A fresh database `<prefix>_<pid>`, dropped at cleanup, on DATABASE_URL's server (its role must be allowed to create
 * databases) or on an embedded PostgreSQL in a temp folder, started with `settings` and removed at cleanup.
 */
export async function openBenchDatabase(prefix: string, settings: Record<string, string> = {}): Promise<BenchDatabase> {
  const name = `${prefix}_${process.pid}`;
  let adminUrl = process.env.DATABASE_URL;
  let description: string;
  if (adminUrl) {
    const where = new URL(adminUrl);
    description = `PostgreSQL from DATABASE_URL (${where.hostname}:${where.port || '5432'}), database ${name}`;
  } else {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix.replace(/_/g, '-')}-`));
    let server: EmbeddedServer;
    try {
      server = await startEmbeddedPostgres({ dataDir, database: 'postgres', ephemeral: true, settings, log: (m) => progress(`postgres: ${m}`) });
    } catch (error) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
    onCleanup(async () => {
      progress('stopping the embedded PostgreSQL and removing its folder');
      await server.stop();
    });
    adminUrl = server.url;
    const listed = Object.entries(settings).map(([k, v]) => `${k}=${v}`);
    description = `embedded PostgreSQL in a temp folder (${listed.length > 0 ? `${listed.join(', ')}; other settings default` : 'default settings'}), database ${name}`;
  }
  const admin = adminUrl;
  const serverVersion = await withClient(admin, 'admin', async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}"`);
    await client.query(`CREATE DATABASE "${name}"`);
    return String((await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version);
  });
  onCleanup(() =>
    withClient(admin, 'admin', async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => client.query(`DROP DATABASE IF EXISTS "${name}"`));
      progress(`dropped database ${name}`);
    }),
  );
  return { url: withDatabase(admin, name), description, serverVersion };
}

// ---------------------------------------------------------------------------------------------------------------
// The service in a child process.

/** Stops a child with SIGTERM (SIGKILL after 15 s); resolves with its exit code. */
export function stopChild(child: ChildProcess, name: string): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const kill = setTimeout(() => {
      progress(`${name} did not stop within 15 s: SIGKILL`);
      child.kill('SIGKILL');
    }, 15_000);
    child.once('exit', (code) => {
      clearTimeout(kill);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}

/** Spawns `node args`, waits for a stdout line matching `ready`, returns the child and the match. */
export function spawnUntil(name: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp, timeoutMs = 120_000): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  onCleanup(async () => {
    const code = await stopChild(child, name);
    progress(`${name} stopped (exit ${code})`);
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) progress(`${name}: ${line}`);
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`${name} not ready after ${timeoutMs / 1000} s`)), timeoutMs);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it was ready`));
    };
    child.once('exit', onExit);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        progress(`${name}: ${line}`);
        const match = ready.exec(line);
        if (match) {
          clearTimeout(timer);
          child.off('exit', onExit);
          resolve({ child, match });
        }
      }
    });
  });
}

/** The repository root (this file runs from dist/bench/). */
export const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Starts the production build (`dist/src/main.js`, NODE_ENV=production) on `databaseUrl`, loading the shipped mappings,
 * with the rate limit out of the way (all load comes from one address); `env` adds or overrides variables.
 */
/**
 * CPU time (user + system, ms) a child process has used so far, from Linux's /proc/<pid>/stat; undefined elsewhere.
 * Per request, it says what the process itself spent, which other load on a shared machine barely changes (unlike
 * req/s). Ticks are taken as 10 ms (USER_HZ is 100 on Linux).
 */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** The service as startService starts it, with its process id (for processCpuMs). */
export async function startServiceProcess(databaseUrl: string, env: NodeJS.ProcessEnv = {}): Promise<{ url: string; pid: number | undefined }> {
  const all: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: '0',
    CROSSWALK_LOAD_MAPPINGS: 'true',
    CROSSWALK_MAPPINGS_DIR: path.join(ROOT, 'mappings'),
    RATE_LIMIT_PER_MINUTE: '1000000',
    ...env,
  };
  const { child, match } = await spawnUntil('service', [path.join(ROOT, 'dist/src/main.js')], all, /GraphQL at (http:\/\/127\.0\.0\.1:\d+)\/graphql/);
  return { url: match[1], pid: child.pid };
}

export async function startService(databaseUrl: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  return (await startServiceProcess(databaseUrl, env)).url;
}


/** A new organization and its first ADMIN key, made the way users make it: `org:create` (the compiled CLI). */
export function createOrganization(databaseUrl: string, name = 'Bench'): Promise<{ key: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/organizations/cli/create-org.js'), '--name', name], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const key = /^API key: (\S+)/m.exec(out)?.[1];
      if (code !== 0 || !key) reject(new Error(`org:create failed (exit ${code}): ${err.trim() || out.trim()}`));
      else resolve({ key });
    });
  });
}
