import type { MappingSetRow } from './crosswalk-rows';
import { type MappingMethodEnum, type MappingStatusEnum } from './models/enums';
import type { MappingSet } from './models/mapping-set.model';

export function toMappingSet(row: MappingSetRow): MappingSet {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    sourceFrameworkId: row.sourceFrameworkId,
    targetFrameworkId: row.targetFrameworkId,
    own: row.organizationId !== null && row.organizationId !== undefined,
    provenance: {
      method: row.method as MappingMethodEnum,
      status: row.status as MappingStatusEnum,
      author: row.author,
      date: row.publishedOn,
      licence: row.licence,
      comprehensive: row.comprehensive,
      sources: row.sources,
      sourceFile: row.sourceFile,
    },
  };
}
