/** How a mapping set was made, after the OSCAL control-mapping model's provenance. */
export const MAPPING_METHODS = ['human', 'automation', 'hybrid'] as const;
export type MappingMethod = (typeof MAPPING_METHODS)[number];

export const MAPPING_STATUSES = ['draft', 'complete'] as const;
export type MappingStatus = (typeof MAPPING_STATUSES)[number];

export interface SourceDocument {
  title: string;
  url?: string;
  note?: string;
}
