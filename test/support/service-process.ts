/**
 * The built service (`dist/src/main.js`) as a child process, as it runs in production, for the tests that signal or
 * kill things under it (graceful-shutdown, database-faults): an in-process server (server.ts) cannot be SIGTERMed, and
 * its exit code cannot be checked. Also the small timing helpers those tests poll with, and a raw HTTP client.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as http from 'node:http';
import * as net from 'node:net';

export interface ServiceProcess {
  child: ChildProcess;
  port: number;
  /** Everything the service wrote so far, stdout and stderr interleaved. */
  output: () => string;
  /** The exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

export interface Outcome {
  status?: number;
  body?: string;
  /** ECONNREFUSED, ECONNRESET, TIMEOUT, ABORTED, ... */
  error?: string;
  /** performance.now() when it settled. */
  at: number;
  ms: number;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port nothing listens on right now, so each service (or database) gets its own without configuration. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Polls `condition` every `everyMs` until it holds, and returns how long that took: tests wait on states of other
 * processes (locks, logs, readiness), which no event announces. Throws after `timeoutMs`, naming `what`.
 */
export async function until(
  what: string,
  condition: () => Promise<boolean> | boolean,
  timeoutMs = 10_000,
  everyMs = 20,
): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
  return Date.now() - started;
}

/** The promise's value, or `late` if it takes longer than `ms` (without leaving a timer behind). */
export async function within<T, L>(promise: Promise<T>, ms: number, late: L): Promise<T | L> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<L>((resolve) => (timer = setTimeout(() => resolve(late), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One request on a connection of its own (no keep-alive pool), so "a new connection" means exactly that and one stuck
 * socket cannot hold up the next request. Never rejects: a transport failure is an `error`, and a request that takes
 * longer than `timeoutMs` (default 30 s) is destroyed and reported as TIMEOUT, so a hang shows instead of stalling.
 */
export function request(
  port: number,
  urlPath: string,
  options: { body?: unknown; key?: string; timeoutMs?: number } = {},
): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const settle = (o: Omit<Outcome, 'at' | 'ms'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...o, at: performance.now(), ms: performance.now() - started });
    };
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: urlPath,
        method: payload ? 'POST' : 'GET',
        agent: false,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => settle({ status: res.statusCode, body: text }));
        res.on('error', (e: NodeJS.ErrnoException) => settle({ error: e.code ?? e.message }));
        res.on('close', () => settle({ error: 'ABORTED' }));
      },
    );
    req.setTimeout(options.timeoutMs ?? 30_000, () => {
      settle({ error: 'TIMEOUT' });
      req.destroy();
    });
    req.on('error', (e: NodeJS.ErrnoException) => settle({ error: e.code ?? e.message }));
    req.end(payload);
  });
}

export interface StartServiceOptions {
  databaseUrl: string;
  /** More environment for the service, e.g. CROSSWALK_LOAD_MAPPINGS (NODE_ENV is production unless set here). */
  env?: NodeJS.ProcessEnv;
  /** How long /health/ready may take to answer 200 (a start that loads the catalog takes longer). Default 30 s. */
  readyTimeoutMs?: number;
  /** How often /health/ready is asked meanwhile. Default 50 ms. */
  pollMs?: number;
}

/**
 * Starts `dist/src/main.js` (build first) on a free port with NODE_ENV=production, and resolves once /health/ready
 * answers 200, so a test begins against a service that takes requests. Rejects, with its output, if the service exits
 * first or is not ready in time.
 */
export async function startService(options: StartServiceOptions): Promise<ServiceProcess> {
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      ...options.env,
      DATABASE_URL: options.databaseUrl,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}:\n${output}`);
    if ((await request(port, '/health/ready', { timeoutMs: 2000 })).status === 200) break;
    if (Date.now() - started > readyTimeoutMs) {
      throw new Error(`service not ready after ${readyTimeoutMs / 1000} s:\n${output}`);
    }
    await sleep(options.pollMs ?? 50);
  }
  return { child, port, output: () => output, exited };
}

/**
 * Ends the service if it still runs, and waits for it to be gone, so no test leaves a process behind. With `graceMs`,
 * SIGTERM first and SIGKILL only if it has not exited by then (a clean shutdown); without, SIGKILL at once.
 */
export async function stopService(service: ServiceProcess | undefined, graceMs = 0): Promise<void> {
  if (!service || service.child.exitCode !== null || service.child.signalCode !== null) return;
  if (graceMs <= 0) {
    service.child.kill('SIGKILL');
    await service.exited;
    return;
  }
  service.child.kill('SIGTERM');
  const timer = setTimeout(() => service.child.kill('SIGKILL'), graceMs);
  await service.exited;
  clearTimeout(timer);
}
