/**
 * Reads what the coverage engine needs of one organization from PostgreSQL (the catalog's graph is in the in-memory
 * snapshot, src/catalog/catalog-snapshot.ts): its controls, links, applicability decisions, scope and management systems (three
 * statements, one after the other: they run in the tenant's transaction, on one client, which pg lets run one statement
 * at a time). The links stay plain rows: measured at 20,000 links (issue 11), folding them into aggregates (json_agg,
 * string_agg, links grouped per control) cost PostgreSQL more than it saved the driver, and rows already arrive in
 * the shape returned; the three small parts share one round trip.
 */
import type { Query } from '../catalog/catalog.repository';
import type { DeclaredSystem } from '../graph/management-systems';
import type { TenantInput } from '../graph/tenant-state';

export type { Query };

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
