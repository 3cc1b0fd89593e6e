import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn } from 'typeorm';
import { OrganizationEntity } from '../../organizations/entities/organization.entity';
import { FRAMEWORK_KINDS, type FrameworkKind } from '../framework-kind';
import { sqlIn } from '../../database/sql-in';
import { UuidPrimaryKey } from '../../database/uuid-primary-key';

/**
 * One version of a framework (ISO27001:2022, SOC2:2017, …): public ones loaded from `mappings/frameworks/*.yaml`, an
 * organization's own (`organizationId`) imported or made by it (migration OwnFrameworks).
 */
@Entity({ name: 'framework' })
@Index('uq_framework_public_code_version', ['code', 'version'], { unique: true, where: '"organization_id" IS NULL' })
@Index('uq_framework_own_code_version', ['organizationId', 'code', 'version'], { unique: true, where: '"organization_id" IS NOT NULL' })
@Index('ix_framework_organization', ['organizationId'], { where: '"organization_id" IS NOT NULL' })
@Check('chk_framework_kind', `"kind" IN (${sqlIn(FRAMEWORK_KINDS)})`)
export class FrameworkEntity {
  @UuidPrimaryKey()
  id: string;

  /** The owning organization; null for the public catalog. */
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_framework_organization' })
  organization?: OrganizationEntity | null;

  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'varchar', length: 40 })
  version: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  publisher: string;

  @Column({ type: 'varchar', length: 40 })
  kind: FrameworkKind;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'licence_note', type: 'text' })
  licenceNote: string;

  /** Where the identifiers and titles came from: [{ title, url?, note? }]. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  sources: Array<{ title: string; url?: string; note?: string }>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
