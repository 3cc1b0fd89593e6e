import type DataLoader from 'dataloader';
import { loaderById, loaderWithOptions } from '../common/dataloader/batch';
import type { Page } from '../common/paging/connection.model';
import { inverse } from '../graph/relationship';
import { type EdgeRow, type CrosswalksRepository } from './crosswalks.repository';
import type { Crosswalk } from './models/crosswalk.model';
import { toMappingSet } from './mapping-set.mapper';
import { CrosswalkDirection } from './models/enums';
import type { MappingSet } from './models/mapping-set.model';

export interface CrosswalkReadOptions {
  direction: CrosswalkDirection;
  /** Only edges whose far end is in one of these framework versions. */
  otherFrameworkIds?: string[];
}

/** Reads a stored edge from the side of `from`: against the stored direction, the relationship is inverted. */
export function readEdge(edge: EdgeRow, from: string): Crosswalk {
  const reversed = edge.sourceId !== from;
  return {
    sourceId: from,
    targetId: reversed ? edge.sourceId : edge.targetId,
    mappingSetId: edge.mappingSetId,
    relationship: reversed ? inverse(edge.relationship) : edge.relationship,
    rationale: edge.rationale,
    strength: edge.strength,
    note: edge.note,
    evidence: edge.evidence,
    condition: edge.condition,
    reversed,
  };
}

/** Per-request DataLoaders for crosswalk edges and mapping sets. */
export class CrosswalkLoaders {
  readonly crosswalks;
  readonly mappingSet: DataLoader<string, MappingSet | null>;
  readonly edgeCount;
  readonly edgePage;

  constructor(repository: CrosswalksRepository) {
    this.crosswalks = loaderWithOptions<CrosswalkReadOptions, Crosswalk[]>(async (ids, options) => {
      const direction = {
        outgoing: options.direction !== CrosswalkDirection.INCOMING,
        incoming: options.direction !== CrosswalkDirection.OUTGOING,
      };
      const edges = await repository.edgesTouching(ids, direction, options.otherFrameworkIds);
      const byRequirement = new Map<string, Crosswalk[]>(ids.map((id) => [id, []]));
      for (const edge of edges) {
        const from = edge.outgoing ? edge.sourceId : edge.targetId;
        byRequirement.get(from)?.push(readEdge(edge, from));
      }
      return byRequirement;
    }, () => []);
    this.mappingSet = loaderById(async (ids) => (await repository.mappingSetsByIds(ids)).map(toMappingSet));
    this.edgeCount = loaderWithOptions<null, number>((ids) => repository.edgeCounts(ids), () => 0);
    this.edgePage = loaderWithOptions<{ first: number; after?: number }, Page<EdgeRow>>(
      (ids, o) => repository.pageEdges(ids, o.first, o.after),
      () => ({ rows: [], totalCount: 0 }),
    );
  }
}
