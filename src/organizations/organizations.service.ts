import { Injectable, type OnModuleDestroy, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { TenantDb } from '../database/tenant-db';
import { recordAudit } from '../audit/audit-log';
import { DomainError, ErrorCode, NotFoundError } from '../common/errors/domain-error';
import { hashesMatch, hashSecret, newSecret, parseSecret } from './api-key-secret';
import type { Principal } from './auth/principal';
import { VerifiedKeyCache } from './auth/verified-key.cache';
import type { Role } from './role';

export interface CreatedKey {
  id: string;
  name: string;
  role: Role;
  secret: string;
  expiresAt: Date | null;
}

/** An API key as listed to its organization's ADMINs (never its secret or hash). */
export interface ListedKey {
  id: string;
  name: string;
  role: Role;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
}

/** How often, at most, one process records that a key was used (api_key_usage). */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** Organizations and their API keys: creation, authentication, listing, revocation. */
@Injectable()
export class OrganizationsService implements OnModuleDestroy {
  /** When this process last recorded each key's use, by key id. */
  private readonly usageNoted = new Map<string, number>();
  private readonly usageWrites = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tenantDb: TenantDb,
    /** Absent in the CLIs: every authentication reads the database. */
    @Optional() private readonly verified?: VerifiedKeyCache,
  ) {}

  /**
   * Checks `Authorization: Bearer <secret>`; UNAUTHENTICATED for a missing, malformed, unknown, revoked or expired
   * key. A key verified lately is answered from the VerifiedKeyCache without SQL.
   */
  async authenticate(header: string | undefined): Promise<Principal> {
    if (!header) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'this needs an API key: send Authorization: Bearer <key>');
    const secret = /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1];
    const ids = secret ? parseSecret(secret) : undefined;
    // Built only when refusing: an Error captures a stack trace, which every authenticated request would pay for.
    const invalid = () => new DomainError(ErrorCode.UNAUTHENTICATED, 'the API key is not valid (unknown, revoked or malformed)');
    if (!ids) throw invalid();
    const hash = hashSecret(secret!);
    const cached = this.verified?.get(hash);
    if (cached) {
      this.noteUse(cached);
      return cached;
    }
    const ticket = this.verified?.ticket() ?? 0;
    // The key names its organization, so even this lookup runs confined to it.
    const rows = await this.tenantDb.query<{ role: Role; secret_hash: string; revoked_at: Date | null; expires_at: Date | null }>(
      ids.organizationId,
      `SELECT role, secret_hash, revoked_at, expires_at FROM api_key WHERE organization_id = $1 AND id = $2`,
      [ids.organizationId, ids.keyId],
    );
    const key = rows[0];
    if (!key || key.revoked_at !== null || !hashesMatch(hash, key.secret_hash)) throw invalid();
    // Said only to whoever holds the whole secret: anyone else gets `invalid` above.
    if (key.expires_at !== null && key.expires_at.getTime() <= Date.now()) {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, `the API key expired at ${key.expires_at.toISOString()}; an ADMIN of your organization can create a new one`);
    }
    const principal: Principal = { organizationId: ids.organizationId, keyId: ids.keyId, role: key.role };
    this.verified?.put(hash, principal, key.expires_at?.getTime(), ticket);
    this.noteUse(principal);
    return principal;
  }

  /** The organization's API keys, oldest first, revoked and expired ones included. */
  listApiKeys(principal: Principal): Promise<ListedKey[]> {
    return this.tenantDb.query<ListedKey>(
      principal.organizationId,
      `SELECT k.id, k.name, k.role, k.created_at AS "createdAt", u.last_used_at AS "lastUsedAt", k.revoked_at AS "revokedAt", k.expires_at AS "expiresAt"
         FROM api_key k LEFT JOIN api_key_usage u ON u.organization_id = k.organization_id AND u.api_key_id = k.id
        WHERE k.organization_id = $1 ORDER BY k.created_at, k.id`,
      [principal.organizationId],
    );
  }

  /**
   * Records that a key was used, at most once per LAST_USED_RESOLUTION_MS per key in this process, without making the
   * request wait: the write runs on its own, and a failed one is only a missed timestamp.
   */
  private noteUse(principal: Principal): void {
    const now = Date.now();
    const last = this.usageNoted.get(principal.keyId);
    if (last !== undefined && now - last < LAST_USED_RESOLUTION_MS) return;
    if (this.usageNoted.size >= 10_000) this.usageNoted.clear();
    this.usageNoted.set(principal.keyId, now);
    // A write, so through `write` (reads are read-only); it also drops the organization's kept tenant state, at most
    // once a minute per key: cheaper than a second way to write that could be used for tenant-state changes.
    const write = this.tenantDb
      .write(principal.organizationId, (manager) =>
        manager.query(
          `INSERT INTO api_key_usage (organization_id, api_key_id, last_used_at) VALUES ($1, $2, now())
             ON CONFLICT (organization_id, api_key_id) DO UPDATE SET last_used_at = GREATEST(api_key_usage.last_used_at, excluded.last_used_at)`,
          [principal.organizationId, principal.keyId],
        ),
      )
      .then(
        () => undefined,
        () => undefined,
      );
    this.usageWrites.add(write);
    void write.finally(() => this.usageWrites.delete(write));
  }

  /** Lets usage writes in flight finish before the pool closes. */
  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.usageWrites);
  }

  /** A new organization with its first ADMIN key (for `npm run org:create`), which may expire. */
  /** The organization's name, read under its own tenant settings (RLS); NOT_FOUND on `org` when there is none (the CLIs name it). */
  async organizationName(organizationId: string): Promise<string> {
    const [org] = await this.tenantDb.query<{ name: string }>(organizationId, `SELECT name FROM organization WHERE id = $1`, [organizationId]);
    if (!org) throw new NotFoundError('org', `no organization ${organizationId}`);
    return org.name;
  }

  async createOrganization(name: string, expiresAt: Date | null = null): Promise<{ organizationId: string; key: CreatedKey }> {
    return this.db.transaction(async (manager) => {
      const [org]: Array<{ id: string }> = await manager.query(`INSERT INTO organization (name) VALUES ($1) RETURNING id`, [name]);
      await recordAudit(manager, { organizationId: org.id, keyId: null }, 'createOrganization', { type: 'organization', id: org.id }, null, { name });
      const key = await this.insertKey(manager, org.id, null, 'ADMIN', 'first admin key', expiresAt);
      return { organizationId: org.id, key };
    });
  }

  createApiKey(principal: Principal, role: Role, name: string, expiresAt: Date | null = null): Promise<CreatedKey> {
    return this.tenantDb.write(principal.organizationId, (manager) => this.insertKey(manager, principal.organizationId, principal.keyId, role, name, expiresAt));
  }

  async revokeApiKey(principal: Principal, keyId: string): Promise<boolean> {
    return this.tenantDb.write(principal.organizationId, async (manager) => {
      const rows: Array<{ id: string; name: string; role: Role; revoked_at: Date | null }> = await manager.query(
        `SELECT id, name, role, revoked_at FROM api_key WHERE organization_id = $1 AND id = $2 FOR UPDATE`,
        [principal.organizationId, keyId],
      );
      if (rows.length === 0) throw new NotFoundError('id', 'no API key with this id in your organization');
      if (rows[0].revoked_at !== null) return false;
      await manager.query(`UPDATE api_key SET revoked_at = now() WHERE organization_id = $1 AND id = $2`, [principal.organizationId, keyId]);
      await recordAudit(manager, principal, 'revokeApiKey', { type: 'api_key', id: keyId }, { name: rows[0].name, role: rows[0].role }, { revoked: true });
      return true;
    }).then((revoked) => {
      // The trigger's NOTIFY reaches every replica (this one too) shortly after the commit; this process forgets the
      // key at once, so its next request is refused here without waiting for it.
      if (revoked) this.verified?.drop(principal.organizationId, keyId);
      return revoked;
    });
  }

  private async insertKey(manager: EntityManager, organizationId: string, actorKeyId: string | null, role: Role, name: string, expiresAt: Date | null = null): Promise<CreatedKey> {
    const [{ id }]: Array<{ id: string }> = await manager.query(`SELECT gen_random_uuid() AS id`);
    const secret = newSecret(organizationId, id);
    await manager.query(`INSERT INTO api_key (organization_id, id, name, role, secret_hash, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`, [organizationId, id, name, role, hashSecret(secret), expiresAt]);
    const after = expiresAt ? { name, role, expiresAt: expiresAt.toISOString() } : { name, role };
    await recordAudit(manager, { organizationId, keyId: actorKeyId }, 'createApiKey', { type: 'api_key', id }, null, after);
    return { id, name, role, secret, expiresAt };
  }
}
