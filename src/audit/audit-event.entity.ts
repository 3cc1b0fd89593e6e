import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One change to tenant data: who (key), what (operation, entity), before and after, when. Append-only. */
@Entity({ name: 'audit_event' })
@Index('ix_audit_event_time', ['organizationId', 'sequence'])
@Index('ix_audit_event_import', ['organizationId', 'importId'])
export class AuditEventEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Global order of events, for paging and for replaying the trail. */
  @Column({ type: 'bigint', generated: 'increment' })
  sequence: string;

  @Column({ name: 'api_key_id', type: 'uuid', nullable: true })
  apiKeyId: string | null;

  @Column({ type: 'varchar', length: 40 })
  operation: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 40 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId: string;

  @Column({ type: 'jsonb', nullable: true })
  before: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after: unknown;

  /** The control inventory import that made the change (one id per import); null for every other write. */
  @Column({ name: 'import_id', type: 'uuid', nullable: true })
  importId: string | null;

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
}
