import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { OrganizationEntity } from '../../organizations/entities/organization.entity';

/** An organization's declaration that one management system covers several standards (DESIGN, Domain model). */
@Entity({ name: 'management_system' })
@Unique('uq_management_system_name', ['organizationId', 'name'])
@Check('chk_management_system_name', `length(btrim("name")) BETWEEN 1 AND 200`)
export class ManagementSystemEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_management_system_organization' })
  organization?: Relation<OrganizationEntity>;

  @Column({ type: 'text' })
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
