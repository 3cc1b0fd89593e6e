/** How the exports name catalog things and when they were made, the same way in every sheet. */
import type { TenantCatalog } from '../own-catalog/tenant-catalog';

/**
 * What the exports read of the catalog: the public snapshot, or (for the tenant exports) the organization's
 * TenantCatalog, so that its own frameworks are named and resolved like public ones.
 */
export type CatalogLookup = Pick<TenantCatalog, 'framework' | 'requirement' | 'mappingSet' | 'resolveFramework' | 'requirementCount' | 'requirementPage'>;

/** `ISO27001:2022`. */
export function frameworkLabel(catalog: CatalogLookup, frameworkId: string): string {
  const f = catalog.framework(frameworkId)!;
  return `${f.code}:${f.version}`;
}

/** `ISO27001:2022 A.5.1`. */
export function requirementLabel(catalog: CatalogLookup, requirementId: string): string {
  const r = catalog.requirement(requirementId)!;
  return `${frameworkLabel(catalog, r.frameworkId)} ${r.refId}`;
}

/** The heading line that says when: `Generated 2026-12-05T10:00:00Z by Crosswalk`. */
export function generatedLine(generatedAt: Date): string {
  return `Generated ${generatedAt.toISOString().replace(/\.\d+Z$/, 'Z')} by Crosswalk`;
}
