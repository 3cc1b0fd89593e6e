/**
 * Reads an OSCAL 1.2 mapping-collection into crosswalk edges, one per (source, target) pair of every map of every
 * mapping (a map with two sources and three targets gives six edges):
 * - relationship: equal-to → EQUAL; equivalent-to → EQUAL with `equivalent: true`; subset-of, superset-of,
 *   intersects-with → SUBSET_OF, SUPERSET_OF, INTERSECTS_WITH; no-relationship → NOT_RELATED;
 * - matching-rationale (the map's, else the mapping's, else the provenance's) → rationale, upper-cased;
 * - coverage (target-coverage, scoped the same way) → strength, as coverage-strength.ts says; the coverage itself and
 *   the confidence-score (scoped the same way) are kept as they are;
 * - remarks → note, with any qualifier other than ours appended as a line;
 * - the qualifier subject both / has-requirement / restricted whose description names SAME_MANAGEMENT_SYSTEM →
 *   condition SAME_MANAGEMENT_SYSTEM (only on EQUAL, SUBSET_OF and SUPERSET_OF, like the stored condition).
 * Sources and targets are found with `resolve` (see requirementLookup in normalize-control-ref.ts). Every reference
 * that matches nothing is listed in one OscalUnmatchedReferencesError, and no edge is returned.
 */
import type { MappingMethod, MappingStatus } from '../crosswalks/provenance';
import type { CrosswalkCondition, Rationale, Relationship } from '../graph/relationship';
import { isContainment } from '../graph/relationship';
import { strengthFromCoverage } from './coverage-strength';
import { jsonPath, OscalUnmatchedReferencesError, ProblemList, type UnmatchedReference } from './oscal-error';
import {
  CROSSWALK_NS,
  inOscalNamespace,
  type OscalConfidenceScore,
  type OscalCoverage,
  type OscalMappingCollectionDocument,
  type OscalMappingStatus,
  type OscalQualifier,
  type OscalRelationship,
  type OscalResourceReference,
} from './oscal-types';
import { assertValidOscal } from './validate-oscal';

export type OscalSide = 'source' | 'target';
/** Finds the requirement an `id-ref` names on one side, or undefined. */
export type RequirementResolver<R> = (side: OscalSide, ref: string, type: 'control' | 'statement') => R | undefined;

export const RELATIONSHIP_FROM_OSCAL: Record<OscalRelationship, Relationship> = {
  'equal-to': 'EQUAL',
  'equivalent-to': 'EQUAL',
  'subset-of': 'SUBSET_OF',
  'superset-of': 'SUPERSET_OF',
  'intersects-with': 'INTERSECTS_WITH',
  'no-relationship': 'NOT_RELATED',
};

/** The OSCAL map qualifier that stands for our SAME_MANAGEMENT_SYSTEM condition (see graph/relationship.ts). */
export const SAME_MANAGEMENT_SYSTEM_QUALIFIER = {
  subject: 'both',
  predicate: 'has-requirement',
  category: 'restricted',
  description:
    'SAME_MANAGEMENT_SYSTEM: the relationship holds only when one management system covers both standards ' +
    '(identical Harmonized Structure text, and containment resting on it); otherwise read it as intersects-with.',
} as const satisfies OscalQualifier;

export function isSameManagementSystemQualifier(qualifier: OscalQualifier): boolean {
  return (
    qualifier.subject === SAME_MANAGEMENT_SYSTEM_QUALIFIER.subject &&
    qualifier.predicate === SAME_MANAGEMENT_SYSTEM_QUALIFIER.predicate &&
    qualifier.category === SAME_MANAGEMENT_SYSTEM_QUALIFIER.category &&
    qualifier.description.includes('SAME_MANAGEMENT_SYSTEM')
  );
}

export interface OscalMappingEdge<R> {
  source: R;
  target: R;
  relationship: Relationship;
  /** The map said equivalent-to (similar meaning), not equal-to (the same); both are stored as EQUAL. */
  equivalent: boolean;
  rationale: Rationale;
  strength: number;
  /** target-coverage in scope, as written; null when none was. */
  coverage: number | null;
  note: string | null;
  /** The mapper's confidence that the map is right, as written (category or percentage); null when none was. */
  confidenceScore: OscalConfidenceScore | null;
  condition: CrosswalkCondition | null;
  /** The map's uuid, when the map makes exactly this one edge (so that writing it again gives the same map). */
  oscalUuid: string | null;
  /** The map in the document. */
  path: string;
}

export interface OscalMappingRead {
  uuid: string;
  sourceResource: OscalResourceReference;
  targetResource: OscalResourceReference;
  /** CODE:VERSION, when a Crosswalk export named the framework (prop `framework` in our namespace). */
  sourceFramework: string | null;
  targetFramework: string | null;
}

export interface OscalMappingCollectionRead<R> {
  uuid: string;
  title: string;
  version: string;
  lastModified: string;
  oscalVersion: string;
  provenance: {
    method: MappingMethod;
    /** complete stays complete; every other OSCAL status (not-complete, draft, deprecated, superseded) is draft. */
    status: MappingStatus;
    oscalStatus: OscalMappingStatus;
    rationale: Rationale;
    description: string;
    confidenceScore: OscalConfidenceScore | null;
  };
  mappings: OscalMappingRead[];
  edges: Array<OscalMappingEdge<R>>;
}

