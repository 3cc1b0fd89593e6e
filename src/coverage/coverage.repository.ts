/**
 * Reads what the coverage engine needs from PostgreSQL: the whole catalog graph (three statements, when the catalog
 * version changes) and one organization's controls, links, applicability decisions, scope and management systems (three
 * statements, one after the other: they run in the tenant's transaction, on one client, which pg lets run one statement
 * at a time). The links stay plain rows: measured at 20,000 links (issue 11), folding them into aggregates (json_agg,
 * string_agg, links grouped per control) cost PostgreSQL more than it saved the driver, and rows already arrive in
 * the shape returned; the three small parts share one round trip.
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
  // The three small parts in one round trip, each already in the shape returned: JSON arrays that pg parses natively.
  const [rest] = await query<{ excluded: string[]; included: string[]; scope: string[]; systems: DeclaredSystem[] }>(
    `SELECT d.excluded, d.included, s.scope, m.systems
       FROM (SELECT coalesce(json_agg(requirement_id) FILTER (WHERE NOT applicable), '[]') AS excluded,
                    coalesce(json_agg(requirement_id) FILTER (WHERE applicable), '[]') AS included
               FROM applicability WHERE organization_id = $1) d,
            (SELECT coalesce(json_agg(framework_id), '[]') AS scope FROM scope WHERE organization_id = $1) s,
            (SELECT coalesce(json_agg(json_build_object('frameworkIds', g.ids)), '[]') AS systems
               FROM (SELECT json_agg(framework_id) AS ids FROM management_system_framework WHERE organization_id = $1 GROUP BY management_system_id) g) m`,
    [organizationId],
  );
  return {
    controls,
    links,
    // Both kinds of decision: an inclusion stops an excluded heading's cascade (graph/applicability-cascade.ts).
    excludedRequirementIds: rest.excluded,
    includedRequirementIds: rest.included,
    scope: rest.scope,
    systems: rest.systems,
  };
}
