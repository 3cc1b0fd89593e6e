import type { CatalogGraphInput } from '../graph/catalog-graph';
import type { CrosswalkCondition } from '../graph/relationship';
import type { MappingSetEntity } from './entities/mapping-set.entity';

/** A crosswalk edge as stored: what the engine reads of it, and what clients see besides. */
export type EdgeRow = CatalogGraphInput['edges'][number] & {
  condition: CrosswalkCondition | null;
  note: string | null;
  evidence: string[];
  position: number;
};

/** A mapping set as stored. */
export type MappingSetRow = Omit<MappingSetEntity, 'sourceFramework' | 'targetFramework'>;
