/**
 * Reads what the coverage engine needs of one organization from PostgreSQL (the catalog's graph is in the in-memory
 * snapshot, src/catalog/catalog-snapshot.ts): its controls, links, applicability decisions, scope and management
 * systems, in one statement, in the tenant's row-level-security transaction (TenantDb.run).
 *
 * This is what a per-organization tenant-state cache miss costs, so it is built for size (issue 11, 20,000 links):
 * - links come with their control: control.links holds each control's links as integers (requirement seq × 2, plus
 *   1 for FULL), kept by triggers on control_link (migration TenantReadSeqs). So the read visits one row per control,
 *   not one per link, and sends about 6 characters a link instead of a row of UUIDs;
 * - the engine maps a requirement's seq through the catalog graph (PackedLinks in graph/tenant-state.ts); a link's
 *   control is the control whose list it came in;
 * - every other part is a JSON array that pg parses natively;
 * - the organization's own_catalog_version comes along, so its own catalog is read only when it changed.
 */
import type { Query } from '../catalog/catalog.repository';
import { integerListLength, parseIntegerListInto } from '../database/integer-list';
import type { DeclaredSystem } from '../graph/management-systems';
import type { ControlStatus, PackedLinks, TenantControl, TenantInput } from '../graph/tenant-state';

export type { Query };

/** `ownCatalogVersion`: organization.own_catalog_version, which says whether its kept own catalog is current (OwnCatalogs). */
export type TenantRead = TenantInput & { links: PackedLinks; scope: string[]; systems: DeclaredSystem[]; ownCatalogVersion: number };

/** Controls in code order, each as [id, code, status, links]; links as control.links holds them. */
export const TENANT_READ_SQL = `
SELECT c.controls, d.excluded, d.included, s.scope, m.systems,
       (SELECT own_catalog_version FROM organization WHERE id = $1) AS own_version
  FROM (SELECT coalesce(json_agg(json_build_array(id, code, status, links) ORDER BY code), '[]') AS controls
          FROM control WHERE organization_id = $1) c,
       (SELECT coalesce(json_agg(requirement_id) FILTER (WHERE NOT applicable), '[]') AS excluded,
               coalesce(json_agg(requirement_id) FILTER (WHERE applicable), '[]') AS included
          FROM applicability WHERE organization_id = $1) d,
       (SELECT coalesce(json_agg(framework_id), '[]') AS scope FROM scope WHERE organization_id = $1) s,
       (SELECT coalesce(json_agg(json_build_object('frameworkIds', g.ids)), '[]') AS systems
          FROM (SELECT json_agg(framework_id) AS ids FROM management_system_framework WHERE organization_id = $1 GROUP BY management_system_id) g) m`;

interface Row {
  controls: Array<[string, string, ControlStatus, string]>;
  excluded: string[];
  included: string[];
  scope: string[];
  systems: DeclaredSystem[];
  own_version: number | null;
}

export async function readTenantInput(query: Query, organizationId: string): Promise<TenantRead> {
  const [row] = await query<Row>(TENANT_READ_SQL, [organizationId]);
  const controls: TenantControl[] = new Array(row.controls.length);
  let count = 0;
  for (let c = 0; c < row.controls.length; c++) {
    const [id, code, status, list] = row.controls[c];
    controls[c] = { id, code, status };
    count += integerListLength(list);
  }
  const codes = new Float64Array(count);
  const links: PackedLinks = { control: new Int32Array(count), requirementSeq: new Int32Array(count), full: new Uint8Array(count) };
  let at = 0;
  for (let c = 0; c < row.controls.length; c++) {
    const end = parseIntegerListInto(row.controls[c][3], codes, at, 'of control links');
    links.control.fill(c, at, end);
    at = end;
  }
  for (let l = 0; l < count; l++) {
    links.requirementSeq[l] = Math.floor(codes[l] / 2);
    links.full[l] = codes[l] % 2;
  }
  return {
    controls,
    links,
    // Both kinds of decision: an inclusion stops an excluded heading's cascade (graph/applicability-cascade.ts).
    excludedRequirementIds: row.excluded,
    includedRequirementIds: row.included,
    scope: row.scope,
    systems: row.systems,
    ownCatalogVersion: Number(row.own_version ?? 0),
  };
}
