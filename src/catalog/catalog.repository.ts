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
    const frameworks = await query<Framework>(
      `SELECT id, code, version, name, publisher, kind, description, licence_note AS "licenceNote", sources FROM framework ORDER BY code, version`,
    );
    const requirements = await query<Requirement & { seq: number }>(
      `SELECT id, framework_id AS "frameworkId", parent_id AS "parentId", ref_id AS "refId", title, text, kind, assessable,
              hs_clause AS "hsClause", depth, position, seq
         FROM requirement ORDER BY framework_id, position`,
    );
    const mappingSets = await query<MappingSetRow>(
      `SELECT id, key, name, description, source_framework_id AS "sourceFrameworkId", target_framework_id AS "targetFrameworkId",
              method, status, author, to_char(published_on, 'YYYY-MM-DD') AS "publishedOn", licence, comprehensive, sources,
              source_file AS "sourceFile"
         FROM mapping_set ORDER BY key`,
    );
    const edges = await query<EdgeRow>(
      `SELECT mapping_set_id AS "mappingSetId", source_requirement_id AS "sourceId", target_requirement_id AS "targetId",
              relationship, rationale, strength, note, evidence, condition, position
         FROM crosswalk_edge ORDER BY mapping_set_id, position`,
    );
    return { version, frameworks, requirements, mappingSets, edges };
  });
}

/** The loaded catalog's version: catalog_state.version, bumped by every load. */
export async function readCatalogVersion(query: Query): Promise<number> {
  const [state] = await query<{ version: number }>(`SELECT version FROM catalog_state WHERE id = 1`);
  return Number(state?.version ?? 0);
}
