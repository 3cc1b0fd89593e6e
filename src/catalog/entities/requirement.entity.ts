import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import { FrameworkEntity } from './framework.entity';
import { UuidPrimaryKey } from '../../database/uuid-primary-key';

/**
 * A node of a framework version: a clause, control, criterion, subcategory, … Keys are stable across reloads:
 * (framework, refId). `position` is document order within the framework, and the paging order.
 */
@Entity({ name: 'requirement' })
@Unique('uq_requirement_framework_ref', ['frameworkId', 'refId'])
@Unique('uq_requirement_seq', ['seq'])
@Index('ix_requirement_framework_position', ['frameworkId', 'position'])
@Index('ix_requirement_parent', ['parentId'])
@Index('ix_requirement_organization', ['organizationId'], { where: '"organization_id" IS NOT NULL' })
@Check('chk_requirement_withdrawn_not_assessable', 'NOT "withdrawn" OR NOT "assessable"')
@Check('chk_requirement_depth', '"depth" >= 0')
@Check('chk_requirement_not_own_parent', '"parent_id" IS NULL OR "parent_id" <> "id"')
export class RequirementEntity {
  @UuidPrimaryKey()
  id: string;

  /** The owning organization, as its framework's; null for the public catalog. */
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @Column({ name: 'framework_id', type: 'uuid' })
  frameworkId: string;

  @ManyToOne(() => FrameworkEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'framework_id', foreignKeyConstraintName: 'fk_requirement_framework' })
  framework?: Relation<FrameworkEntity>;

  @Column({ name: 'ref_id', type: 'varchar', length: 80 })
  refId: string;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => RequirementEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_requirement_parent' })
  parent?: Relation<RequirementEntity> | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  text: string | null;

  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'boolean' })
  assessable: boolean;

  @Column({ name: 'hs_clause', type: 'varchar', length: 20, nullable: true })
  hsClause: string | null;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'smallint' })
  depth: number;

  /** The OSCAL `id` of an imported control or group. */
  @Column({ name: 'oscal_id', type: 'varchar', length: 200, nullable: true })
  oscalId: string | null;

  @Column({ type: 'text', nullable: true })
  guidance: string | null;

  /** Assessment objectives, as text. */
  @Column({ type: 'text', nullable: true })
  objectives: string | null;

  /** An OSCAL control with status withdrawn: kept, never assessable. */
  @Column({ type: 'boolean', default: false })
  withdrawn: boolean;

  /** The ISO/IEC 22989 AI roles the requirement concerns (mappings/README.md); null means every role. */
  @Column({ name: 'ai_roles', type: 'text', array: true, nullable: true })
  aiRoles: string[] | null;

  /** Why the requirement concerns those roles, in our own words; set with ai_roles. */
  @Column({ name: 'role_note', type: 'text', nullable: true })
  roleNote: string | null;

  /** A small integer that stands for the requirement in the cold tenant read (migration TenantReadSeqs). */
  @Column({ type: 'integer', generated: 'identity', generatedIdentity: 'BY DEFAULT' })
  seq: number;
}
