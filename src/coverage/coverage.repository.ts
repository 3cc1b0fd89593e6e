/**
 * Reads what the coverage engine needs from PostgreSQL: the whole catalog graph (three statements, when the catalog
 * version changes) and one organization's controls, links, applicability decisions, scope and management systems (five
 * statements per request, one after the other: they run in the tenant's transaction, on one client, which pg lets run
 * one statement at a time).
 */
import type { CatalogGraphInput } from '../graph/catalog-graph';
import type { DeclaredSystem } from '../graph/management-systems';
import type { TenantInput } from '../graph/tenant-state';

export type Query = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

export async function readCatalogGraphInput(query: Query): Promise<CatalogGraphInput & { version: number }> {
  const [[state], frameworks, requirements, mappingSets, edges] = await Promise.all([
    query<{ version: number }>(`SELECT version FROM catalog_state WHERE id = 1`),
    query<{ id: string; code: string; version: string }>(`SELECT id, code, version FROM framework ORDER BY code, version`),
    query<{ id: string; frameworkId: string; refId: string; title: string; assessable: boolean; parentId: string | null }>(
      `SELECT id, framework_id AS "frameworkId", ref_id AS "refId", title, assessable, parent_id AS "parentId"
         FROM requirement ORDER BY framework_id, position`,
    ),
    query<{ id: string; key: string }>(`SELECT id, key FROM mapping_set ORDER BY key`),
    query<CatalogGraphInput['edges'][number]>(
      `SELECT mapping_set_id AS "mappingSetId", source_requirement_id AS "sourceId", target_requirement_id AS "targetId",
              relationship, rationale, strength, condition FROM crosswalk_edge ORDER BY mapping_set_id, position`,
    ),
  ]);
  return { version: state?.version ?? 0, frameworks, requirements, mappingSets, edges };
}

export async function readCatalogVersion(query: Query): Promise<number> {
  const [state] = await query<{ version: number }>(`SELECT version FROM catalog_state WHERE id = 1`);
  return state?.version ?? 0;
}

export async function readTenantInput(query: Query, organizationId: string): Promise<TenantInput & { scope: string[]; systems: DeclaredSystem[] }> {
  const controls = await query<TenantInput['controls'][number]>(`SELECT id, code, status FROM control WHERE organization_id = $1 ORDER BY code`, [organizationId]);
  const links = await query<TenantInput['links'][number]>(
    `SELECT control_id AS "controlId", requirement_id AS "requirementId", coverage FROM control_link WHERE organization_id = $1`,
    [organizationId],
  );
  const decisions = await query<{ id: string; applicable: boolean }>(`SELECT requirement_id AS id, applicable FROM applicability WHERE organization_id = $1`, [organizationId]);
  const scope = await query<{ id: string }>(`SELECT framework_id AS id FROM scope WHERE organization_id = $1`, [organizationId]);
  const systems = await query<{ frameworkIds: string[] }>(
    `SELECT array_agg(framework_id) AS "frameworkIds" FROM management_system_framework WHERE organization_id = $1 GROUP BY management_system_id`,
    [organizationId],
  );
  return {
    controls,
    links,
    // Both kinds of decision: an inclusion stops an excluded heading's cascade (graph/applicability-cascade.ts).
    excludedRequirementIds: decisions.filter((d) => !d.applicable).map((d) => d.id),
    includedRequirementIds: decisions.filter((d) => d.applicable).map((d) => d.id),
    scope: scope.map((r) => r.id),
    systems,
  };
}
