import { Args, Query, Resolver } from '@nestjs/graphql';
import { TenantDb } from '../database/tenant-db';
import { toConnection } from '../common/paging/connection.model';
import { decodeCursor, encodeCursor } from '../common/paging/cursor';
import { PageArgs } from '../common/paging/page.args';
import { CurrentPrincipal } from '../organizations/auth/current-principal.decorator';
import type { Principal } from '../organizations/auth/principal';
import { RequireKey } from '../organizations/auth/roles.decorator';
import { AuditEvent, AuditEventConnection } from './audit-event.model';

@Resolver(() => AuditEvent)
export class AuditResolver {
  constructor(private readonly tenantDb: TenantDb) {}

  @Query(() => AuditEventConnection, { description: "The organization's audit trail, oldest first (ADMIN, AUDITOR)." })
  @RequireKey('ADMIN', 'AUDITOR')
  async auditEvents(@CurrentPrincipal() principal: Principal, @Args() args: PageArgs) {
    const after = decodeCursor('a', args.after);
    // One after the other: the tenant transaction is one client, which runs one statement at a time (pg queues a
    // second one sent meanwhile, warns, and will refuse it in pg 9).
    const [rows, [{ n }]] = await this.tenantDb.run(principal.organizationId, async (manager) => [
      (await manager.query(
        `SELECT id, api_key_id AS "apiKeyId", operation, entity_type AS "entityType", entity_id AS "entityId", before, after,
                occurred_at AS "occurredAt", sequence::int AS sequence
           FROM audit_event WHERE organization_id = $1 AND sequence > $2 ORDER BY sequence LIMIT $3`,
        [principal.organizationId, after ?? 0, args.first + 1],
      )) as AuditEvent[],
      (await manager.query(`SELECT count(*)::int AS n FROM audit_event WHERE organization_id = $1`, [principal.organizationId])) as Array<{ n: number }>,
    ] as const);
    return toConnection({ rows, totalCount: n }, args.first, after, (e) => encodeCursor('a', e.sequence), (e) => e);
  }
}
