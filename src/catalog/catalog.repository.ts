/**
 * The SQL that reads the public catalog: all of it at once, for the in-memory snapshot (catalog-snapshot.ts), and its
 * version. Nothing else reads the catalog tables per request.
 */
import type { DataSource } from 'typeorm';
import type { EdgeRow, MappingSetRow } from '../crosswalks/crosswalk-rows';
import type { CatalogRows } from './catalog-snapshot';
import type { Framework } from './models/framework.model';
import type { Requirement } from './models/requirement.model';

export type Query = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

/**
 * Every catalog row, in one REPEATABLE READ transaction so that the rows and the version they are read at match: a
 * load committing meanwhile is either wholly in or wholly out.
 */
export function readCatalogRows(db: DataSource): Promise<CatalogRows> {
  return db.transaction('REPEATABLE READ', async (manager) => {
    const query: Query = (sql, params) => manager.query(sql, params);
    const version = await readCatalogVersion(query);
    return { version, ...(await readRows(query, null)) };
  });
}

/**
 * One organization's own frameworks, requirements, mapping sets and crosswalks (issue 12). Run it in the tenant's
 * transaction (TenantDb.run): row-level security confines it a second time.
 */
export function readOwnCatalogRows(query: Query, organizationId: string): Promise<Omit<CatalogRows, 'version'>> {
  return readRows(query, organizationId);
}

/** The public rows (`owner` null) or one organization's own, in the orders CatalogIndex expects. */
async function readRows(query: Query, owner: string | null): Promise<Omit<CatalogRows, 'version'>> {
  const where = owner === null ? 'organization_id IS NULL' : 'organization_id = $1';
  const params = owner === null ? [] : [owner];
  const frameworks = await query<Framework>(
    `SELECT id, code, version, name, publisher, kind, description, licence_note AS "licenceNote", sources, organization_id IS NOT NULL AS own
       FROM framework WHERE ${where} ORDER BY code, version`,
    params,
  );
  const requirements = await query<Requirement & { seq: number }>(
    `SELECT id, framework_id AS "frameworkId", parent_id AS "parentId", ref_id AS "refId", title, text, kind, assessable,
            hs_clause AS "hsClause", depth, position, seq, oscal_id AS "oscalId", guidance, objectives, withdrawn,
            ai_roles AS "aiRoles", role_note AS "roleNote"
       FROM requirement WHERE ${where} ORDER BY framework_id, position`,
    params,
  );
  const mappingSets = await query<MappingSetRow>(
    `SELECT id, key, name, description, source_framework_id AS "sourceFrameworkId", target_framework_id AS "targetFrameworkId",
            method, status, author, to_char(published_on, 'YYYY-MM-DD') AS "publishedOn", licence, comprehensive, sources,
            source_file AS "sourceFile", organization_id AS "organizationId", oscal
       FROM mapping_set WHERE ${where} ORDER BY key`,
    params,
  );
  const edges = await query<EdgeRow>(
    `SELECT mapping_set_id AS "mappingSetId", source_requirement_id AS "sourceId", target_requirement_id AS "targetId",
            relationship, rationale, strength, note, evidence, condition, position, equivalent, coverage,
            confidence_score AS "confidenceScore", oscal_uuid AS "oscalUuid"
       FROM crosswalk_edge WHERE ${where} ORDER BY mapping_set_id, position`,
    params,
  );
  return { frameworks, requirements, mappingSets, edges };
}

/** The loaded catalog's version: catalog_state.version, bumped by every load. */
export async function readCatalogVersion(query: Query): Promise<number> {
  const [state] = await query<{ version: number }>(`SELECT version FROM catalog_state WHERE id = 1`);
  return Number(state?.version ?? 0);
}
