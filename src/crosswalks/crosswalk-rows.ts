import type { CatalogGraphInput } from '../graph/catalog-graph';
import type { CrosswalkCondition } from '../graph/relationship';
import type { MappingSetEntity } from './entities/mapping-set.entity';

/** A crosswalk edge as stored: what the engine reads of it, and what clients see besides. */
export type EdgeRow = CatalogGraphInput['edges'][number] & {
  condition: CrosswalkCondition | null;
  note: string | null;
  evidence: string[];
  position: number;
  /** OSCAL detail an import kept (migration OwnFrameworks); absent in rows that predate it. */
  equivalent?: boolean;
  coverage?: number | null;
  confidenceScore?: Record<string, unknown> | null;
  oscalUuid?: string | null;
};

/** A mapping set as stored. */
export type MappingSetRow = Omit<MappingSetEntity, 'sourceFramework' | 'targetFramework'>;
