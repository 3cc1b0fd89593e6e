import { PgListener } from '../database/pg-listener';
import { readCatalogVersion } from './catalog.repository';

/** The channel migration CatalogChangeNotify1795896000000 notifies on every catalog_state change. */
export const CATALOG_CHANNEL = 'crosswalk_catalog';

/**
 * Knows the loaded catalog's version without asking the database on every request. A trigger on catalog_state
 * notifies CATALOG_CHANNEL whenever a load (from any process) commits; the watcher LISTENs on a connection of its own
 * (PgListener).
 *
 * `version` is undefined while that connection is down, or before it is up: a notification may have been missed, so
 * nothing cached may be trusted. It reconnects by itself, re-reads the version once LISTEN is in place (so no load can
 * slip between the two), and tells its listeners about every change.
 */
export class CatalogVersionWatcher {
  private current: number | undefined;
  private readonly listener: PgListener;
  private readonly listeners = new Set<(version: number | undefined) => void>();

  constructor(databaseUrl: string, log: (message: string) => void = () => undefined) {
    this.listener = new PgListener(
      { databaseUrl, channels: [CATALOG_CHANNEL], applicationName: 'crosswalk-catalog-watch', offWhileDown: "cached catalog responses are off (query cost weights keep the last catalog's)", log },
      {
        connected: async (query) => {
          const version = await readCatalogVersion(query);
          return () => this.set(version);
        },
        notified: (_channel, payload) => {
          const version = Number(payload);
          if (Number.isSafeInteger(version)) this.set(version);
        },
        lost: () => this.set(undefined),
      },
    );
  }

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
    return this.listener.start();
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }

  private set(version: number | undefined): void {
    if (version === this.current) return;
    this.current = version;
    for (const listener of this.listeners) listener(version);
  }
}
