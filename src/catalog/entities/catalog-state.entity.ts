import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A single row recording what the catalog holds: the content hash of the `mappings/` files last loaded, and a
 * version that goes up with every load, so that each process can tell when its in-memory catalog is stale.
 */
@Entity({ name: 'catalog_state' })
@Check('chk_catalog_state_single_row', '"id" = 1')
export class CatalogStateEntity {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  @Column({ name: 'content_hash', type: 'varchar', length: 64 })
  contentHash: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'loaded_at', type: 'timestamptz' })
  loadedAt: Date;

  @Column({ name: 'framework_count', type: 'integer' })
  frameworkCount: number;

  @Column({ name: 'requirement_count', type: 'integer' })
  requirementCount: number;

  @Column({ name: 'edge_count', type: 'integer' })
  edgeCount: number;
}
