/**
 * As root, the embedded PostgreSQL keeps everything in the data folder the user named: the cluster, and the binaries
 * when the postgres user cannot reach them in node_modules. When it cannot reach the named folder itself, start-up
 * stops with an error naming the folder in the way, and creates nothing anywhere (no cluster under /var/lib, no
 * binaries in the temp folder).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { DataDirUnreachableError, startEmbeddedPostgres } from '../../src/database/embedded-postgres';

const asRoot = process.getuid?.() === 0 ? describe : describe.skip;
const tmpEntries = () => new Set(fs.readdirSync(os.tmpdir()));
const lib = fs.existsSync('/var/lib/crosswalk') ? () => fs.readdirSync('/var/lib/crosswalk') : () => [];
let scratch: string;

beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-datadir-'));
  fs.chmodSync(scratch, 0o755);
});
afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

asRoot('as root', () => {
  it('refuses a data folder the postgres user cannot reach, naming the folder in the way, and creates nothing', async () => {
    const closed = path.join(scratch, 'home');
    fs.mkdirSync(closed, { mode: 0o700 });
    const dataDir = path.join(closed, 'project', '.crosswalk');
    const [tmpBefore, libBefore] = [tmpEntries(), lib()];
    const start = startEmbeddedPostgres({ dataDir, ephemeral: true });
    await expect(start).rejects.toThrow(DataDirUnreachableError);
    await expect(start).rejects.toThrow(new RegExp(`cannot pass through ${closed} \\(mode 700\\).*CROSSWALK_DATA_DIR.*setfacl -m u:postgres:x ${closed}`));
    expect(fs.readdirSync(closed)).toEqual([]); // not even the folders on the way
    expect([...tmpEntries()].filter((entry) => !tmpBefore.has(entry))).toEqual([]);
    expect(lib()).toEqual(libBefore);
  });

  it('places binaries it cannot reach in node_modules inside the data folder, and a stop of a throwaway folder removes them', async () => {
    // A private copy of the platform package's native folder stands in for a project under /root.
    const native = path.dirname(path.dirname(((await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { initdb: string }).initdb));
    const privateDir = path.join(scratch, 'private');
    fs.mkdirSync(privateDir, { mode: 0o700 });
    fs.cpSync(native, path.join(privateDir, 'native'), { recursive: true, verbatimSymlinks: true });
    const binaries = { initdb: path.join(privateDir, 'native', 'bin', 'initdb'), pg_ctl: path.join(privateDir, 'native', 'bin', 'pg_ctl') };
    const dataDir = path.join(scratch, 'data');
    const tmpBefore = tmpEntries();

    const server = await startEmbeddedPostgres({ dataDir, binaries, settings: { fsync: 'off' } });
    try {
      const client = new Client({ connectionString: server.url });
      await client.connect();
      expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      await client.end();
      const placed = fs.readdirSync(dataDir).filter((entry) => entry.startsWith('postgres-bin-'));
      expect(placed).toHaveLength(1);
      expect(fs.existsSync(path.join(dataDir, placed[0], 'bin', 'postgres'))).toBe(true);
      expect(fs.existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
      expect(fs.statSync(dataDir).uid).not.toBe(0); // given to the postgres user
      expect([...tmpEntries()].filter((entry) => !tmpBefore.has(entry))).toEqual([]);
    } finally {
      await server.stop();
    }

    const again = await startEmbeddedPostgres({ dataDir, binaries, ephemeral: true, settings: { fsync: 'off' } });
    await again.stop();
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});
