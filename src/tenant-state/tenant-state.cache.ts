import { LRUCache } from 'lru-cache';

/** Most organizations kept, whatever their size: the byte bound is the one that normally applies. */
export const TENANT_STATE_MAX_ENTRIES = 10_000;

export interface TenantStateCacheOptions<T> {
  /** Estimated bytes of all entries together; 0 turns the cache off (every request loads). */
  maxBytes: number;
  maxEntries?: number;
  /** An estimate of what one entry holds, in bytes (at least 1). */
  sizeOf(value: T): number;
}

interface Stored<T> {
  basis: unknown;
  value: T;
}

/** One load in flight for one organization: its generation. Invalidation ends it (it is no longer `pending`'s). */
interface Load<T> {
  basis: unknown;
  promise: Promise<T>;
}

/**
 * One value per organization (its tenant state, as the coverage engine reads it), kept between requests until that
 * organization's next write, in this process or any other. Entries go:
 * - on `invalidate(organizationId)`: this process calls it right after its own write commits (TenantDb.write), and
 *   TenantChangeWatch calls it when the NOTIFY of a commit anywhere arrives;
 * - when they were built on another `basis` than the caller's (the catalog graph: a catalog load must not leave an
 *   entry built on the old one);
 * - least recently used first, when the estimated bytes pass `maxBytes`;
 * - all of them, while the change notifications are not heard (`setWatching(false)`): a write could then be missed, so
 *   nothing is kept or served until they are back, and every request loads from the database.
 *
 * Concurrent requests for one organization share one load. A load that an invalidation overtook (it may have read
 * before the write committed) is returned to the callers that asked for it but never stored: each load is a
 * generation of its organization, and invalidation starts a new one.
 */
export class TenantStateCache<T> {
  private readonly entries: LRUCache<string, Stored<T>> | undefined;
  private readonly pending = new Map<string, Load<T>>();
  private watching = false;

  constructor(options: TenantStateCacheOptions<T>) {
    if (!Number.isFinite(options.maxBytes) || options.maxBytes < 0) throw new Error(`tenant-state cache: maxBytes must be 0 or more, got ${options.maxBytes}`);
    this.entries =
      options.maxBytes === 0
        ? undefined
        : new LRUCache<string, Stored<T>>({
            max: options.maxEntries ?? TENANT_STATE_MAX_ENTRIES,
            maxSize: options.maxBytes,
            sizeCalculation: (stored) => Math.max(1, Math.ceil(options.sizeOf(stored.value))),
          });
  }

  /** Whether entries may be kept and served: only while the change notifications are heard. */
  get enabled(): boolean {
    return this.entries !== undefined && this.watching;
  }

  /** The number of organizations kept (tests and diagnostics). */
  get size(): number {
    return this.entries?.size ?? 0;
  }

  /** The bytes kept, as estimated (tests and diagnostics). */
  get bytes(): number {
    return this.entries?.calculatedSize ?? 0;
  }

  /** Whether an entry for the organization is kept (on any basis), without touching its recency. */
  has(organizationId: string): boolean {
    return this.entries?.has(organizationId) ?? false;
  }

  /** Called by the watch: on losing its connection (false) and once LISTEN is back in place (true). Both empty the cache. */
  setWatching(watching: boolean): void {
    this.watching = watching;
    this.clear();
  }

  get(organizationId: string, basis: unknown, load: () => Promise<T>): Promise<T> {
    const entries = this.entries;
    if (!entries || !this.watching) return load();
    const stored = entries.get(organizationId);
    if (stored && stored.basis === basis) return Promise.resolve(stored.value);
    const running = this.pending.get(organizationId);
    if (running && running.basis === basis) return running.promise;
    // A load on another basis still running is abandoned: it ends without storing, since it is no longer pending.
    const current = { basis } as Load<T>;
    this.pending.set(organizationId, current);
    current.promise = this.settle(entries, organizationId, current, load);
    return current.promise;
  }

  private async settle(entries: LRUCache<string, Stored<T>>, organizationId: string, current: Load<T>, load: () => Promise<T>): Promise<T> {
    try {
      const value = await load();
      if (this.pending.get(organizationId) === current && this.watching) entries.set(organizationId, { basis: current.basis, value });
      return value;
    } finally {
      if (this.pending.get(organizationId) === current) this.pending.delete(organizationId);
    }
  }

  /**
   * The organization's value grew (something derived from it was memoized in it): counts its size again, so the byte
   * bound stays true. Does nothing unless `value` is what is stored.
   */
  resize(organizationId: string, value: T): void {
    const stored = this.entries?.peek(organizationId);
    if (stored?.value === value) this.entries!.set(organizationId, stored);
  }

  /** Forgets the organization's entry and any load of it in flight (its result will not be stored). */
  invalidate(organizationId: string): void {
    this.pending.delete(organizationId);
    this.entries?.delete(organizationId);
  }

  clear(): void {
    this.pending.clear();
    this.entries?.clear();
  }
}
