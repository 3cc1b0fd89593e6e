/**
 * Writes a mapping set (public or an organization's own) as an OSCAL 1.2 mapping-collection: one mapping from the
 * source framework's catalog to the target's, one map per edge. The inverse of read-oscal-mapping-collection.ts:
 * - EQUAL → equal-to, or equivalent-to when the edge was imported as such; NOT_RELATED → no-relationship; the rest
 *   by name (subset-of, superset-of, intersects-with);
 * - rationale → the map's matching-rationale; the provenance's is the set's most common one;
 * - coverage as an import kept it, else strength → coverage (target-coverage = strength / 10, coverageOf); note →
 *   remarks, confidence-score as kept;
 * - condition SAME_MANAGEMENT_SYSTEM → the map qualifier SAME_MANAGEMENT_SYSTEM_QUALIFIER;
 * - provenance: method, status, the description, the sources as back-matter resources; the author as the creator
 *   party; the licence in the metadata remarks;
 * - the source-resource and target-resource are `catalog`s, each pointing at a back-matter resource (or the href
 *   given) that names the framework as CODE:VERSION (prop `framework` in Crosswalk's namespace).
 * UUIDs are derived from the set's key and the pair (oscal-uuid.ts), or kept from an import, so that writing the
 * same set twice gives the same document.
 */
import type { MappingSetDoc } from '../mappings/mapping-files';
import { type CrosswalkCondition, type Rationale, type Relationship, RATIONALES } from '../graph/relationship';
import type { ResolvableRequirement } from './normalize-control-ref';
import { coverageFromStrength } from './coverage-strength';
import { OscalDocumentError } from './oscal-error';
import { nameUuid } from './oscal-uuid';
import { SAME_MANAGEMENT_SYSTEM_QUALIFIER } from './read-oscal-mapping-collection';
import {
  CROSSWALK_NS,
  type OscalBackMatter,
  type OscalConfidenceScore,
  type OscalMap,
  type OscalMappingCollectionDocument,
  type OscalMatchingRationale,
  type OscalRelationship,
  WRITTEN_OSCAL_VERSION,
} from './oscal-types';

export interface OscalFrameworkRef {
  code: string;
  version: string;
  name?: string;
}

export interface OscalMappingSetInput {
  /** Stable key of the set (mapping_set.key, or the organization's own id). */
  key: string;
  name: string;
  description?: string | null;
  source: OscalFrameworkRef;
  target: OscalFrameworkRef;
  /** As in a mappings/ crosswalk file: method, status, author, date (YYYY-MM-DD), licence, sources. */
  provenance: MappingSetDoc['provenance'];
}

export interface OscalEdgeInput {
  source: ResolvableRequirement;
  target: ResolvableRequirement;
  relationship: Relationship;
  equivalent?: boolean;
  rationale: Rationale;
  strength: number;
  note?: string | null;
  condition?: CrosswalkCondition | null;
  confidenceScore?: OscalConfidenceScore | null;
  /** The OSCAL target-coverage an import kept (0–1): written as it came, else derived from strength. */
  coverage?: number | null;
  oscalUuid?: string | null;
}

export interface WriteMappingCollectionOptions {
  /** metadata.last-modified (RFC 3339 with a zone). */
  lastModified: string;
  /** Where the source and target catalogs can be fetched (the catalog export); else a back-matter resource names them. */
  sourceCatalogHref?: string;
  targetCatalogHref?: string;
}

const RELATIONSHIP_TO_OSCAL: Record<Relationship, OscalRelationship> = {
  EQUAL: 'equal-to',
  SUBSET_OF: 'subset-of',
  SUPERSET_OF: 'superset-of',
  INTERSECTS_WITH: 'intersects-with',
  NOT_RELATED: 'no-relationship',
};

export function oscalRelationship(edge: Pick<OscalEdgeInput, 'relationship' | 'equivalent'>): OscalRelationship {
  return edge.relationship === 'EQUAL' && edge.equivalent ? 'equivalent-to' : RELATIONSHIP_TO_OSCAL[edge.relationship];
}

/** How a requirement is named in `id-ref`: its OSCAL id when it came from OSCAL, else its refId. */
export function idRefOf(requirement: ResolvableRequirement): string {
  return requirement.oscalId ?? requirement.refId;
}

/**
 * The kept coverage as it came; our own derivation (strength / 10) names its generation-method. A kept coverage that
 * is exactly strength / 10 is what our own export wrote and the reader kept, so it is written the same way again:
 * that keeps export → import → export stable.
 */
function coverageOf(edge: OscalEdgeInput): OscalMap['coverage'] {
  const derived = coverageFromStrength(edge.strength);
  if (edge.coverage === null || edge.coverage === undefined || edge.coverage === derived) return { 'target-coverage': derived, 'generation-method': 'crosswalk-strength-over-10' };
  return { 'target-coverage': edge.coverage };
}

const oscalRationale = (rationale: Rationale) => rationale.toLowerCase() as OscalMatchingRationale;

function mostCommonRationale(edges: OscalEdgeInput[]): Rationale {
  const counts = new Map<Rationale, number>();
  for (const edge of edges) counts.set(edge.rationale, (counts.get(edge.rationale) ?? 0) + 1);
  return [...RATIONALES].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0))[0] ?? 'SEMANTIC';
}

