import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrganizationEntity } from '../../organizations/entities/organization.entity';
import type { Relation } from 'typeorm';
import { FrameworkEntity } from '../../catalog/entities/framework.entity';
import { sqlIn } from '../../database/sql-in';
import { MAPPING_METHODS, MAPPING_STATUSES, type MappingMethod, type MappingStatus, type SourceDocument } from '../provenance';
import { UuidPrimaryKey } from '../../database/uuid-primary-key';

/** A directed set of crosswalk edges from one framework version to another, with its provenance. */
@Entity({ name: 'mapping_set' })
@Index('uq_mapping_set_public_key', ['key'], { unique: true, where: '"organization_id" IS NULL' })
@Index('uq_mapping_set_own_key', ['organizationId', 'key'], { unique: true, where: '"organization_id" IS NOT NULL' })
@Index('ix_mapping_set_organization', ['organizationId'], { where: '"organization_id" IS NOT NULL' })
@Index('ix_mapping_set_source', ['sourceFrameworkId'])
@Index('ix_mapping_set_target', ['targetFrameworkId'])
@Check('chk_mapping_set_method', `"method" IN (${sqlIn(MAPPING_METHODS)})`)
@Check('chk_mapping_set_status', `"status" IN (${sqlIn(MAPPING_STATUSES)})`)
export class MappingSetEntity {
  @UuidPrimaryKey()
  id: string;

  /** The owning organization; null for the public catalog. */
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_mapping_set_organization' })
  organization?: OrganizationEntity | null;

  /** Stable identifier from the file (`iso27001-2022__iso42001-2023`). */
  @Column({ type: 'varchar', length: 120 })
  key: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'source_framework_id', type: 'uuid' })
  sourceFrameworkId: string;

  @ManyToOne(() => FrameworkEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'source_framework_id', foreignKeyConstraintName: 'fk_mapping_set_source_framework' })
  sourceFramework?: Relation<FrameworkEntity>;

  @Column({ name: 'target_framework_id', type: 'uuid' })
  targetFrameworkId: string;

  @ManyToOne(() => FrameworkEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_framework_id', foreignKeyConstraintName: 'fk_mapping_set_target_framework' })
  targetFramework?: Relation<FrameworkEntity>;

  @Column({ type: 'varchar', length: 20 })
  method: MappingMethod;

  @Column({ type: 'varchar', length: 20 })
  status: MappingStatus;

  @Column({ type: 'text' })
  author: string;

  @Column({ name: 'published_on', type: 'date' })
  publishedOn: string;

  @Column({ type: 'text' })
  licence: string;

  /** True when every requirement of the source was considered, so a missing edge means "no relationship". */
  @Column({ type: 'boolean' })
  comprehensive: boolean;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  sources: SourceDocument[];

  /** OSCAL provenance an import kept for writing the set back (uuid, status, rationale, confidence score). */
  @Column({ type: 'jsonb', nullable: true })
  oscal: Record<string, unknown> | null;

  /** The file it was loaded from, relative to `mappings/`. */
  @Column({ name: 'source_file', type: 'text' })
  sourceFile: string;
}
