/** A tiny catalog for the import's unit tests: two versions of ISO, one SOC framework, a few refIds each. */
import type { LinkCatalog } from './link-spec';

const FRAMEWORKS = [
  { id: 'iso-2013', code: 'ISO', version: '2013' },
  { id: 'iso-2022', code: 'ISO', version: '2022' },
  { id: 'soc-2017', code: 'SOC', version: '2017' },
];
const REFS: Record<string, string[]> = {
  'iso-2013': ['A.5.1', 'A.9.1'],
  'iso-2022': ['A.5', 'A.5.1', 'A.5.2', 'A.5.15', 'A.8.1'],
  'soc-2017': ['CC6.1', 'CC6.2', 'GOVERN 1.1'],
};

export const tinyLinkCatalog: LinkCatalog = {
  frameworks: FRAMEWORKS,
  requirementByRef: (frameworkId, refId) => (REFS[frameworkId]?.includes(refId) ? { id: `${frameworkId}/${refId}` } : null),
  refIds: (frameworkId) => REFS[frameworkId] ?? [],
};
