import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { OrganizationEntity } from '../../organizations/entities/organization.entity';

/** A supplier of the organization, whose questionnaire answers count as its controls (issue 14, part 3). */
@Entity({ name: 'vendor' })
@Unique('uq_vendor_name', ['organizationId', 'name'])
@Check('chk_vendor_name', `length(btrim("name")) BETWEEN 1 AND 200`)
@Check('chk_vendor_contact', `"contact" IS NULL OR length("contact") <= 500`)
export class VendorEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid', primaryKeyConstraintName: 'pk_vendor' })
  organizationId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_vendor' })
  id: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_vendor_organization' })
  organization?: Relation<OrganizationEntity>;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  contact: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
