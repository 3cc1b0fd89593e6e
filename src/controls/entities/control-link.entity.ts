import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { RequirementEntity } from '../../catalog/entities/requirement.entity';
import { sqlIn } from '../../database/sql-in';
import { LINK_COVERAGES, type LinkCoverage } from '../control-status';
import { ControlEntity } from './control.entity';

/** A control satisfies a requirement of any framework, fully or partly. */
@Entity({ name: 'control_link' })
@Index('ix_control_link_requirement', ['organizationId', 'requirementId'])
@Check('chk_control_link_coverage', `"coverage" IN (${sqlIn(LINK_COVERAGES)})`)
export class ControlLinkEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @PrimaryColumn({ name: 'control_id', type: 'uuid' })
  controlId: string;

  @PrimaryColumn({ name: 'requirement_id', type: 'uuid' })
  requirementId: string;

  @ManyToOne(() => ControlEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'organization_id', referencedColumnName: 'organizationId' },
    { name: 'control_id', referencedColumnName: 'id' },
  ])
  control?: Relation<ControlEntity>;

  @ManyToOne(() => RequirementEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requirement_id', foreignKeyConstraintName: 'fk_control_link_requirement' })
  requirement?: Relation<RequirementEntity>;

  @Column({ type: 'varchar', length: 10 })
  coverage: LinkCoverage;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
