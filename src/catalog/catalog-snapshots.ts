import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CatalogSnapshot } from './catalog-snapshot';
import { CatalogVersionWatcher } from './catalog-version.watcher';
import { readCatalogRows, readCatalogVersion } from './catalog.repository';

/**
 * The process's one catalog snapshot. It is read at start-up and again whenever CatalogVersionWatcher reports a new
 * catalog version (a load by any process commits), so a request takes the current snapshot without a statement.
 *
 * While the watch is down a notification may have been missed: each request then asks the database for the version
 * (one indexed read) and rebuilds when it moved, so nothing stale is served. Concurrent requests share one rebuild.
 */
@Injectable()
export class CatalogSnapshots implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Catalog');
  private current: CatalogSnapshot | undefined;
  private building: Promise<CatalogSnapshot> | undefined;
  private readonly listeners = new Set<(snapshot: CatalogSnapshot) => void>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly watcher: CatalogVersionWatcher,
  ) {}

  /**
   * Snapshots for a command-line tool (npm run export, npm run import) over its own connection. The version watcher is
   * never started, which the class treats as a watch that is down: every read asks the database for the catalog
   * version and rebuilds when it moved (one indexed read), so a one-off command reads the catalog as the service does
   * and needs no LISTEN connection.
   */
  static unwatched(db: DataSource): CatalogSnapshots {
    const { options } = db;
    return new CatalogSnapshots(db, new CatalogVersionWatcher(options.type === 'postgres' ? (options.url ?? '') : ''));
  }

  async onModuleInit(): Promise<void> {
    this.unsubscribe = this.watcher.onChange((version) => {
      if (version !== undefined && version !== this.current?.version) {
        this.atLeast(version).catch((error: unknown) => this.logger.error(`catalog snapshot not rebuilt: ${String(error)}`));
      }
    });
    await this.rebuild();
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /** The current catalog: no statement while the watch vouches for the snapshot in hand. */
  async get(): Promise<CatalogSnapshot> {
    const known = this.watcher.version;
    if (known !== undefined && this.current?.version === known) return this.current;
    return this.atLeast(known ?? (await readCatalogVersion((sql, params) => this.db.query(sql, params))));
  }

  /** Calls `listener` with every snapshot built from now on (the query cost weights follow the catalog this way). */
  onSnapshot(listener: (snapshot: CatalogSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The newest snapshot in hand once it is at least `version` (versions only grow). */
  private async atLeast(version: number): Promise<CatalogSnapshot> {
    let snapshot = this.current;
    // A rebuild already under way may have read an older version: wait for it, then read again. Two rounds at most.
    for (let round = 0; round < 3 && (!snapshot || snapshot.version < version); round += 1) snapshot = await this.rebuild();
    return snapshot!;
  }

  private rebuild(): Promise<CatalogSnapshot> {
    this.building ??= (async () => {
      try {
        const snapshot = new CatalogSnapshot(await readCatalogRows(this.db));
        if (!this.current || snapshot.version >= this.current.version) {
          this.current = snapshot;
          for (const listener of this.listeners) listener(snapshot);
        }
        return this.current;
      } finally {
        this.building = undefined;
      }
    })();
    return this.building;
  }
}
