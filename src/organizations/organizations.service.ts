import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { TenantDb } from '../database/tenant-db';
import { recordAudit } from '../audit/audit-log';
import { DomainError, ErrorCode, NotFoundError } from '../common/errors/domain-error';
import { hashSecret, newSecret, parseSecret, secretMatches } from './api-key-secret';
import type { Principal } from './auth/principal';
import type { Role } from './role';

export interface CreatedKey {
  id: string;
  name: string;
  role: Role;
  secret: string;
}

/** Organizations and their API keys: creation, authentication, revocation. */
@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tenantDb: TenantDb,
  ) {}

  /** Checks `Authorization: Bearer <secret>`; UNAUTHENTICATED for a missing, malformed, unknown or revoked key. */
  async authenticate(header: string | undefined): Promise<Principal> {
    if (!header) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'this needs an API key: send Authorization: Bearer <key>');
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    const ids = match ? parseSecret(match[1]) : undefined;
    // Built only when refusing: an Error captures a stack trace, which every authenticated request would pay for.
    const invalid = () => new DomainError(ErrorCode.UNAUTHENTICATED, 'the API key is not valid (unknown, revoked or malformed)');
    if (!ids) throw invalid();
    // The key names its organization, so even this lookup runs confined to it.
    const rows = await this.tenantDb.query<{ role: Role; secret_hash: string; revoked_at: Date | null }>(
      ids.organizationId,
      `SELECT role, secret_hash, revoked_at FROM api_key WHERE organization_id = $1 AND id = $2`,
      [ids.organizationId, ids.keyId],
    );
    const key = rows[0];
    if (!key || key.revoked_at !== null || !secretMatches(match![1], key.secret_hash)) throw invalid();
    return { organizationId: ids.organizationId, keyId: ids.keyId, role: key.role };
  }

  /** A new organization with its first ADMIN key (for `npm run org:create`). */
  async createOrganization(name: string): Promise<{ organizationId: string; key: CreatedKey }> {
    return this.db.transaction(async (manager) => {
      const [org]: Array<{ id: string }> = await manager.query(`INSERT INTO organization (name) VALUES ($1) RETURNING id`, [name]);
      await recordAudit(manager, { organizationId: org.id, keyId: null }, 'createOrganization', { type: 'organization', id: org.id }, null, { name });
      const key = await this.insertKey(manager, org.id, null, 'ADMIN', 'first admin key');
      return { organizationId: org.id, key };
    });
  }

  createApiKey(principal: Principal, role: Role, name: string): Promise<CreatedKey> {
    return this.tenantDb.run(principal.organizationId, (manager) => this.insertKey(manager, principal.organizationId, principal.keyId, role, name));
  }

  async revokeApiKey(principal: Principal, keyId: string): Promise<boolean> {
    return this.tenantDb.run(principal.organizationId, async (manager) => {
      const rows: Array<{ id: string; name: string; role: Role; revoked_at: Date | null }> = await manager.query(
        `SELECT id, name, role, revoked_at FROM api_key WHERE organization_id = $1 AND id = $2 FOR UPDATE`,
        [principal.organizationId, keyId],
      );
      if (rows.length === 0) throw new NotFoundError('id', 'no API key with this id in your organization');
      if (rows[0].revoked_at !== null) return false;
      await manager.query(`UPDATE api_key SET revoked_at = now() WHERE organization_id = $1 AND id = $2`, [principal.organizationId, keyId]);
      await recordAudit(manager, principal, 'revokeApiKey', { type: 'api_key', id: keyId }, { name: rows[0].name, role: rows[0].role }, { revoked: true });
      return true;
    });
  }

  private async insertKey(manager: EntityManager, organizationId: string, actorKeyId: string | null, role: Role, name: string): Promise<CreatedKey> {
    const [{ id }]: Array<{ id: string }> = await manager.query(`SELECT gen_random_uuid() AS id`);
    const secret = newSecret(organizationId, id);
    await manager.query(`INSERT INTO api_key (organization_id, id, name, role, secret_hash) VALUES ($1, $2, $3, $4, $5)`, [organizationId, id, name, role, hashSecret(secret)]);
    await recordAudit(manager, { organizationId, keyId: actorKeyId }, 'createApiKey', { type: 'api_key', id }, null, { name, role });
    return { id, name, role, secret };
  }
}
