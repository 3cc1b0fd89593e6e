import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { RequirementEntity } from '../../catalog/entities/requirement.entity';
import { OrganizationEntity } from './organization.entity';

/** The Statement of Applicability: a requirement applies or is excluded, always with a justification. */
@Entity({ name: 'applicability' })
@Check('chk_applicability_justification', `length(btrim("justification")) > 0`)
export class ApplicabilityEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @PrimaryColumn({ name: 'requirement_id', type: 'uuid' })
  requirementId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_applicability_organization' })
  organization?: Relation<OrganizationEntity>;

  @ManyToOne(() => RequirementEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requirement_id', foreignKeyConstraintName: 'fk_applicability_requirement' })
  requirement?: Relation<RequirementEntity>;

  @Column({ type: 'boolean' })
  applicable: boolean;

  @Column({ type: 'text' })
  justification: string;

  /** The API key that last set this line (null when none did), as audit events name their actor. */
  @Column({ name: 'set_by_key_id', type: 'uuid', nullable: true })
  setByKeyId: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
