import type { EntityManager } from 'typeorm';

export interface AuditActor {
  organizationId: string;
  keyId: string | null;
}

/** The head of the audit INSERT: recordAudit's, and a write's that records its event in the same statement as its change. */
export const AUDIT_INSERT = `INSERT INTO audit_event (organization_id, api_key_id, operation, entity_type, entity_id, before, after)`;

/**
 * Writes one audit event in the caller's transaction, so an event exists exactly when its change does. The table is
 * append-only (a database trigger refuses UPDATE, DELETE and TRUNCATE).
 */
export async function recordAudit(
  manager: EntityManager,
  actor: AuditActor,
  operation: string,
  entity: { type: string; id: string },
  before: unknown,
  after: unknown,
): Promise<void> {
  await manager.query(
    `${AUDIT_INSERT} VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`,
    [actor.organizationId, actor.keyId, operation, entity.type, entity.id, before === undefined ? null : JSON.stringify(before), after === undefined ? null : JSON.stringify(after)],
  );
}
