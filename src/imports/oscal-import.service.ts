import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AuditActor, recordAudit } from '../audit/audit-log';
import { CatalogSnapshots } from '../catalog/catalog-snapshots';
import { BadUserInputError, DomainError, ErrorCode } from '../common/errors/domain-error';
import type { OwnCatalogLimits } from '../config/app-config';
import { isUniqueViolation } from '../database/sql-errors';
import { TenantDb } from '../database/tenant-db';
import { OscalDocumentError } from '../oscal/oscal-error';
import type { OscalCatalogDocument, OscalMappingCollectionDocument } from '../oscal/oscal-types';
import { requirementLookup } from '../oscal/normalize-control-ref';
import { readOscalCatalog } from '../oscal/read-oscal-catalog';
import { readOscalMappingCollection } from '../oscal/read-oscal-mapping-collection';
import { OWN_CATALOG_LIMITS } from '../own-catalog/own-catalog.module';
import { beginOwnCatalogChange, checkOwnCatalogLimits } from '../own-catalog/own-catalog.writes';
import { OwnCatalogs } from '../own-catalog/own-catalogs';
import { checkOwnCode, edgeColumns, type EdgeEnd, ownMappingSetKey, ownVersion, partyName, requirementColumns } from './oscal-import-rows';

/** The stages of an OSCAL import, in order, as `onStep` reports them when each is done (the command line's progress). */
export const OSCAL_IMPORT_STEPS = ['read the document', 'checked against the catalog', 'wrote the rows', 'committed'] as const;
export type OscalImportStep = (typeof OSCAL_IMPORT_STEPS)[number];

/** The audit operations of the OSCAL imports: one event per import, naming its counts. */
export const OSCAL_IMPORT_OPERATIONS = { catalog: 'importOscalCatalog', mappingCollection: 'importOscalMappingCollection' } as const;

/** Rows per INSERT: PostgreSQL takes arrays of any length, but a few big statements keep memory per statement bounded. */
const CHUNK = 20_000;

export interface OscalCatalogImport {
  frameworkCode: string;
  version: string;
  counts: { requirements: number; assessable: number; withdrawn: number; headings: number };
  tookMs: number;
}

export interface OscalMappingCollectionImport {
  mappingSet: string;
  source: string;
  target: string;
  /** True when the organization had an own mapping set for this pair already and its edges were replaced. */
  replaced: boolean;
  counts: { edges: number; replacedEdges: number; mappings: number };
  tookMs: number;
}

/**
 * OSCAL imports into an organization's own catalog (issue 12): a catalog becomes an own framework, a mapping-collection
 * a private mapping set. The pure OSCAL layer (src/oscal/) validates the whole document against the kept JSON Schema and
 * reads it; this service checks it against the catalog and writes it in ONE tenant transaction (row-level security on),
 * all or nothing, with a constant number of set-based statements: beginOwnCatalogChange first (it takes the
 * organization's lock and bumps own_catalog_version, so every kept overlay is rebuilt), the limits, the rows (uuids
 * made here so parents and edges need no reading back), one audit event. Built by Nest, or by hand by the command line.
 */