function frameworkProp(resource: OscalResourceReference): string | null {
  return resource.props?.find((p) => p.name === 'framework' && p.ns === CROSSWALK_NS)?.value ?? null;
}

function qualifierLine(q: OscalQualifier): string {
  return `Qualifier (${q.subject} ${q.predicate}, ${q.category}): ${q.description}`;
}

/** Validates `doc` against the mapping-collection schema, then reads it. Throws OscalDocumentError. */
export function readOscalMappingCollection<R>(doc: unknown, resolve: RequirementResolver<R>): OscalMappingCollectionRead<R> {
  assertValidOscal('mapping-collection', doc);
  const collection = (doc as OscalMappingCollectionDocument)['mapping-collection'];
  const { provenance } = collection;
  const problems = new ProblemList();
  const unmatched = new Map<string, UnmatchedReference>();
  const edges: Array<OscalMappingEdge<R>> = [];
  const mapUuids = new Map<string, string>();
  const pairs = new Map<R, Map<R, string>>();

  collection.mappings.forEach((mapping, m) => {
    mapping.maps.forEach((map, i) => {
      const at = ['mapping-collection', 'mappings', m, 'maps', i];
      const here = jsonPath(at);
      const seenUuid = mapUuids.get(map.uuid.toLowerCase());
      if (seenUuid !== undefined) problems.add([...at, 'uuid'], `duplicate map uuid "${map.uuid}": ${seenUuid} has it too`);
      else mapUuids.set(map.uuid.toLowerCase(), here);
      if (!inOscalNamespace(map)) {
        problems.add([...at, 'relationship'], `relationship "${map.relationship}" is in namespace ${map.ns}; only the OSCAL relationships are read (equivalent-to, equal-to, subset-of, superset-of, intersects-with, no-relationship without ns)`);
        return;
      }
      const relationship = RELATIONSHIP_FROM_OSCAL[map.relationship as OscalRelationship];
      const rationale = (map['matching-rationale'] ?? mapping['matching-rationale'] ?? provenance['matching-rationale']).toUpperCase() as Rationale;
      const coverage: OscalCoverage | undefined = map.coverage ?? mapping.coverage ?? provenance.coverage;
      const confidence = map['confidence-score'] ?? mapping['confidence-score'] ?? provenance['confidence-score'] ?? null;
      const qualifiers = map.qualifiers ?? [];
      const sameSystem = qualifiers.some(isSameManagementSystemQualifier);
      if (sameSystem && !isContainment(relationship)) {
        problems.add([...at, 'qualifiers'], `the SAME_MANAGEMENT_SYSTEM qualifier conditions containment only: equal-to, equivalent-to, subset-of or superset-of, not ${map.relationship}`);
      }
      const notes = [map.remarks?.trim(), ...qualifiers.filter((q) => !isSameManagementSystemQualifier(q)).map(qualifierLine)].filter((s): s is string => !!s);

      const sideOf = (side: OscalSide) =>
        (side === 'source' ? map.sources : map.targets).map((item, j) => {
          const found = resolve(side, item['id-ref'], item.type);
          if (found === undefined) {
            const key = `${side}\u0000${item['id-ref']}`;
            const known = unmatched.get(key);
            if (known) known.count += 1;
            else unmatched.set(key, { side, ref: item['id-ref'], path: jsonPath([...at, side === 'source' ? 'sources' : 'targets', j, 'id-ref']), count: 1 });
          }
          return found;
        });
      const sources = sideOf('source');
      const targets = sideOf('target');
      const single = sources.length === 1 && targets.length === 1;
      for (const source of sources) {
        for (const target of targets) {
          if (source === undefined || target === undefined) continue;
          const byTarget = pairs.get(source) ?? new Map<R, string>();
          pairs.set(source, byTarget);
          const first = byTarget.get(target);
          if (first !== undefined) {
            problems.add(at, `maps the same source and target as ${first}; a pair may be mapped once`);
            continue;
          }
          byTarget.set(target, here);
          edges.push({
            source,
            target,
            relationship,
            equivalent: map.relationship === 'equivalent-to',
            rationale,
            strength: strengthFromCoverage(relationship, coverage?.['target-coverage']),
            coverage: coverage?.['target-coverage'] ?? null,
            note: notes.length > 0 ? notes.join('\n') : null,
            confidenceScore: confidence,
            condition: sameSystem ? 'SAME_MANAGEMENT_SYSTEM' : null,
            oscalUuid: single ? map.uuid : null,
            path: here,
          });
        }
      }
    });
  });

  problems.throwIfAny();
  if (unmatched.size > 0) throw new OscalUnmatchedReferencesError([...unmatched.values()]);
  return {
    uuid: collection.uuid,
    title: collection.metadata.title,
    version: collection.metadata.version,
    lastModified: collection.metadata['last-modified'],
    oscalVersion: collection.metadata['oscal-version'],
    provenance: {
      method: provenance.method,
      status: provenance.status === 'complete' ? 'complete' : 'draft',
      oscalStatus: provenance.status,
      rationale: provenance['matching-rationale'].toUpperCase() as Rationale,
      description: provenance['mapping-description'],
      confidenceScore: provenance['confidence-score'] ?? null,
    },
    mappings: collection.mappings.map((mapping) => ({
      uuid: mapping.uuid,
      sourceResource: mapping['source-resource'],
      targetResource: mapping['target-resource'],
      sourceFramework: frameworkProp(mapping['source-resource']),
      targetFramework: frameworkProp(mapping['target-resource']),
    })),
    edges,
  };
}
