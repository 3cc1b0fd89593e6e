/**
 * Puts own frameworks and mapping sets into an organization's catalog for tests, the way every own catalog write
 * goes (TenantDb.write under row-level security, beginOwnCatalogChange first), until the OSCAL import route exists.
 * Plain INSERTs: the rows are what a test names, nothing is inferred.
 */
import type { TenantDb } from '../../src/database/tenant-db';
import { beginOwnCatalogChange } from '../../src/own-catalog/own-catalog.writes';

export interface OwnRequirementSpec {
  refId: string;
  title?: string;
  text?: string;
  parent?: string;
  kind?: string;
  /** Default: true, or false when `withdrawn`. */
  assessable?: boolean;
  oscalId?: string;
  guidance?: string;
  withdrawn?: boolean;
}

export interface OwnFrameworkSpec {
  code: string;
  version?: string;
  name?: string;
  requirements: OwnRequirementSpec[];
}

/** Inserts one own framework with its requirements; gives its id and each requirement's id by refId. */
export async function insertOwnFramework(tenantDb: TenantDb, organizationId: string, spec: OwnFrameworkSpec): Promise<{ id: string; requirements: Map<string, string> }> {
  return tenantDb.write(organizationId, async (manager) => {
    await beginOwnCatalogChange(manager, organizationId);
    const [framework] = await manager.query<Array<{ id: string }>>(
      `INSERT INTO framework (organization_id, code, version, name, publisher, kind, licence_note)
       VALUES ($1, $2, $3, $4, 'Test organization', 'CONTROL_CATALOG', 'The organization''s own') RETURNING id`,
      [organizationId, spec.code, spec.version ?? '1', spec.name ?? `${spec.code} (own)`],
    );
    const ids = new Map<string, string>();
    let position = 0;
    for (const r of spec.requirements) {
      const parentId = r.parent === undefined ? null : ids.get(r.parent)!;
      const depth = r.parent === undefined ? 0 : r.parent.split('.').length;
      const [row] = await manager.query<Array<{ id: string }>>(
        `INSERT INTO requirement (organization_id, framework_id, parent_id, ref_id, title, text, kind, assessable, position, depth, oscal_id, guidance, withdrawn)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [
          organizationId, framework.id, parentId, r.refId, r.title ?? `Own ${r.refId}`, r.text ?? null, r.kind ?? 'control',
          r.assessable ?? !r.withdrawn, position++, depth, r.oscalId ?? null, r.guidance ?? null, r.withdrawn ?? false,
        ],
      );
      ids.set(r.refId, row.id);
    }
    return { id: framework.id, requirements: ids };
  });
}

export interface OwnEdgeSpec {
  sourceId: string;
  targetId: string;
  relationship: 'EQUAL' | 'SUBSET_OF' | 'SUPERSET_OF' | 'INTERSECTS_WITH' | 'NOT_RELATED';
  strength: number;
  rationale?: 'SYNTACTIC' | 'SEMANTIC' | 'FUNCTIONAL';
  note?: string;
  condition?: 'SAME_MANAGEMENT_SYSTEM';
  equivalent?: boolean;
  coverage?: number;
  confidenceScore?: { category?: string; percentage?: number };
  oscalUuid?: string;
}

/** Inserts one own mapping set from one framework to another (either may be public) with its edges; gives its id. */
export async function insertOwnMappingSet(
  tenantDb: TenantDb,
  organizationId: string,
  spec: { key: string; name?: string; sourceFrameworkId: string; targetFrameworkId: string; edges: OwnEdgeSpec[] },
): Promise<string> {
  return tenantDb.write(organizationId, async (manager) => {
    await beginOwnCatalogChange(manager, organizationId);
    const [set] = await manager.query<Array<{ id: string }>>(
      `INSERT INTO mapping_set (organization_id, key, name, source_framework_id, target_framework_id, method, status, author, published_on, licence, comprehensive, source_file)
       VALUES ($1, $2, $3, $4, $5, 'human', 'draft', 'Test author', '2026-12-01', 'The organization''s own', false, 'test') RETURNING id`,
      [organizationId, spec.key, spec.name ?? spec.key, spec.sourceFrameworkId, spec.targetFrameworkId],
    );
    let position = 0;
    for (const e of spec.edges) {
      await manager.query(
        `INSERT INTO crosswalk_edge (organization_id, mapping_set_id, source_requirement_id, target_requirement_id, relationship, rationale, strength, note,
                                     condition, equivalent, coverage, confidence_score, oscal_uuid, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          organizationId, set.id, e.sourceId, e.targetId, e.relationship, e.rationale ?? 'SEMANTIC', e.strength, e.note ?? null, e.condition ?? null,
          e.equivalent ?? false, e.coverage ?? null, e.confidenceScore ? JSON.stringify(e.confidenceScore) : null, e.oscalUuid ?? null, position++,
        ],
      );
    }
    return set.id;
  });
}