@Injectable()
export class OscalImportService {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly snapshots: CatalogSnapshots,
    private readonly ownCatalogs: OwnCatalogs,
    @Inject(OWN_CATALOG_LIMITS) private readonly limits: OwnCatalogLimits,
  ) {}

  /**
   * An OSCAL catalog as the own framework `code`:`version` (version default: the catalog's metadata version, made to
   * fit FRAMEWORK_VERSION). Refused, nothing written: a code a public framework has (an own code may not shadow one),
   * a code and version the organization has already (CONFLICT: delete it first to import it again), the limits.
   */
  async importCatalog(actor: AuditActor, doc: unknown, options: { code: string | undefined; version?: string; onStep?: (step: OscalImportStep) => void }): Promise<OscalCatalogImport> {
    const started = performance.now();
    const step = options.onStep ?? (() => undefined);
    const code = checkOwnCode(options.code);
    const read = readOscalCatalog(doc);
    const version = ownVersion(options.version, read.version);
    const rows = requirementColumns(read);
    step('read the document');
    const snapshot = await this.snapshots.get();
    if (snapshot.frameworks.some((f) => f.code === code)) {
      throw new BadUserInputError('code', `"${code}" is a public framework's code, and an own framework may not shadow one; choose another code (e.g. ${code}-OWN)`);
    }
    step('checked against the catalog');
    const metadata = (doc as OscalCatalogDocument).catalog.metadata;
    const counts = {
      requirements: rows.id.length,
      assessable: rows.assessable.filter(Boolean).length,
      withdrawn: rows.withdrawn.filter(Boolean).length,
      headings: read.requirements.filter((r) => r.kind === 'group').length,
    };
    const frameworkId = randomUUID();
    const org = actor.organizationId;
    try {
      await this.tenantDb.write(org, async (manager) => {
        const have = await beginOwnCatalogChange(manager, org);
        const [existing] = await manager.query<unknown[]>(`SELECT 1 FROM framework WHERE organization_id = $1 AND code = $2 AND version = $3`, [org, code, version]);
        if (existing) throw conflict(code, version);
        checkOwnCatalogLimits('code', have, { frameworks: 1, requirements: counts.requirements }, this.limits);
        await manager.query(
          `INSERT INTO framework (id, organization_id, code, version, name, publisher, kind, description, licence_note, sources)
           VALUES ($1, $2, $3, $4, $5, $6, 'CONTROL_CATALOG', $7, $8, $9::jsonb)`,
          [
            frameworkId, org, code, version, read.title,
            partyName(metadata, ['publisher', 'creator']) ?? 'Imported OSCAL catalog',
            `Imported from the OSCAL catalog "${read.title}" (version ${read.version}).`,
            'Imported by the organization from an OSCAL catalog; the organization answers for its licence and for any text it holds.',
            JSON.stringify([{ title: read.title, note: `OSCAL catalog ${read.uuid}, version ${read.version}, last modified ${read.lastModified ?? 'not stated'}` }]),
          ],
        );
        await insertRequirements(manager, org, frameworkId, rows);
        step('wrote the rows');
        await recordAudit(manager, actor, OSCAL_IMPORT_OPERATIONS.catalog, { type: 'framework', id: frameworkId }, null, { code, version, title: read.title, oscalUuid: read.uuid, ...counts });
      });
    } catch (error) {
      // Another import of the same code and version committed first, after this one's check.
      if (isUniqueViolation(error, 'uq_framework_own_code_version')) throw conflict(code, version);
      throw error;
    }
    step('committed');
    return { frameworkCode: code, version, counts, tookMs: Math.round(performance.now() - started) };
  }

  /**
   * An OSCAL mapping-collection as the organization's own mapping set from `source` to `target` (CODE or
   * CODE:VERSION, public or own; at least one own). An own set for the same pair is there already: its edges are
   * replaced (`replaced: true`). Refused, nothing written: an unknown framework (NOT_FOUND, as for one that does not
   * exist), two public ones, references that match no requirement (every one listed), a pair mapped twice, the limits.
   */
  async importMappingCollection(
    actor: AuditActor,
    doc: unknown,
    options: { source: string | undefined; target: string | undefined; onStep?: (step: OscalImportStep) => void },
  ): Promise<OscalMappingCollectionImport> {
    const started = performance.now();
    const step = options.onStep ?? (() => undefined);
    if (!options.source) throw new BadUserInputError('source', 'required: the framework the maps go from, CODE or CODE:VERSION');
    if (!options.target) throw new BadUserInputError('target', 'required: the framework the maps go to, CODE or CODE:VERSION');
    const org = actor.organizationId;
    const tenant = await this.ownCatalogs.forOrganization(org, await this.snapshots.get());
    const source = tenant.resolveFramework(options.source, 'source');
    const target = tenant.resolveFramework(options.target, 'target');
    if (!tenant.isOwnFramework(source.id) && !tenant.isOwnFramework(target.id)) {
      throw new BadUserInputError(
        'source',
        `${source.code}:${source.version} and target ${target.code}:${target.version} are both public frameworks; a private mapping set joins one of the organization's own frameworks to a public one, or two own ones`,
      );
    }
    const lookup = (frameworkId: string) => requirementLookup(tenant.indexOf(frameworkId).requirementsOfFramework(frameworkId));
    const sides = { source: lookup(source.id), target: lookup(target.id) };
    const read = readOscalMappingCollection<EdgeEnd>(doc, (side, ref) => sides[side](ref));
    // Only a collection from a framework to itself can name one requirement on both sides; an edge never joins a
    // requirement to itself.
    const selfMaps = read.edges.filter((e) => e.source === e.target).map((e) => ({ path: e.path, message: 'maps a requirement to itself; a map joins two different requirements' }));
    if (selfMaps.length > 0) throw new OscalDocumentError(selfMaps.slice(0, 50), selfMaps.length, 'content');
    step('read the document');
    step('checked against the catalog');
    const metadata = (doc as OscalMappingCollectionDocument)['mapping-collection'].metadata;
    const key = ownMappingSetKey(source, target);
    const ref = (f: { code: string; version: string }) => `${f.code}:${f.version}`;
    let replacedEdges = 0;
    let setId: string = randomUUID();
    let replaced = false;
    await this.tenantDb.write(org, async (manager) => {
      const have = await beginOwnCatalogChange(manager, org);
      // The own set for this pair: the one an earlier import made (its key), else any the organization made for it.
      const [existing] = await manager.query<Array<{ id: string; edges: number }>>(
        `SELECT m.id, (SELECT count(*)::int FROM crosswalk_edge e WHERE e.mapping_set_id = m.id) AS edges
           FROM mapping_set m WHERE m.organization_id = $1 AND m.source_framework_id = $2 AND m.target_framework_id = $3
          ORDER BY (m.key = $4) DESC, m.key LIMIT 1 FOR UPDATE`,
        [org, source.id, target.id, key],
      );
      replacedEdges = existing?.edges ?? 0;
      checkOwnCatalogLimits('document', { ...have, edges: have.edges - replacedEdges }, { edges: read.edges.length }, this.limits);
      const columns = [
        read.title,
        read.provenance.description,
        read.provenance.method,
        read.provenance.status,
        partyName(metadata, ['creator', 'publisher']) ?? 'Not stated in the imported OSCAL mapping-collection',
        (metadata.published ?? read.lastModified).slice(0, 10),
        'Imported by the organization from an OSCAL mapping-collection; the organization answers for its licence.',
        JSON.stringify([{ title: read.title, note: `OSCAL mapping-collection ${read.uuid}, version ${read.version}, last modified ${read.lastModified}` }]),
        JSON.stringify({
          uuid: read.uuid,
          version: read.version,
          lastModified: read.lastModified,
          status: read.provenance.oscalStatus,
          rationale: read.provenance.rationale,
          confidenceScore: read.provenance.confidenceScore,
        }),
      ];
      if (existing) {
        replaced = true;
        setId = existing.id;
        await manager.query(`DELETE FROM crosswalk_edge WHERE mapping_set_id = $1`, [setId]);
        await manager.query(
          `UPDATE mapping_set SET name = $2, description = $3, method = $4, status = $5, author = $6, published_on = $7::date, licence = $8,
                  comprehensive = false, sources = $9::jsonb, oscal = $10::jsonb, source_file = 'oscal-import'
            WHERE id = $1`,
          [setId, ...columns],
        );
      } else {
        await manager.query(
          `INSERT INTO mapping_set (id, organization_id, key, source_framework_id, target_framework_id, name, description, method, status, author,
                                    published_on, licence, comprehensive, sources, oscal, source_file)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::date, $12, false, $13::jsonb, $14::jsonb, 'oscal-import')`,
          [setId, org, key, source.id, target.id, ...columns],
        );
      }
      await insertEdges(manager, org, setId, read.edges);
      step('wrote the rows');
      await recordAudit(manager, actor, OSCAL_IMPORT_OPERATIONS.mappingCollection, { type: 'mapping_set', id: setId }, replaced ? { key, edges: replacedEdges } : null, {
        key, source: ref(source), target: ref(target), oscalUuid: read.uuid, edges: read.edges.length, mappings: read.mappings.length,
      });
    });
    step('committed');
    return {
      mappingSet: key, source: ref(source), target: ref(target), replaced,
      counts: { edges: read.edges.length, replacedEdges, mappings: read.mappings.length },
      tookMs: Math.round(performance.now() - started),
    };
  }
}

