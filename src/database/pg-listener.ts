import { Client } from 'pg';

const FIRST_RETRY_MS = 250;
const LAST_RETRY_MS = 5_000;

export type ListenQuery = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

export interface PgListenerOptions {
  databaseUrl: string;
  channels: readonly string[];
  /** application_name of the connection, so that it can be found in pg_stat_activity. */
  applicationName: string;
  /** What is off while the connection is down, for the log line when it is lost. */
  offWhileDown: string;
  log?: (message: string) => void;
}

export interface PgListenerHandlers {
  /**
   * Runs on each new connection once LISTEN is in place (so nothing can slip between the two), e.g. to re-read the
   * state the notifications keep fresh; what it returns is called once the listener counts as up.
   */
  connected?(query: ListenQuery): Promise<(() => void) | void>;
  /** A notification on one of the channels, delivered only while the listener is up. */
  notified(channel: string, payload: string): void;
  /** The connection is lost (or the listener stopped): a notification may have been missed. */
  lost(): void;
}

/**
 * One PostgreSQL connection that LISTENs on a few channels, for in-process caches that a NOTIFY (sent at commit, by
 * any process) keeps fresh. While it is down a notification may be missed, so `up` is false and the caches it feeds
 * must not be trusted; it reconnects by itself, with backoff from 250 ms to 5 s.
 */
export class PgListener {
  private client: Client | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryMs = FIRST_RETRY_MS;
  private stopped = false;

  constructor(
    private readonly options: PgListenerOptions,
    private readonly handlers: PgListenerHandlers,
  ) {}

  get up(): boolean {
    return this.client !== undefined;
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
    if (client) this.handlers.lost();
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const { databaseUrl, applicationName, channels } = this.options;
    const client = new Client({ connectionString: databaseUrl, application_name: applicationName, connectionTimeoutMillis: 10_000 });
    let gone = false;
    const lost = (reason: string) => {
      if (gone) return; // 'error', 'end' and a failed connect may all report the same loss
      gone = true;
      const wasUp = this.client === client;
      if (wasUp) {
        this.client = undefined;
        this.handlers.lost();
      }
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      if (wasUp) this.options.log?.(`${applicationName}: watch lost (${reason}); ${this.options.offWhileDown} until it is back`);
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
      this.retryTimer.unref();
      this.retryMs = Math.min(this.retryMs * 2, LAST_RETRY_MS);
    };
    client.on('error', (error) => lost(error.message));
    client.on('end', () => lost('connection closed'));
    client.on('notification', (message) => {
      if (this.client === client && channels.includes(message.channel)) this.handlers.notified(message.channel, message.payload ?? '');
    });
    try {
      await client.connect();
      for (const channel of channels) await client.query(`LISTEN ${channel}`);
      const whenUp = await this.handlers.connected?.(async (sql, params) => (await client.query(sql, params)).rows);
      if (this.stopped) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      this.retryMs = FIRST_RETRY_MS;
      whenUp?.();
    } catch (error) {
      lost((error as Error).message);
    }
  }
}
