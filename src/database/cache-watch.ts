import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { PgListener } from './pg-listener';

/** A per-process cache that a LISTEN connection keeps honest: it keeps and serves nothing while `watching` is false. */
export interface WatchedCache {
  setWatching(watching: boolean): void;
}

export interface CacheWatchOptions {
  channel: string;
  /** application_name of the connection, to find it in pg_stat_activity. */
  applicationName: string;
  /** What is off while the connection is down, for the "watch lost" log line. */
  offWhileDown: string;
  /** The Nest logger's context. */
  loggerName: string;
}

/**
 * A PgListener (on the application's database) that Nest starts once the application is up and stops on close, for a
 * cache that notifications keep fresh: the cache is on only while the connection is up, and starts empty each time it
 * comes back, since a notification may have been missed meanwhile. Subclasses say what a notification drops.
 */
export abstract class CacheWatch implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly listener: PgListener;

  protected constructor(db: DataSource, cache: WatchedCache, options: CacheWatchOptions) {
    const logger = new Logger(options.loggerName);
    this.listener = new PgListener(
      {
        databaseUrl: (db.options as { url: string }).url,
        channels: [options.channel],
        applicationName: options.applicationName,
        offWhileDown: options.offWhileDown,
        log: (message) => logger.warn(message),
      },
      {
        connected: async () => () => cache.setWatching(true),
        notified: (_channel, payload) => this.notified(payload),
        lost: () => cache.setWatching(false),
      },
    );
  }

  /** A notification's payload, heard while the connection is up. */
  protected abstract notified(payload: string): void;

  get up(): boolean {
    return this.listener.up;
  }

  onApplicationBootstrap(): Promise<void> {
    return this.listener.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.listener.stop();
  }
}
