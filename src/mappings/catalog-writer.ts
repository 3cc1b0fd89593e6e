/**
 * Writes a validated catalog into PostgreSQL in one transaction. Rows are matched on their stable keys — framework
 * (code, version), requirement (framework, refId), mapping set key — so IDs survive reloads; rows that left the files
 * are deleted, and each set's edges are replaced. A constant number of set-based statements, whatever the size.
 */
import type { EntityManager } from 'typeorm';
import type { ValidatedCatalog } from './mapping-files.validator';

export interface WriteCounts {
  frameworks: number;
  requirements: number;
  mappingSets: number;
  edges: number;
}

const EDGE_CHUNK = 50_000;

/** The new files would drop requirements or frameworks that organizations still use; nothing was written. */
export class CatalogInUseError extends Error {
  constructor(readonly inUse: string[]) {
    super(
      `the mappings would remove or shadow ${inUse.length} requirement(s) or framework(s) that organizations still use; nothing was loaded. ` +
        `Keep them in the files, or unlink the controls, applicability, scope and management systems that use them first:\n` +
        inUse.slice(0, 20).map((x) => `  ${x}`).join('\n') +
        (inUse.length > 20 ? `\n  … and ${inUse.length - 20} more` : ''),
    );
  }
}

/** Requirements and frameworks the files no longer hold but tenant data still points at. */
async function stillInUse(manager: EntityManager, catalog: ValidatedCatalog): Promise<string[]> {
  const kept = catalog.frameworks.flatMap((f) => f.requirements.map((r) => ({ code: f.code, version: f.version, refId: r.refId })));
  const rows: Array<{ what: string }> = await manager.query(
    `WITH kept AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS k(code, version, ref_id))
     SELECT DISTINCT f.code || ':' || f.version || ' ' || r.ref_id || ' (linked or in a Statement of Applicability)' AS what
       FROM requirement r JOIN framework f ON f.id = r.framework_id
      WHERE f.organization_id IS NULL
        AND (EXISTS (SELECT 1 FROM control_link l WHERE l.requirement_id = r.id) OR EXISTS (SELECT 1 FROM applicability a WHERE a.requirement_id = r.id))
        AND NOT EXISTS (SELECT 1 FROM kept WHERE kept.code = f.code AND kept.version = f.version AND kept.ref_id = r.ref_id)
     UNION
     SELECT DISTINCT f.code || ':' || f.version || ' (in an organization''s scope or management system)'
       FROM (SELECT framework_id FROM scope UNION SELECT framework_id FROM management_system_framework) s
       JOIN framework f ON f.id = s.framework_id
      WHERE f.organization_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM kept WHERE kept.code = f.code AND kept.version = f.version)
     UNION
     SELECT DISTINCT f.code || ' (an organization''s own framework has this code; an own code may not be shadowed by a public one)'
       FROM framework f
      WHERE f.organization_id IS NOT NULL AND f.code = ANY($1::text[])
     ORDER BY 1`,
    [kept.map((k) => k.code), kept.map((k) => k.version), kept.map((k) => k.refId)],
  );
  return rows.map((r) => r.what);
}

