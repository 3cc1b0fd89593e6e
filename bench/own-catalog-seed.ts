/**
 * The own catalog `npm run bench:api` gives its second organization (issue 12, Speed: "Coverage for an organization
 * with 10 own frameworks and 50,000 own edges stays within 2× of an organization with none"). The rows are the ones
 * bench:engine layers on the catalog graph (generateOverlay at OVERLAY_SCALE), given database ids and written into the
 * catalog tables with the organization's id, as the database owner (not subject to row-level security), in one
 * transaction of a fixed number of `INSERT … SELECT FROM unnest(arrays)` statements, whatever the scale. The
 * organization's own_catalog_version is bumped once at the end, as every own-catalog write does, so the service reads
 * the rows on its next request.
 *
 * Two things the database holds that the generated overlay does not:
 * - A mapping set joins one source framework to one target framework; generateOverlay puts each own framework's
 *   crosswalks in one set whatever their targets. Here they are split by target framework (the set of OWN-03 to
 *   ISO 27001, of OWN-03 to OWN-07, …), keeping the generated order as each set's positions.
 * - (set, source, target) is unique; the generator may draw a pair twice. The generator is asked for a few more
 *   crosswalks than OVERLAY_SCALE and the first distinct ones are kept: the same random stream as bench:engine's,
 *   with repeats skipped.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import type { CatalogGraph } from '../src/graph/catalog-graph';
import { generateOverlay, OVERLAY_SCALE } from './overlay-rows';

/** Extra crosswalks asked of the generator so that OVERLAY_SCALE.edges distinct pairs remain after repeats. */
const SURPLUS = 1.05;

export interface SeededOwnCatalog {
  frameworks: number;
  requirements: number;
  assessable: number;
  mappingSets: number;
  edges: number;
  /** Own crosswalks with a public requirement at one end. */
  publicEdges: number;
  /** Statements in the seeding transaction (BEGIN and COMMIT not counted). */
  statements: number;
  /** Rows written: frameworks, requirements, mapping sets, crosswalks, and the organization's version. */
  rows: number;
  /** Wall time of the transaction, BEGIN to COMMIT, ms. */
  writeMs: number;
  /** Generating the rows and giving them database ids, before the transaction, ms. */
  prepareMs: number;
  /** Own framework codes, in order. */
  codes: string[];
  /** An assessable own requirement with a crosswalk to `reaching` (when one was given and one exists). */
  sample?: { code: string; refId: string };
}

/**
 * Writes the own catalog for `organizationId` over `catalog` (the public catalog the service loaded: public crosswalk
 * ends are its requirement ids). `reaching`: public requirement ids whose own neighbours are worth a sample (the
 * organization's linked ones), so a requirementCoverage scenario can ask for an own requirement that has paths.
 */
