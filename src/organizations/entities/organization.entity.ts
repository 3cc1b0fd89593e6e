import { Column, CreateDateColumn, Entity } from 'typeorm';
import { UuidPrimaryKey } from '../../database/uuid-primary-key';

/** A tenant. Every tenant table carries its id as the first column of its primary key (ready to shard by tenant). */
@Entity({ name: 'organization' })
export class OrganizationEntity {
  @UuidPrimaryKey()
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** Grows with every change to the organization's own catalog (migration OwnFrameworks). */
  @Column({ name: 'own_catalog_version', type: 'integer', default: 0 })
  ownCatalogVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
