import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { sqlIn } from '../../database/sql-in';
import { OrganizationEntity } from '../../organizations/entities/organization.entity';
import { CONTROL_STATUSES, type ControlStatus } from '../control-status';

/** An organization's own control. `version` is the optimistic lock: an update names the version it read. */
@Entity({ name: 'control' })
@Unique('uq_control_code', ['organizationId', 'code'])
@Check('chk_control_status', `"status" IN (${sqlIn(CONTROL_STATUSES)})`)
@Check('chk_control_version', '"version" >= 1')
export class ControlEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_control_organization' })
  organization?: Relation<OrganizationEntity>;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', nullable: true })
  owner: string | null;

  @Column({ type: 'varchar', length: 20 })
  status: ControlStatus;

  @Column({ type: 'integer', default: 1 })
  version: number;

  /**
   * The control's links as the cold tenant read sends them (requirement seq × 2, plus 1 when FULL; comma-separated),
   * kept by triggers on control_link (migration TenantReadSeqs). Derived: never written by the service.
   */
  @Column({ type: 'text', default: '' })
  links: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
