import { Column, CreateDateColumn, Entity } from 'typeorm';
import { UuidPrimaryKey } from '../../database/uuid-primary-key';

/** A tenant. Every tenant table carries its id as the first column of its primary key (ready to shard by tenant). */
@Entity({ name: 'organization' })
export class OrganizationEntity {
  @UuidPrimaryKey()
  id: string;

  @Column({ type: 'text' })
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
