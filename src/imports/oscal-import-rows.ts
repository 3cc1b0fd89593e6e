/**
 * What the OSCAL imports (oscal-import.service.ts) write, worked out before the transaction and without the database:
 * the column arrays of the set-based INSERTs (requirements with their parent ids, edges), the framework's and the
 * mapping set's descriptive columns from the document's metadata, and the own mapping set's key. Pure, so that the
 * rules are unit-tested without PostgreSQL.
 */
import { createHash, randomUUID } from 'node:crypto';
import { BadUserInputError } from '../common/errors/domain-error';
import { FRAMEWORK_CODE, FRAMEWORK_VERSION } from '../catalog/framework-ref';
import { OscalDocumentError, type OscalProblem } from '../oscal/oscal-error';
import type { OscalMetadata } from '../oscal/oscal-types';
import type { OscalCatalogRead } from '../oscal/read-oscal-catalog';
import type { OscalMappingEdge } from '../oscal/read-oscal-mapping-collection';

const CODE = new RegExp(`^${FRAMEWORK_CODE}$`);
const VERSION = new RegExp(`^${FRAMEWORK_VERSION}$`);
/** framework.code and framework.version are varchar(40). */
const MAX_CODE_LENGTH = 40;
/** requirement.kind is varchar(40), requirement.oscal_id varchar(200). */
const MAX_KIND_LENGTH = 40;
const MAX_OSCAL_ID_LENGTH = 200;
/** mapping_set.key is varchar(120). */
const MAX_SET_KEY_LENGTH = 120;

/** `code` as an own framework's code: FRAMEWORK_CODE, at most 40 characters. */
export function checkOwnCode(code: string | undefined): string {
  if (code === undefined || code.length === 0) throw new BadUserInputError('code', 'required: the own framework\'s code, upper-case letters, digits and hyphens, e.g. SP80053 or ACME-POLICIES');
  if (code.length > MAX_CODE_LENGTH || !CODE.test(code)) {
    throw new BadUserInputError('code', `"${code.slice(0, 60)}" is not a framework code; write upper-case letters, digits and single hyphens, starting with a letter, at most ${MAX_CODE_LENGTH} characters (e.g. SP80053 or ACME-POLICIES)`);
  }
  return code;
}

/** `version` as given (checked against FRAMEWORK_VERSION), else the catalog's metadata version made to fit it. */
export function ownVersion(given: string | undefined, metadataVersion: string): string {
  if (given !== undefined) {
    if (!VERSION.test(given)) throw new BadUserInputError('version', `"${given.slice(0, 60)}" is not a framework version; write 1 to 40 letters, digits, dots and hyphens, starting with a letter or digit (e.g. 5.0.1 or 2024-06)`);
    return given;
  }
  // 'Rev 5.1.1 (draft)' → 'Rev-5.1.1-draft': runs of anything else become one hyphen, then trim to the pattern.
  const sanitised = metadataVersion.replace(/[^0-9A-Za-z.-]+/g, '-').replace(/^[^0-9A-Za-z]+/, '').slice(0, 40).replace(/-+$/, '');
  return sanitised.length > 0 ? sanitised : '1';
}

/** The name of the party with one of `roles` (responsible-parties), else of the first organization party, else null. */
export function partyName(metadata: OscalMetadata, roles: readonly string[]): string | null {
  const parties = (metadata.parties ?? []) as Array<{ uuid?: string; type?: string; name?: string }>;
  const responsible = (metadata['responsible-parties'] ?? []) as Array<{ 'role-id'?: string; 'party-uuids'?: string[] }>;
  for (const role of roles) {
    const uuids = responsible.find((r) => r['role-id'] === role)?.['party-uuids'] ?? [];
    const named = uuids.map((uuid) => parties.find((p) => p.uuid === uuid)?.name?.trim()).find((name) => !!name);
    if (named) return named;
  }
  return parties.find((p) => p.type === 'organization' && p.name?.trim())?.name?.trim() ?? null;
}