function conflict(code: string, version: string): DomainError {
  return new DomainError(
    ErrorCode.CONFLICT,
    `code: the organization has an own framework ${code}:${version} already; to import the catalog again, delete that framework first (or give another version)`,
    'code',
  );
}

async function insertRequirements(manager: EntityManager, org: string, frameworkId: string, rows: ReturnType<typeof requirementColumns>): Promise<void> {
  // Document order puts every parent before its children, so a chunk's parent_id always names a row already written.
  for (let from = 0; from < rows.id.length; from += CHUNK) {
    const part = <T>(column: T[]) => column.slice(from, from + CHUNK);
    await manager.query(
      `INSERT INTO requirement (id, organization_id, framework_id, ref_id, parent_id, title, text, kind, assessable, position, depth, oscal_id, guidance, objectives, withdrawn)
       SELECT r.id, $1, $2, r.ref_id, r.parent_id, r.title, r.text, r.kind, r.assessable, r.position, r.depth, r.oscal_id, r.guidance, r.objectives, r.withdrawn
         FROM unnest($3::uuid[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::boolean[], $10::int[], $11::smallint[], $12::text[], $13::text[], $14::text[], $15::boolean[])
           AS r(id, ref_id, parent_id, title, text, kind, assessable, position, depth, oscal_id, guidance, objectives, withdrawn)`,
      [
        org, frameworkId,
        part(rows.id), part(rows.refId), part(rows.parentId), part(rows.title), part(rows.text), part(rows.kind), part(rows.assessable),
        part(rows.position), part(rows.depth), part(rows.oscalId), part(rows.guidance), part(rows.objectives), part(rows.withdrawn),
      ],
    );
  }
}

async function insertEdges(manager: EntityManager, org: string, setId: string, edges: Parameters<typeof edgeColumns>[0]): Promise<void> {
  for (let from = 0; from < edges.length; from += CHUNK) {
    const c = edgeColumns(edges, from, Math.min(edges.length, from + CHUNK));
    await manager.query(
      `INSERT INTO crosswalk_edge (organization_id, mapping_set_id, source_requirement_id, target_requirement_id, relationship, rationale, strength, note,
                                   condition, equivalent, coverage, confidence_score, oscal_uuid, position)
       SELECT $1, $2, e.source, e.target, e.relationship, e.rationale, e.strength, e.note, e.condition, e.equivalent, e.coverage, e.confidence::jsonb, e.oscal_uuid, e.position
         FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::smallint[], $8::text[], $9::text[], $10::boolean[], $11::float8[], $12::text[], $13::uuid[], $14::int[])
           AS e(source, target, relationship, rationale, strength, note, condition, equivalent, coverage, confidence, oscal_uuid, position)`,
      [org, setId, c.source, c.target, c.relationship, c.rationale, c.strength, c.note, c.condition, c.equivalent, c.coverage, c.confidence, c.oscalUuid, c.position],
    );
  }
}
