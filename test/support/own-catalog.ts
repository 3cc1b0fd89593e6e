/**
 * Plants an organization's own framework (and optionally a private mapping set into a public framework) straight
 * into the database, as the owner, for tests that need own rows without going through an import route. It bumps
 * own_catalog_version as every own-catalog write does, so services read the new rows.
 */
import { randomUUID } from 'node:crypto';
import type { TestDatabase } from './database';

export interface PlantedOwnFramework {
  frameworkId: string;
  /** refId → requirement id. */
  requirements: Map<string, string>;
  mappingSetId: string | null;
}

export async function plantOwnFramework(
  db: TestDatabase,
  organizationId: string,
  options: {
    code: string;
    version?: string;
    refIds: string[];
    /** Edges from own refIds to a public framework's refIds: [ownRefId, publicRefId, relationship, strength]. */
    edgesTo?: { framework: string; version: string; edges: Array<[string, string, string, number]> };
  },
): Promise<PlantedOwnFramework> {
  const frameworkId = randomUUID();
  await db.query(
    `INSERT INTO framework (id, organization_id, code, version, name, publisher, kind, licence_note, sources)
     VALUES ($1, $2, $3, $4, $5, 'Test organization', 'CONTROL_CATALOG', 'The organization''s own text.', '[]')`,
    [frameworkId, organizationId, options.code, options.version ?? '1', `${options.code} (planted)`],
  );
  const requirements = new Map<string, string>();
  for (const [position, refId] of options.refIds.entries()) {
    const id = randomUUID();
    requirements.set(refId, id);
    await db.query(
      `INSERT INTO requirement (id, organization_id, framework_id, ref_id, title, text, kind, assessable, position, depth)
       VALUES ($1, $2, $3, $4, $5, $6, 'control', true, $7, 0)`,
      [id, organizationId, frameworkId, refId, `${refId} planted title`, `${refId} planted text`, position],
    );
  }
  let mappingSetId: string | null = null;
  if (options.edgesTo) {
    const { framework, version, edges } = options.edgesTo;
    const [target] = await db.query<{ id: string }>(`SELECT id FROM framework WHERE organization_id IS NULL AND code = $1 AND version = $2`, [framework, version]);
    mappingSetId = randomUUID();
    await db.query(
      `INSERT INTO mapping_set (id, organization_id, key, name, source_framework_id, target_framework_id, method, status, author, published_on, licence, comprehensive, sources, source_file)
       VALUES ($1, $2, $3, 'planted set', $4, $5, 'human', 'draft', 'test', '2026-01-01', 'own', false, '[]', 'test')`,
      [mappingSetId, organizationId, `${options.code.toLowerCase()}__${framework.toLowerCase()}`, frameworkId, target.id],
    );
    for (const [position, [from, to, relationship, strength]] of edges.entries()) {
      await db.query(
        `INSERT INTO crosswalk_edge (organization_id, mapping_set_id, source_requirement_id, target_requirement_id, relationship, strength, position)
         SELECT $1, $2, $3, r.id, $5, $6, $7 FROM requirement r WHERE r.framework_id = $4 AND r.ref_id = $8`,
        [organizationId, mappingSetId, requirements.get(from), target.id, relationship, strength, position, to],
      );
    }
  }
  await db.query(`UPDATE organization SET own_catalog_version = own_catalog_version + 1 WHERE id = $1`, [organizationId]);
  return { frameworkId, requirements, mappingSetId };
}