export async function seedOwnCatalog(client: Client, organizationId: string, catalog: CatalogGraph, seed: number, reaching: ReadonlySet<string> = new Set()): Promise<SeededOwnCatalog> {
  const prepareStart = performance.now();
  const scale = OVERLAY_SCALE;
  const generated = generateOverlay(catalog, { ...scale, edges: Math.ceil(scale.edges * SURPLUS) }, seed);

  // Generated ids (own-0, own-0-r17, …) become UUIDs; public requirement ids are the catalog's already.
  const uuidOf = new Map<string, string>();
  const uuid = (generatedId: string) => {
    let id = uuidOf.get(generatedId);
    if (id === undefined) uuidOf.set(generatedId, (id = randomUUID()));
    return id;
  };
  const ownFrameworkOf = new Map<string, { id: string; code: string; version: string }>();
  for (const f of generated.frameworks) ownFrameworkOf.set(f.id, { id: uuid(f.id), code: f.code, version: f.version });
  const ownRequirement = new Map(generated.requirements.map((r) => [r.id, r]));

  // Requirements: in framework order, positions counted per framework, headings at depth 0 and their children at 1.
  const req = { id: [] as string[], frameworkId: [] as string[], refId: [] as string[], parentId: [] as (string | null)[], title: [] as string[], kind: [] as string[], assessable: [] as boolean[], position: [] as number[], depth: [] as number[] };
  const positions = new Map<string, number>();
  for (const r of generated.requirements) {
    const position = positions.get(r.frameworkId) ?? 0;
    positions.set(r.frameworkId, position + 1);
    req.id.push(uuid(r.id));
    req.frameworkId.push(ownFrameworkOf.get(r.frameworkId)!.id);
    req.refId.push(r.refId);
    req.parentId.push(r.parentId === null ? null : uuid(r.parentId));
    req.title.push(`Generated own requirement ${r.refId}`);
    req.kind.push(r.assessable ? 'control' : 'group');
    req.assessable.push(r.assessable);
    req.position.push(position);
    req.depth.push(r.parentId === null ? 0 : 1);
  }

  // Crosswalks: the first OVERLAY_SCALE.edges distinct (source, target) pairs, each in the set of its source's own
  // framework and its target's framework.
  const publicFrameworkOf = (requirementId: string) => catalog.frameworkOf(catalog.requirementIndex(requirementId));
  const sets = new Map<string, { id: string; key: string; name: string; sourceId: string; targetId: string; next: number }>();
  const edge = { setId: [] as string[], sourceId: [] as string[], targetId: [] as string[], relationship: [] as string[], rationale: [] as (string | null)[], strength: [] as number[], condition: [] as (string | null)[], position: [] as number[] };
  const seen = new Set<string>();
  let publicEdges = 0;
  let sample: SeededOwnCatalog['sample'];
  for (const e of generated.edges) {
    if (edge.setId.length === scale.edges) break;
    const pair = `${e.sourceId}>${e.targetId}`;
    if (seen.has(pair)) continue;
    seen.add(pair);
    const source = ownFrameworkOf.get(ownRequirement.get(e.sourceId)!.frameworkId)!;
    const ownTarget = ownRequirement.get(e.targetId);
    let target: { id: string; code: string; version: string };
    if (ownTarget) {
      target = ownFrameworkOf.get(ownTarget.frameworkId)!;
    } else {
      const f = publicFrameworkOf(e.targetId);
      target = { id: catalog.frameworkId(f), code: catalog.frameworkCode(f), version: catalog.frameworkVersion(f) };
      publicEdges++;
      if (!sample && reaching.has(e.targetId) && e.relationship !== 'NOT_RELATED') sample = { code: source.code, refId: ownRequirement.get(e.sourceId)!.refId };
    }
    const setKey = `${source.code}__${target.code}:${target.version}`.toLowerCase();
    let set = sets.get(setKey);
    if (!set) sets.set(setKey, (set = { id: randomUUID(), key: setKey, name: `${source.code} to ${target.code}:${target.version} (generated)`, sourceId: source.id, targetId: target.id, next: 0 }));
    edge.setId.push(set.id);
    edge.sourceId.push(uuid(e.sourceId));
    edge.targetId.push(ownTarget ? uuid(e.targetId) : e.targetId);
    edge.relationship.push(e.relationship);
    edge.rationale.push(e.rationale);
    edge.strength.push(e.strength);
    edge.condition.push(e.condition ?? null);
    edge.position.push(set.next++);
  }
  if (edge.setId.length < scale.edges) throw new Error(`own catalog: only ${edge.setId.length} distinct crosswalks from ${generated.edges.length} generated; raise SURPLUS`);

  const frameworks = [...ownFrameworkOf.values()];
  const setList = [...sets.values()];
  const statements: Array<[string, unknown[]]> = [
    [
      `INSERT INTO framework (id, organization_id, code, version, name, publisher, kind, licence_note)
       SELECT id, $1, code, version, name, 'Crosswalk benchmark', 'CONTROL_CATALOG', 'Generated for the benchmark; no licence restrictions.'
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[]) AS x(id, code, version, name)`,
      [organizationId, frameworks.map((f) => f.id), frameworks.map((f) => f.code), frameworks.map((f) => f.version), frameworks.map((f) => `Own framework ${f.code} (generated)`)],
    ],
    [
      // Parents are rows of the same statement: the foreign key is checked at its end.
      `INSERT INTO requirement (id, organization_id, framework_id, ref_id, parent_id, title, kind, assessable, position, depth)
       SELECT id, $1, framework_id, ref_id, parent_id, title, kind, assessable, position, depth
         FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::boolean[], $9::int[], $10::smallint[])
           AS x(id, framework_id, ref_id, parent_id, title, kind, assessable, position, depth)`,
      [organizationId, req.id, req.frameworkId, req.refId, req.parentId, req.title, req.kind, req.assessable, req.position, req.depth],
    ],
    [
      `INSERT INTO mapping_set (id, organization_id, key, name, source_framework_id, target_framework_id, method, status, author, published_on, licence, comprehensive, source_file)
       SELECT id, $1, key, name, source_framework_id, target_framework_id, 'automation', 'draft', 'Crosswalk benchmark', DATE '2026-01-01', 'own', false, 'generated'
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::uuid[]) AS x(id, key, name, source_framework_id, target_framework_id)`,
      [organizationId, setList.map((s) => s.id), setList.map((s) => s.key), setList.map((s) => s.name), setList.map((s) => s.sourceId), setList.map((s) => s.targetId)],
    ],
    [
      `INSERT INTO crosswalk_edge (organization_id, mapping_set_id, source_requirement_id, target_requirement_id, relationship, rationale, strength, condition, position)
       SELECT $1, mapping_set_id, source_requirement_id, target_requirement_id, relationship, rationale, strength, condition, position
         FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::smallint[], $8::text[], $9::int[])
           AS x(mapping_set_id, source_requirement_id, target_requirement_id, relationship, rationale, strength, condition, position)`,
      [organizationId, edge.setId, edge.sourceId, edge.targetId, edge.relationship, edge.rationale, edge.strength, edge.condition, edge.position],
    ],
    [`UPDATE organization SET own_catalog_version = own_catalog_version + 1 WHERE id = $1`, [organizationId]],
  ];

  const started = performance.now();
  const prepareMs = started - prepareStart;
  await client.query('BEGIN');
  try {
    for (const [sql, params] of statements) await client.query(sql, params);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  const writeMs = performance.now() - started;

  const requirements = req.id.length;
  return {
    frameworks: frameworks.length,
    requirements,
    assessable: req.assessable.filter(Boolean).length,
    mappingSets: setList.length,
    edges: edge.setId.length,
    publicEdges,
    statements: statements.length,
    rows: frameworks.length + requirements + setList.length + edge.setId.length + 1,
    writeMs,
    prepareMs,
    codes: frameworks.map((f) => f.code),
    sample,
  };
}