export function writeOscalMappingCollection(
  set: OscalMappingSetInput,
  edges: OscalEdgeInput[],
  options: WriteMappingCollectionOptions,
): OscalMappingCollectionDocument {
  if (edges.length === 0) {
    // OSCAL requires at least one map in a mapping: an empty set has no OSCAL form.
    throw new OscalDocumentError([{ path: '$.mapping-collection.mappings[0].maps', message: `mapping set ${set.key} has no edges; an OSCAL mapping needs at least one map` }]);
  }
  const ref = (f: OscalFrameworkRef) => `${f.code}:${f.version}`;
  const id = (...parts: string[]) => nameUuid('mapping-collection', set.key, ...parts);
  const authorUuid = id('author');
  const resources: NonNullable<OscalBackMatter['resources']> = [];
  const catalogResource = (side: 'source' | 'target', framework: OscalFrameworkRef, href: string | undefined) => {
    const uuid = id('catalog', side, ref(framework));
    resources.push({
      uuid,
      title: `${framework.name ?? framework.code} (${ref(framework)})`,
      description: `The ${side} of this mapping is this catalog: Crosswalk framework ${ref(framework)}.`,
      props: [{ name: 'framework', ns: CROSSWALK_NS, value: ref(framework) }],
      ...(href ? { rlinks: [{ href }] } : {}),
    });
    return { type: 'catalog', href: href ?? `#${uuid}`, props: [{ name: 'framework', ns: CROSSWALK_NS, value: ref(framework) }] };
  };
  const sourceResource = catalogResource('source', set.source, options.sourceCatalogHref);
  const targetResource = catalogResource('target', set.target, options.targetCatalogHref);
  const sourceLinks = set.provenance.sources.map((source, i) => {
    const uuid = id('source-document', String(i));
    resources.push({ uuid, title: source.title, ...(source.note ? { description: source.note } : {}), ...(source.url ? { rlinks: [{ href: source.url }] } : {}) });
    return { href: `#${uuid}`, rel: 'reference', text: source.title };
  });

  const maps: OscalMap[] = edges.map((edge) => ({
    uuid: edge.oscalUuid ?? id('map', idRefOf(edge.source), idRefOf(edge.target)),
    'matching-rationale': oscalRationale(edge.rationale),
    relationship: oscalRelationship(edge),
    sources: [{ type: 'control', 'id-ref': idRefOf(edge.source) }],
    targets: [{ type: 'control', 'id-ref': idRefOf(edge.target) }],
    ...(edge.condition === 'SAME_MANAGEMENT_SYSTEM' ? { qualifiers: [{ ...SAME_MANAGEMENT_SYSTEM_QUALIFIER }] } : {}),
    ...(edge.confidenceScore ? { 'confidence-score': { ...edge.confidenceScore } } : {}),
    coverage: coverageOf(edge),
    ...(edge.note ? { remarks: edge.note } : {}),
  }));

  return {
    'mapping-collection': {
      uuid: id('collection', ref(set.source), ref(set.target)),
      metadata: {
        title: set.name,
        published: `${set.provenance.date}T00:00:00Z`,
        'last-modified': options.lastModified,
        version: set.provenance.date,
        'oscal-version': WRITTEN_OSCAL_VERSION,
        roles: [{ id: 'creator', title: 'Author of the mapping' }],
        parties: [{ uuid: authorUuid, type: 'organization', name: set.provenance.author }],
        'responsible-parties': [{ 'role-id': 'creator', 'party-uuids': [authorUuid] }],
        remarks: `Licence: ${set.provenance.licence}`,
      },
      provenance: {
        method: set.provenance.method,
        'matching-rationale': oscalRationale(mostCommonRationale(edges)),
        status: set.provenance.status,
        'mapping-description': set.description?.trim() || set.name,
        ...(sourceLinks.length > 0 ? { links: sourceLinks } : {}),
      },
      mappings: [
        {
          uuid: id('mapping', ref(set.source), ref(set.target)),
          'source-resource': sourceResource,
          'target-resource': targetResource,
          maps,
        },
      ],
      'back-matter': { resources },
    },
  };
}

/**
 * Several mapping sets from one framework to another (a public one and the organization's own, say) as one
 * collection: the first set's document, with each further set's mapping after it, carrying that set's own method,
 * status and description (OSCAL 1.2 lets a mapping override the collection's provenance), and its back-matter
 * resources added (the two catalogs are named once).
 */
export function writeOscalMappingCollections(
  sets: Array<{ set: OscalMappingSetInput; edges: OscalEdgeInput[] }>,
  options: WriteMappingCollectionOptions,
): OscalMappingCollectionDocument {
  const [first, ...rest] = sets.map(({ set, edges }) => ({ set, doc: writeOscalMappingCollection(set, edges, options)['mapping-collection'] }));
  if (!first) throw new OscalDocumentError([{ path: '$.mapping-collection.mappings', message: 'no mapping set to write; an OSCAL mapping-collection needs at least one mapping' }]);
  const collection = first.doc;
  const resources = collection['back-matter']?.resources ?? [];
  const known = new Set(resources.map((r) => r.uuid));
  for (const { set, doc } of rest) {
    for (const mapping of doc.mappings) {
      const description = set.description?.trim() || set.name;
      collection.mappings.push({ ...mapping, method: set.provenance.method, 'matching-rationale': doc.provenance['matching-rationale'], status: set.provenance.status, 'mapping-description': description });
    }
    for (const resource of doc['back-matter']?.resources ?? []) {
      if (!known.has(resource.uuid)) resources.push(resource);
      known.add(resource.uuid);
    }
  }
  if (rest.length > 0) {
    collection.metadata.title = `${collection.metadata.title} and ${rest.length} more mapping set${rest.length === 1 ? '' : 's'}`;
    collection.metadata.remarks = sets.map(({ set }) => `${set.name}: licence ${set.provenance.licence}`).join('; ');
  }
  return { 'mapping-collection': collection };
}
