import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { FrameworkEntity } from '../../catalog/entities/framework.entity';
import { ManagementSystemEntity } from './management-system.entity';

/**
 * A framework version one management system covers. The primary key (organization, framework) is the rule that a
 * standard belongs to at most one management system of an organization.
 */
@Entity({ name: 'management_system_framework' })
@Index('ix_management_system_framework_system', ['organizationId', 'managementSystemId'])
export class ManagementSystemFrameworkEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @PrimaryColumn({ name: 'framework_id', type: 'uuid' })
  frameworkId: string;

  @Column({ name: 'management_system_id', type: 'uuid' })
  managementSystemId: string;

  @ManyToOne(() => ManagementSystemEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'organization_id', referencedColumnName: 'organizationId' },
    { name: 'management_system_id', referencedColumnName: 'id' },
  ])
  managementSystem?: Relation<ManagementSystemEntity>;

  @ManyToOne(() => FrameworkEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'framework_id', foreignKeyConstraintName: 'fk_management_system_framework_framework' })
  framework?: Relation<FrameworkEntity>;
}
