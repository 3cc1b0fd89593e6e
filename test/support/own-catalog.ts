/**
 * Puts own frameworks and mapping sets into an organization's catalog for tests, without going through an import:
 * plain INSERTs, the rows a test names and nothing inferred. Written either the way every own catalog write goes
 * (a TenantDb: TenantDb.write under row-level security, beginOwnCatalogChange first), or from outside the service as
 * the database owner (a TestDatabase: what a replica must notice from a notification alone), bumping
 * own_catalog_version as every own catalog write does.
 */
import type { EntityManager } from 'typeorm';
import type { TenantDb } from '../../src/database/tenant-db';
import { beginOwnCatalogChange } from '../../src/own-catalog/own-catalog.writes';
import type { TestDatabase } from './database';

type Query = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

/** One own catalog change of the organization, through `writer`, with the version bumped first. */
async function change<T>(writer: TenantDb | TestDatabase, organizationId: string, work: (query: Query) => Promise<T>): Promise<T> {
  if ('write' in writer) {
    return writer.write(organizationId, async (manager) => {
      await beginOwnCatalogChange(manager, organizationId);
      return work((sql, params) => manager.query(sql, params));
    });
  }
  await beginOwnCatalogChange({ query: writer.query } as unknown as EntityManager, organizationId);
  return work(writer.query);
}

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
export async function insertOwnFramework(writer: TenantDb | TestDatabase, organizationId: string, spec: OwnFrameworkSpec): Promise<{ id: string; requirements: Map<string, string> }> {
  return change(writer, organizationId, async (query) => {
    const [framework] = await query<{ id: string }>(
      `INSERT INTO framework (organization_id, code, version, name, publisher, kind, licence_note)
       VALUES ($1, $2, $3, $4, 'Test organization', 'CONTROL_CATALOG', 'The organization''s own') RETURNING id`,
      [organizationId, spec.code, spec.version ?? '1', spec.name ?? `${spec.code} (own)`],
    );
    const ids = new Map<string, string>();
    let position = 0;
    for (const r of spec.requirements) {
      const parentId = r.parent === undefined ? null : ids.get(r.parent)!;
      const depth = r.parent === undefined ? 0 : r.parent.split('.').length;
      const [row] = await query<{ id: string }>(
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
  writer: TenantDb | TestDatabase,
  organizationId: string,
  spec: { key: string; name?: string; sourceFrameworkId: string; targetFrameworkId: string; edges: OwnEdgeSpec[] },
): Promise<string> {
  return change(writer, organizationId, async (query) => {
    const [set] = await query<{ id: string }>(
      `INSERT INTO mapping_set (organization_id, key, name, source_framework_id, target_framework_id, method, status, author, published_on, licence, comprehensive, source_file)
       VALUES ($1, $2, $3, $4, $5, 'human', 'draft', 'Test author', '2026-12-01', 'The organization''s own', false, 'test') RETURNING id`,
      [organizationId, spec.key, spec.name ?? spec.key, spec.sourceFrameworkId, spec.targetFrameworkId],
    );
    let position = 0;
    for (const e of spec.edges) {
      await query(
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

/**
 * An own framework of assessable requirements `refIds` (titled "<refId> planted title"), with, optionally, an own
 * mapping set from it into a public framework: [ownRefId, publicRefId, relationship, strength] per edge.
 */
export async function plantOwnFramework(
  writer: TenantDb | TestDatabase,
  organizationId: string,
  options: { code: string; version?: string; refIds: string[]; edgesTo?: { framework: string; version: string; edges: Array<[string, string, OwnEdgeSpec['relationship'], number]> } },
): Promise<{ frameworkId: string; requirements: Map<string, string>; mappingSetId: string | null }> {
  const own = await insertOwnFramework(writer, organizationId, {
    code: options.code,
    version: options.version,
    requirements: options.refIds.map((refId) => ({ refId, title: `${refId} planted title`, text: `${refId} planted text` })),
  });
  if (!options.edgesTo) return { frameworkId: own.id, requirements: own.requirements, mappingSetId: null };
  const { framework, version, edges } = options.edgesTo;
  const query: Query = 'write' in writer ? (sql, params) => writer.query(organizationId, sql, params) : writer.query;
  const publicIds = new Map(
    (await query<{ id: string; ref_id: string; framework_id: string }>(
      `SELECT r.id, r.ref_id, r.framework_id FROM requirement r JOIN framework f ON f.id = r.framework_id WHERE f.organization_id IS NULL AND f.code = $1 AND f.version = $2`,
      [framework, version],
    )).map((r) => [r.ref_id, r]),
  );
  const target = publicIds.values().next().value!.framework_id;
  const mappingSetId = await insertOwnMappingSet(writer, organizationId, {
    key: `${options.code.toLowerCase()}__${framework.toLowerCase()}`,
    sourceFrameworkId: own.id,
    targetFrameworkId: target,
    edges: edges.map(([from, to, relationship, strength]) => ({ sourceId: own.requirements.get(from)!, targetId: publicIds.get(to)!.id, relationship, strength })),
  });
  return { frameworkId: own.id, requirements: own.requirements, mappingSetId };
}
