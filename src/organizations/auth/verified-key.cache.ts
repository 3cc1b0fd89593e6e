import type { Principal } from './principal';

const MAX_ENTRIES = 10_000;

interface Entry {
  principal: Principal;
  /** Epoch ms after which the key no longer authenticates; undefined: never expires. */
  expiresAt: number | undefined;
}

/**
 * The API keys this process has verified lately, by the SHA-256 hash of their secret, so that an authenticated request
 * costs no SQL statement. Entries go when a key row changes (revocation: KeyRevocationWatch hears the NOTIFY that the
 * trigger on api_key sends at commit, from any replica), when it expires (checked on every read), and all of them
 * when the watch connection is lost: while it is down a revocation could be missed, so nothing is served or kept
 * until it is back (`watching`).
 *
 * A verification read from the database before a revocation and put here after its notification would bring the key
 * back; so a lookup takes a `ticket()` before reading, and `put` keeps nothing when anything was dropped meanwhile.
 */
export class VerifiedKeyCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private watching = false;

  constructor(private readonly maxEntries = MAX_ENTRIES) {}

  /** Whether revocations are being heard; the cache is empty and unused while they are not. */
  setWatching(watching: boolean): void {
    this.watching = watching;
    this.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  get(secretHash: string, now = Date.now()): Principal | undefined {
    if (!this.watching) return undefined;
    const entry = this.entries.get(secretHash);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= now) {
      this.entries.delete(secretHash);
      return undefined;
    }
    return entry.principal;
  }

  /** Take before reading a key from the database; hand to `put`. */
  ticket(): number {
    return this.generation;
  }

  put(secretHash: string, principal: Principal, expiresAt: number | undefined, ticket: number): void {
    if (!this.watching || ticket !== this.generation) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(secretHash, { principal, expiresAt });
  }

  /** Forgets one key (revoked, or otherwise changed). */
  drop(organizationId: string, keyId: string): void {
    this.generation += 1;
    for (const [hash, entry] of this.entries) {
      if (entry.principal.keyId === keyId && entry.principal.organizationId === organizationId) this.entries.delete(hash);
    }
  }

  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }
}
