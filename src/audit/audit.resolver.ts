import { Args, Query, Resolver } from '@nestjs/graphql';
import { TenantDb } from '../database/tenant-db';
import { toConnection } from '../common/paging/connection.model';
import { decodeCursor, encodeCursor } from '../common/paging/cursor';
import { AuditEventsArgs } from './audit-event.args';
import { CurrentPrincipal } from '../organizations/auth/current-principal.decorator';
import type { Principal } from '../organizations/auth/principal';
import { RequireKey } from '../organizations/auth/roles.decorator';
import { AuditEvent, AuditEventConnection } from './audit-event.model';

@Resolver(() => AuditEvent)
export class AuditResolver {
  constructor(private readonly tenantDb: TenantDb) {}

  @Query(() => AuditEventConnection, { description: "The organization's audit trail, oldest first (ADMIN, AUDITOR); `filter.importId` narrows it to one import's events." })
  @RequireKey('ADMIN', 'AUDITOR')
  async auditEvents(@CurrentPrincipal() principal: Principal, @Args() args: AuditEventsArgs) {
    const after = decodeCursor('a', args.after);
    const importId = args.filter?.importId ?? null;
    // The same condition for the page and the count: an import's events, or all of them.
    const where = `organization_id = $1 AND ($2::uuid IS NULL OR import_id = $2)`;
    // One after the other: the tenant transaction is one client, which runs one statement at a time (pg queues a
    // second one sent meanwhile, warns, and will refuse it in pg 9).
    const [rows, [{ n }]] = await this.tenantDb.run(principal.organizationId, async (manager) => [
      (await manager.query(
        `SELECT id, api_key_id AS "apiKeyId", operation, entity_type AS "entityType", entity_id AS "entityId", before, after,
                import_id AS "importId", occurred_at AS "occurredAt", sequence::int AS sequence
           FROM audit_event WHERE ${where} AND sequence > $3 ORDER BY sequence LIMIT $4`,
        [principal.organizationId, importId, after ?? 0, args.first + 1],
      )) as AuditEvent[],
      (await manager.query(`SELECT count(*)::int AS n FROM audit_event WHERE ${where}`, [principal.organizationId, importId])) as Array<{ n: number }>,
    ] as const);
    return toConnection({ rows, totalCount: n }, args.first, after, (e) => encodeCursor('a', e.sequence), (e) => e);
  }
}
