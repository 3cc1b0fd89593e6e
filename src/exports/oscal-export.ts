/**
 * The OSCAL exports (issue 12): a framework as an OSCAL catalog, and the mapping sets from one framework to another
 * as an OSCAL 1.2 mapping-collection, for GET /export/oscal/… and `npm run export -- oscal-…`. Frameworks and sets are
 * the public catalog's or the organization's own, resolved through its TenantCatalog, so another organization's own
 * code is NOT_FOUND exactly as a code that does not exist. The documents are made by the pure writers in src/oscal/;
 * this file only gathers their rows.
 */
import { Injectable } from '@nestjs/common';
import type { CatalogIndex, CatalogSnapshot } from '../catalog/catalog-snapshot';
import type { Framework } from '../catalog/models/framework.model';
import { NotFoundError } from '../common/errors/domain-error';
import type { EdgeRow } from '../crosswalks/crosswalk-rows';
import type { MappingSet } from '../crosswalks/models/mapping-set.model';
import type { OscalCatalogDocument, OscalConfidenceScore, OscalMappingCollectionDocument } from '../oscal/oscal-types';
import { licenceAllowsText, writeOscalCatalog } from '../oscal/write-oscal-catalog';
import { type OscalEdgeInput, type OscalMappingSetInput, writeOscalMappingCollections } from '../oscal/write-oscal-mapping-collection';
import { OwnCatalogs } from '../own-catalog/own-catalogs';
import type { TenantCatalog } from '../own-catalog/tenant-catalog';

export interface OscalExportFile<T> {
  document: T;
  /** `CODE:VERSION` of what was exported, for the file name. */
  refs: string[];
}

const refOf = (f: Framework) => `${f.code}:${f.version}`;

/**
 * Both frameworks exist for the caller, but no mapping set runs from one to the other: the document asked for does
 * not exist, so the route answers 404 (a parameter naming nothing is NOT_FOUND with 400, as on every export).
 */
export class NoMappingSetError extends NotFoundError {}

@Injectable()
export class OscalExport {
  constructor(private readonly ownCatalogs: OwnCatalogs) {}

  /**
   * `framework` (CODE or CODE:VERSION) as an OSCAL catalog. Statement text, guidance and objectives go in only where
   * the licence allows (licenceAllowsText: NIST yes, ISO and AICPA no); an own framework's text is the organization's
   * own, so it always goes in.
   */
  async catalog(snapshot: CatalogSnapshot, organizationId: string, frameworkRef: string, now: Date): Promise<OscalExportFile<OscalCatalogDocument>> {
    const tenant = await this.ownCatalogs.forOrganization(organizationId, snapshot);
    const framework = tenant.resolveFramework(frameworkRef, 'framework');
    const index = tenant.indexOf(framework.id);
    const requirements = index.requirementsOfFramework(framework.id).map((r) => ({
      refId: r.refId,
      oscalId: r.oscalId ?? null,
      parentRefId: r.parentId === null ? null : (index.requirement(r.parentId)?.refId ?? null),
      title: r.title,
      text: r.text,
      kind: r.kind,
      assessable: r.assessable,
      withdrawn: r.withdrawn === true,
      guidance: r.guidance ?? null,
      objectives: r.objectives ?? null,
      position: r.position,
    }));
    const includeText = tenant.isOwnFramework(framework.id) || licenceAllowsText(framework.licenceNote);
    const document = writeOscalCatalog(
      { code: framework.code, version: framework.version, name: framework.name, publisher: framework.publisher, licence: framework.licenceNote },
      requirements,
      { includeText, lastModified: now.toISOString() },
    );
    return { document, refs: [refOf(framework)] };
  }

  /**
   * Every mapping set from `source` to `target` (public ones first, then the organization's own) as one OSCAL 1.2
   * mapping-collection. Only sets stored in that direction count: a set from target to source is its own export.
   * NOT_FOUND naming both when there is none.
   */
  async mappingCollection(
    snapshot: CatalogSnapshot,
    organizationId: string,
    sourceRef: string,
    targetRef: string,
    now: Date,
  ): Promise<OscalExportFile<OscalMappingCollectionDocument>> {
    const tenant = await this.ownCatalogs.forOrganization(organizationId, snapshot);
    const source = tenant.resolveFramework(sourceRef, 'source');
    const target = tenant.resolveFramework(targetRef, 'target');
    const sets = tenant.listMappingSets([source.id], [target.id]);
    if (sets.length === 0) {
      throw new NoMappingSetError(
        'source',
        `no mapping set from ${refOf(source)} to ${refOf(target)}; mapping sets are directed, so try source=${refOf(target)}&target=${refOf(source)}, ` +
          'or list them with the mappingSets and ownMappingSets queries',
      );
    }
    const parts = sets.map((set) => ({ set: setInput(set, source, target), edges: edgeInputs(tenant, indexOfSet(tenant, set), set) })).filter((p) => p.edges.length > 0);
    if (parts.length === 0) throw new NoMappingSetError('source', `the mapping sets from ${refOf(source)} to ${refOf(target)} hold no edges; an OSCAL mapping needs at least one map`);
    const document = writeOscalMappingCollections(parts, { lastModified: now.toISOString() });
    return { document, refs: [refOf(source), refOf(target)] };
  }
}

function indexOfSet(tenant: TenantCatalog, set: MappingSet): CatalogIndex {
  return tenant.catalog.mappingSet(set.id) !== null ? tenant.catalog : tenant.own;
}

function setInput(set: MappingSet, source: Framework, target: Framework): OscalMappingSetInput {
  const { method, status, author, date, licence, sources } = set.provenance;
  return {
    key: set.key,
    name: set.name,
    description: set.description,
    source: { code: source.code, version: source.version, name: source.name },
    target: { code: target.code, version: target.version, name: target.name },
    provenance: {
      method,
      status,
      author,
      date,
      licence,
      sources: sources.map((d) => ({ title: d.title, ...(d.url ? { url: d.url } : {}), ...(d.note ? { note: d.note } : {}) })),
    },
  };
}

function edgeInputs(tenant: TenantCatalog, index: CatalogIndex, set: MappingSet): OscalEdgeInput[] {
  return index.edgesOfMappingSet(set.id).map((edge: EdgeRow) => {
    // RLS and the own catalog's build guarantee both ends are the public catalog's or the organization's own.
    const source = tenant.requirement(edge.sourceId)!;
    const target = tenant.requirement(edge.targetId)!;
    return {
      source: { refId: source.refId, oscalId: source.oscalId ?? null },
      target: { refId: target.refId, oscalId: target.oscalId ?? null },
      relationship: edge.relationship,
      equivalent: edge.equivalent === true,
      // A shipped edge always has a rationale; an imported one without matching-rationale is read as semantic.
      rationale: edge.rationale ?? 'SEMANTIC',
      strength: edge.strength,
      note: edge.note,
      condition: edge.condition,
      confidenceScore: (edge.confidenceScore as OscalConfidenceScore | null | undefined) ?? null,
      coverage: edge.coverage ?? null,
      oscalUuid: edge.oscalUuid ?? null,
    };
  });
}
