import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { OrganizationEntity } from '../../organizations/entities/organization.entity';

/** The AI roles (ISO/IEC 22989) an organization declares it holds: one row per organization, replaced as a whole. */
@Entity({ name: 'ai_role_declaration' })
export class AiRoleDeclarationEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_ai_role_declaration_organization' })
  organization?: Relation<OrganizationEntity>;

  @Column({ type: 'text', array: true })
  roles: string[];

  /** The API key that set the declaration (null when none did), as audit events name their actor. */
  @Column({ name: 'set_by_key_id', type: 'uuid', nullable: true })
  setByKeyId: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