/** The rows of an imported catalog's requirements, as the columns of one unnest INSERT (document order). */
export interface RequirementColumns {
  id: string[];
  refId: string[];
  parentId: Array<string | null>;
  title: string[];
  text: Array<string | null>;
  kind: string[];
  assessable: boolean[];
  position: number[];
  depth: number[];
  oscalId: Array<string | null>;
  guidance: Array<string | null>;
  objectives: Array<string | null>;
  withdrawn: boolean[];
}

/**
 * Gives every requirement a client-made uuid, and its parent the id of the requirement with its parentRefId, so that
 * parents and children go in with the same statements. Refuses (OscalDocumentError on the item's path) what the
 * columns cannot store: a kind longer than 40 characters or an id longer than 200.
 */
export function requirementColumns(read: OscalCatalogRead): RequirementColumns {
  const problems: OscalProblem[] = [];
  const idOfRef = new Map<string, string>();
  const columns: RequirementColumns = { id: [], refId: [], parentId: [], title: [], text: [], kind: [], assessable: [], position: [], depth: [], oscalId: [], guidance: [], objectives: [], withdrawn: [] };
  for (const r of read.requirements) {
    if (r.kind.length > MAX_KIND_LENGTH) problems.push({ path: r.path, message: `kind "${r.kind.slice(0, 60)}" is longer than ${MAX_KIND_LENGTH} characters` });
    if (r.oscalId !== null && r.oscalId.length > MAX_OSCAL_ID_LENGTH) problems.push({ path: `${r.path}.id`, message: `id is longer than ${MAX_OSCAL_ID_LENGTH} characters` });
    const id = randomUUID();
    // The reader walks parents before their children and keeps refIds unique, so the parent is always known here.
    idOfRef.set(r.refId, id);
    columns.id.push(id);
    columns.refId.push(r.refId);
    columns.parentId.push(r.parentRefId === null ? null : (idOfRef.get(r.parentRefId) ?? null));
    columns.title.push(r.title);
    columns.text.push(r.text);
    columns.kind.push(r.kind);
    columns.assessable.push(r.assessable);
    columns.position.push(r.position);
    columns.depth.push(r.depth);
    columns.oscalId.push(r.oscalId);
    columns.guidance.push(r.guidance);
    columns.objectives.push(r.objectives);
    columns.withdrawn.push(r.withdrawn);
  }
  if (problems.length > 0) throw new OscalDocumentError(problems.slice(0, 50), problems.length, 'content');
  return columns;
}

/** The requirement fields a mapping edge needs of each side. */
export interface EdgeEnd {
  id: string;
}

/** The columns of the edge INSERT for `edges[from, to)`, positions counted from 0 over all edges. */
export function edgeColumns(edges: ReadonlyArray<OscalMappingEdge<EdgeEnd>>, from: number, to: number) {
  const slice = edges.slice(from, to);
  return {
    source: slice.map((e) => e.source.id),
    target: slice.map((e) => e.target.id),
    relationship: slice.map((e) => e.relationship),
    rationale: slice.map((e) => e.rationale),
    strength: slice.map((e) => e.strength),
    note: slice.map((e) => e.note),
    condition: slice.map((e) => e.condition),
    equivalent: slice.map((e) => e.equivalent),
    coverage: slice.map((e) => e.coverage),
    confidence: slice.map((e) => (e.confidenceScore ? JSON.stringify(e.confidenceScore) : null)),
    oscalUuid: slice.map((e) => e.oscalUuid),
    position: slice.map((_, i) => from + i),
  };
}

/**
 * The own mapping set's key for a pair of frameworks, stable across imports so a second import of the same pair
 * finds the set: `sp80053-5.0.1__iso27001-2022`, lower-case. A pair whose key would pass 120 characters keeps a
 * prefix and a hash of the whole.
 */
export function ownMappingSetKey(source: { code: string; version: string }, target: { code: string; version: string }): string {
  const slug = (f: { code: string; version: string }) => `${f.code}-${f.version}`.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
  const key = `${slug(source)}__${slug(target)}`;
  if (key.length <= MAX_SET_KEY_LENGTH) return key;
  return `${key.slice(0, MAX_SET_KEY_LENGTH - 13)}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}
