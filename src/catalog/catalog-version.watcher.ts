import { Client } from 'pg';
import { readCatalogVersion } from '../coverage/coverage.repository';

/** The channel migration CatalogChangeNotify1795896000000 notifies on every catalog_state change. */
export const CATALOG_CHANNEL = 'crosswalk_catalog';

const FIRST_RETRY_MS = 250;
const LAST_RETRY_MS = 5_000;

/**
 * Knows the loaded catalog's version without asking the database on every request. A trigger on catalog_state
 * notifies CATALOG_CHANNEL whenever a load (from any process) commits; the watcher LISTENs on a connection of its own.
 *
 * `version` is undefined while that connection is down, or before it is up: a notification may have been missed, so
 * nothing cached may be trusted. It reconnects by itself (backoff from 250 ms to 5 s), re-reads the version once
 * LISTEN is in place (so no load can slip between the two), and tells its listeners about every change.
 */
export class CatalogVersionWatcher {
  private current: number | undefined;
  private client: Client | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryMs = FIRST_RETRY_MS;
  private stopped = false;
  private readonly listeners = new Set<(version: number | undefined) => void>();

  constructor(
    private readonly databaseUrl: string,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  get version(): number | undefined {
    return this.current;
  }

  /** Calls `listener` with every new version, and with undefined when the watch is lost. */
  onChange(listener: (version: number | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Nest starts the watcher with the application and stops it on close. */
  onModuleInit(): Promise<void> {
    return this.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  /** Connects; resolves once the first attempt has succeeded or failed (a failed one keeps retrying). */
  start(): Promise<void> {
    this.stopped = false;
    return this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    this.set(undefined);
    await client?.end().catch(() => undefined);
  }

  private set(version: number | undefined): void {
    if (version === this.current) return;
    this.current = version;
    for (const listener of this.listeners) listener(version);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'crosswalk-catalog-watch', connectionTimeoutMillis: 10_000 });
    let gone = false;
    const lost = (reason: string) => {
      if (gone) return; // 'error', 'end' and a failed connect may all report the same loss
      gone = true;
      const wasUp = this.client === client;
      if (wasUp) {
        this.client = undefined;
        this.set(undefined);
      }
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      if (wasUp) this.log(`catalog watch lost (${reason}); cached catalog responses are off until it is back (query cost weights keep the last catalog's)`);
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
      this.retryTimer.unref();
      this.retryMs = Math.min(this.retryMs * 2, LAST_RETRY_MS);
    };
    client.on('error', (error) => lost(error.message));
    client.on('end', () => lost('connection closed'));
    client.on('notification', (message) => {
      const version = Number(message.payload);
      if (this.client === client && message.channel === CATALOG_CHANNEL && Number.isSafeInteger(version)) this.set(version);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CATALOG_CHANNEL}`);
      const version = await readCatalogVersion(async (sql, params) => (await client.query(sql, params)).rows);
      if (this.stopped) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      this.retryMs = FIRST_RETRY_MS;
      this.set(version);
    } catch (error) {
      lost((error as Error).message);
    }
  }
}
