import type { CrosswalkCondition, Rationale, Relationship } from '../graph/relationship';
import type { MappingSetEntity } from './entities/mapping-set.entity';

/** A crosswalk edge as stored. */
export interface EdgeRow {
  mappingSetId: string;
  sourceId: string;
  targetId: string;
  relationship: Relationship;
  rationale: Rationale | null;
  strength: number;
  note: string | null;
  evidence: string[];
  condition: CrosswalkCondition | null;
  position: number;
}

/** A mapping set as stored. */
export type MappingSetRow = Omit<MappingSetEntity, 'sourceFramework' | 'targetFramework'>;