export async function writeCatalog(manager: EntityManager, catalog: ValidatedCatalog): Promise<WriteCounts> {
  const inUse = await stillInUse(manager, catalog);
  if (inUse.length > 0) throw new CatalogInUseError(inUse);
  const fw = catalog.frameworks;
  const frameworkRows: Array<{ id: string; code: string; version: string }> = await manager.query(
    `INSERT INTO framework (code, version, name, publisher, kind, description, licence_note, sources)
     SELECT code, version, name, publisher, kind, description, licence_note, sources::jsonb
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
         AS x(code, version, name, publisher, kind, description, licence_note, sources)
     ON CONFLICT (code, version) WHERE organization_id IS NULL DO UPDATE SET
       name = EXCLUDED.name, publisher = EXCLUDED.publisher, kind = EXCLUDED.kind, description = EXCLUDED.description,
       licence_note = EXCLUDED.licence_note, sources = EXCLUDED.sources, updated_at = now()
     RETURNING id, code, version`,
    [
      fw.map((f) => f.code),
      fw.map((f) => f.version),
      fw.map((f) => f.name),
      fw.map((f) => f.publisher),
      fw.map((f) => f.kind),
      fw.map((f) => f.description),
      fw.map((f) => f.licence),
      fw.map((f) => JSON.stringify(f.sources)),
    ],
  );
  const frameworkId = new Map(frameworkRows.map((r) => [`${r.code}:${r.version}`, r.id]));
  await manager.query(`DELETE FROM framework WHERE organization_id IS NULL AND NOT (id = ANY($1::uuid[]))`, [frameworkRows.map((r) => r.id)]);

  const reqs = fw.flatMap((f) => f.requirements.map((r) => ({ ...r, frameworkId: frameworkId.get(`${f.code}:${f.version}`) })));
  const reqFrameworkIds = reqs.map((r) => r.frameworkId);
  const reqRefIds = reqs.map((r) => r.refId);
  await manager.query(
    `DELETE FROM requirement r
      WHERE r.organization_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM unnest($1::uuid[], $2::text[]) AS k(framework_id, ref_id)
                         WHERE k.framework_id = r.framework_id AND k.ref_id = r.ref_id)`,
    [reqFrameworkIds, reqRefIds],
  );
  await manager.query(
    // unnest cannot take a text[][] of ragged role lists, so each list travels as one comma-joined string.
    `INSERT INTO requirement (framework_id, ref_id, title, text, kind, assessable, hs_clause, position, depth, ai_roles, role_note)
     SELECT framework_id, ref_id, title, text, kind, assessable, hs_clause, position, depth, string_to_array(ai_roles, ','), role_note
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::text[], $8::int[], $9::smallint[], $10::text[], $11::text[])
         AS x(framework_id, ref_id, title, text, kind, assessable, hs_clause, position, depth, ai_roles, role_note)
     ON CONFLICT (framework_id, ref_id) DO UPDATE SET
       title = EXCLUDED.title, text = EXCLUDED.text, kind = EXCLUDED.kind, assessable = EXCLUDED.assessable,
       hs_clause = EXCLUDED.hs_clause, position = EXCLUDED.position, depth = EXCLUDED.depth,
       ai_roles = EXCLUDED.ai_roles, role_note = EXCLUDED.role_note`,
    [
      reqFrameworkIds,
      reqRefIds,
      reqs.map((r) => r.title),
      reqs.map((r) => r.text),
      reqs.map((r) => r.kind),
      reqs.map((r) => r.assessable),
      reqs.map((r) => r.hsClause),
      reqs.map((r) => r.position),
      reqs.map((r) => r.depth),
      reqs.map((r) => (r.aiRoles ? r.aiRoles.join(',') : null)),
      reqs.map((r) => r.roleNote),
    ],
  );
  await manager.query(
    `UPDATE requirement c SET parent_id = p.id
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS x(framework_id, ref_id, parent_ref_id)
       LEFT JOIN requirement p ON p.framework_id = x.framework_id AND p.ref_id = x.parent_ref_id
      WHERE c.framework_id = x.framework_id AND c.ref_id = x.ref_id AND c.parent_id IS DISTINCT FROM p.id`,
    [reqFrameworkIds, reqRefIds, reqs.map((r) => r.parentRefId)],
  );

  const sets = catalog.mappingSets;
  const setRows: Array<{ id: string; key: string }> = await manager.query(
    `INSERT INTO mapping_set (key, name, description, source_framework_id, target_framework_id, method, status, author,
                              published_on, licence, comprehensive, sources, source_file)
     SELECT key, name, description, source_framework_id, target_framework_id, method, status, author, published_on,
            licence, comprehensive, sources::jsonb, source_file
       FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[],
                   $9::date[], $10::text[], $11::boolean[], $12::text[], $13::text[])
         AS x(key, name, description, source_framework_id, target_framework_id, method, status, author, published_on,
              licence, comprehensive, sources, source_file)
     ON CONFLICT (key) WHERE organization_id IS NULL DO UPDATE SET
       name = EXCLUDED.name, description = EXCLUDED.description, source_framework_id = EXCLUDED.source_framework_id,
       target_framework_id = EXCLUDED.target_framework_id, method = EXCLUDED.method, status = EXCLUDED.status,
       author = EXCLUDED.author, published_on = EXCLUDED.published_on, licence = EXCLUDED.licence,
       comprehensive = EXCLUDED.comprehensive, sources = EXCLUDED.sources, source_file = EXCLUDED.source_file
     RETURNING id, key`,
    [
      sets.map((s) => s.key),
      sets.map((s) => s.doc.name),
      sets.map((s) => s.doc.description ?? null),
      sets.map((s) => frameworkId.get(`${s.sourceCode}:${s.sourceVersion}`)),
      sets.map((s) => frameworkId.get(`${s.targetCode}:${s.targetVersion}`)),
      sets.map((s) => s.doc.provenance.method),
      sets.map((s) => s.doc.provenance.status),
      sets.map((s) => s.doc.provenance.author),
      sets.map((s) => s.doc.provenance.date),
      sets.map((s) => s.doc.provenance.licence),
      sets.map((s) => s.doc.comprehensive),
      sets.map((s) => JSON.stringify(s.doc.provenance.sources)),
      sets.map((s) => s.file),
    ],
  );
  const setId = new Map(setRows.map((r) => [r.key, r.id]));
  await manager.query(`DELETE FROM mapping_set WHERE organization_id IS NULL AND NOT (id = ANY($1::uuid[]))`, [setRows.map((r) => r.id)]);
  await manager.query(`DELETE FROM crosswalk_edge WHERE mapping_set_id = ANY($1::uuid[])`, [setRows.map((r) => r.id)]);

  const edges = sets.flatMap((s) =>
    s.doc.edges.map((e, position) => ({
      ...e,
      position,
      setId: setId.get(s.key),
      sourceFw: frameworkId.get(`${s.sourceCode}:${s.sourceVersion}`),
      targetFw: frameworkId.get(`${s.targetCode}:${s.targetVersion}`),
    })),
  );
  let inserted = 0;
  for (let start = 0; start < edges.length; start += EDGE_CHUNK) {
    const chunk = edges.slice(start, start + EDGE_CHUNK);
    const [{ n }]: Array<{ n: number }> = await manager.query(
      `WITH inserted AS (
       INSERT INTO crosswalk_edge (mapping_set_id, source_requirement_id, target_requirement_id, relationship, rationale,
                                   strength, note, position, evidence, condition)
       SELECT x.set_id, s.id, t.id, x.relationship, x.rationale, x.strength, x.note, x.position, x.evidence::jsonb, x.condition
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::smallint[],
                     $9::text[], $10::int[], $11::text[], $12::text[])
           AS x(set_id, source_fw, source_ref, target_fw, target_ref, relationship, rationale, strength, note, position,
                evidence, condition)
         JOIN requirement s ON s.framework_id = x.source_fw AND s.ref_id = x.source_ref
         JOIN requirement t ON t.framework_id = x.target_fw AND t.ref_id = x.target_ref
       RETURNING 1)
       SELECT count(*)::int AS n FROM inserted`,
      [
        chunk.map((e) => e.setId),
        chunk.map((e) => e.sourceFw),
        chunk.map((e) => e.source),
        chunk.map((e) => e.targetFw),
        chunk.map((e) => e.target),
        chunk.map((e) => e.relationship),
        chunk.map((e) => e.rationale),
        chunk.map((e) => e.strength),
        chunk.map((e) => e.note ?? null),
        chunk.map((e) => e.position),
        chunk.map((e) => JSON.stringify(e.evidence ?? [])),
        chunk.map((e) => e.condition ?? null),
      ],
    );
    inserted += n;
  }
  if (inserted !== edges.length) {
    // The validator resolves every endpoint first, so this means the files and the database disagree: stop here.
    throw new Error(`catalog load: ${edges.length - inserted} edges did not resolve to requirements`);
  }
  return { frameworks: fw.length, requirements: reqs.length, mappingSets: sets.length, edges: edges.length };
}
