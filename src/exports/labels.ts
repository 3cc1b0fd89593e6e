/** How the exports name catalog things and when they were made, the same way in every sheet. */
import type { CatalogSnapshot } from '../catalog/catalog-snapshot';

/** `ISO27001:2022`. */
export function frameworkLabel(catalog: CatalogSnapshot, frameworkId: string): string {
  const f = catalog.framework(frameworkId)!;
  return `${f.code}:${f.version}`;
}

/** `ISO27001:2022 A.5.1`. */
export function requirementLabel(catalog: CatalogSnapshot, requirementId: string): string {
  const r = catalog.requirement(requirementId)!;
  return `${frameworkLabel(catalog, r.frameworkId)} ${r.refId}`;
}

/** The heading line that says when: `Generated 2026-12-05T10:00:00Z by Crosswalk`. */
export function generatedLine(generatedAt: Date): string {
  return `Generated ${generatedAt.toISOString().replace(/\.\d+Z$/, 'Z')} by Crosswalk`;
}
