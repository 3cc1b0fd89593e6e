import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { FrameworkEntity } from '../../catalog/entities/framework.entity';
import { OrganizationEntity } from './organization.entity';

/** The framework versions an organization has in scope. */
@Entity({ name: 'scope' })
export class ScopeEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @PrimaryColumn({ name: 'framework_id', type: 'uuid' })
  frameworkId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_scope_organization' })
  organization?: Relation<OrganizationEntity>;

  @ManyToOne(() => FrameworkEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'framework_id', foreignKeyConstraintName: 'fk_scope_framework' })
  framework?: Relation<FrameworkEntity>;
}
