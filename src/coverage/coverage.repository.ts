/**
 * Reads what the coverage engine needs of one organization from PostgreSQL (the catalog's graph is in the in-memory
 * snapshot, src/catalog/catalog-snapshot.ts): its controls, links, applicability decisions, scope and management
 * systems, in one statement, in the tenant's row-level-security transaction (TenantDb.run).
 *
 * This is what a per-organization tenant-state cache miss costs, so it is built for size (issue 11, 20,000 links):
 * - links go as integers, not UUIDs: each link row carries its control's and requirement's `seq` (migration
 *   TenantReadSeqs), and they are aggregated into two comma-separated lists from control_link alone, with no join;
 *   about 10 characters a link instead of about 90, and one string for the driver instead of a row object per link;
 * - the engine maps a requirement's seq through the catalog graph (PackedLinks in graph/tenant-state.ts), and a
 *   control's seq is mapped here to its place in the controls returned;
 * - every other part is a JSON array that pg parses natively.
 */
import type { Query } from '../catalog/catalog.repository';
import { parseIntegerList } from '../database/integer-list';
import type { DeclaredSystem } from '../graph/management-systems';
import { SeqIndex } from '../graph/seq-index';
import type { ControlStatus, PackedLinks, TenantControl, TenantInput } from '../graph/tenant-state';

export type { Query };

export type TenantRead = TenantInput & { links: PackedLinks; scope: string[]; systems: DeclaredSystem[] };

/**
 * Controls in code order, as [seq, id, code, status]. Links: `linkControls` holds each link's control seq and
 * `linkRequirements` its requirement seq × 2, plus 1 when the link is FULL (the coverage check constraint allows only
 * FULL and PARTIAL), both in the same order (one aggregate pass over the same rows) and `linkCount` long.
 */
export const TENANT_READ_SQL = `
SELECT c.controls, l.count AS "linkCount", l.controls AS "linkControls", l.requirements AS "linkRequirements",
       d.excluded, d.included, s.scope, m.systems
  FROM (SELECT coalesce(json_agg(json_build_array(seq, id, code, status) ORDER BY code), '[]') AS controls
          FROM control WHERE organization_id = $1) c,
       (SELECT count(*)::int AS count, coalesce(string_agg(control_seq::text, ','), '') AS controls,
               coalesce(string_agg((requirement_seq::int8 * 2 + (coverage = 'FULL')::int)::text, ','), '') AS requirements
          FROM control_link WHERE organization_id = $1) l,
       (SELECT coalesce(json_agg(requirement_id) FILTER (WHERE NOT applicable), '[]') AS excluded,
               coalesce(json_agg(requirement_id) FILTER (WHERE applicable), '[]') AS included
          FROM applicability WHERE organization_id = $1) d,
       (SELECT coalesce(json_agg(framework_id), '[]') AS scope FROM scope WHERE organization_id = $1) s,
       (SELECT coalesce(json_agg(json_build_object('frameworkIds', g.ids)), '[]') AS systems
          FROM (SELECT json_agg(framework_id) AS ids FROM management_system_framework WHERE organization_id = $1 GROUP BY management_system_id) g) m`;

interface Row {
  controls: Array<[number, string, string, ControlStatus]>;
  linkCount: number;
  linkControls: string;
  linkRequirements: string;
  excluded: string[];
  included: string[];
  scope: string[];
  systems: DeclaredSystem[];
}

export async function readTenantInput(query: Query, organizationId: string): Promise<TenantRead> {
  const [row] = await query<Row>(TENANT_READ_SQL, [organizationId]);
  const controls: TenantControl[] = row.controls.map(([, id, code, status]) => ({ id, code, status }));
  const controlBySeq = new SeqIndex(
    row.controls.map(([seq]) => seq),
    'control',
  );
  const count = row.linkCount;
  const controlSeqs = parseIntegerList(row.linkControls, count, 'of link controls');
  const requirementCodes = parseIntegerList(row.linkRequirements, count, 'of link requirements');
  const links: PackedLinks = { control: new Int32Array(count), requirementSeq: new Int32Array(count), full: new Uint8Array(count) };
  for (let l = 0; l < count; l++) {
    links.control[l] = controlBySeq.indexOf(controlSeqs[l]);
    const code = requirementCodes[l];
    links.requirementSeq[l] = Math.floor(code / 2);
    links.full[l] = code % 2;
  }
  return {
    controls,
    links,
    // Both kinds of decision: an inclusion stops an excluded heading's cascade (graph/applicability-cascade.ts).
    excludedRequirementIds: row.excluded,
    includedRequirementIds: row.included,
    scope: row.scope,
    systems: row.systems,
  };
}
