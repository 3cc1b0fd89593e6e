import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity';

/**
 * When an API key was last used. Kept apart from api_key because it is written while keys are only read: at most
 * once a minute per key and process, off the request path (OrganizationsService.noteUse).
 */
@Entity({ name: 'api_key_usage' })
export class ApiKeyUsageEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid', primaryKeyConstraintName: 'PK_api_key_usage' })
  organizationId: string;

  @PrimaryColumn({ name: 'api_key_id', type: 'uuid', primaryKeyConstraintName: 'PK_api_key_usage' })
  apiKeyId: string;

  @ManyToOne(() => ApiKeyEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'organization_id', referencedColumnName: 'organizationId', foreignKeyConstraintName: 'fk_api_key_usage_api_key' },
    { name: 'api_key_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_api_key_usage_api_key' },
  ])
  apiKey?: Relation<ApiKeyEntity>;

  @Column({ name: 'last_used_at', type: 'timestamptz' })
  lastUsedAt: Date;
}
