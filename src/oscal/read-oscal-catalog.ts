/**
 * Reads an OSCAL catalog (a full one such as SP 800-53, or a resolved profile) into requirements:
 * - every group is a heading (kind `group`, not assessable);
 * - every control is an assessable requirement (kind `control`), and so is every control nested in a control (kind
 *   `enhancement`), including a control that has enhancements: an exception to DESIGN's "only leaves are assessable";
 * - a withdrawn control (prop status = withdrawn) is kept, with `withdrawn: true`, but is not assessable;
 * - refId is the `label` prop without a `class` (SP 800-53: `AC-2(3)`), else the first `label` prop, else the `id`
 *   upper-cased (`ac-2.3` → `AC-2.3`); a group with neither id nor label takes its title. The OSCAL id is kept as
 *   `oscalId`;
 * - text is the statement with its params rendered (render-oscal-prose.ts); guidance and assessment objectives are
 *   kept as their own text.
 * Catalog-level controls (no groups) and groups inside groups are read the same way. The walk is iterative. Every
 * problem (duplicate ids or labels, inserts of params that do not exist, labels too long to store) is collected and
 * thrown together as one OscalDocumentError (oscal-error.ts), and nothing is returned.
 */
import { jsonPath, ProblemList } from './oscal-error';
import { CROSSWALK_NS, inOscalNamespace, type OscalCatalogDocument, type OscalControl, type OscalGroup, type OscalParam, type OscalProp } from './oscal-types';
import { renderPart, type ProseContext } from './render-oscal-prose';
import { assertValidOscal } from './validate-oscal';

/** Longest refId a requirement can store (requirement.ref_id is varchar(80)). */
export const MAX_REF_ID_LENGTH = 80;

export type OscalRequirementKind = 'group' | 'control' | 'enhancement';

export interface OscalCatalogRequirement {
  refId: string;
  /** The OSCAL `id`; null for a group without one. */
  oscalId: string | null;
  parentRefId: string | null;
  title: string;
  /** The statement, params rendered; null when the control has none (withdrawn ones, groups). */
  text: string | null;
  guidance: string | null;
  /** Assessment objectives (parts named assessment-objective, or objective before OSCAL 1.0.1). */
  objectives: string | null;
  kind: OscalRequirementKind | string;
  assessable: boolean;
  withdrawn: boolean;
  /** Document order, from 0. */
  position: number;
  /** 0 at the top (a top-level group, or a catalog-level control). */
  depth: number;
  /** Where it is in the document. */
  path: string;
}

export interface OscalCatalogRead {
  uuid: string;
  title: string;
  version: string;
  lastModified: string | null;
  oscalVersion: string;
  requirements: OscalCatalogRequirement[];
}

function prop(props: OscalProp[] | undefined, name: string, ns?: string): OscalProp[] {
  return (props ?? []).filter((p) => p.name === name && (ns === undefined ? inOscalNamespace(p) : p.ns === ns));
}

/** The refId rule above. */
export function refIdOf(item: { id?: string; title: string; props?: OscalProp[] }): string {
  const labels = prop(item.props, 'label');
  const label = labels.find((p) => p.class === undefined) ?? labels[0];
  return (label?.value ?? item.id?.toUpperCase() ?? item.title).trim();
}

function isWithdrawn(control: OscalControl): boolean {
  return prop(control.props, 'status').some((p) => p.value.toLowerCase() === 'withdrawn');
}

type Node = { kind: 'group'; item: OscalGroup } | { kind: 'control'; item: OscalControl; nested: boolean };
type Pending = { node: Node; path: Array<string | number>; parentRefId: string | null; depth: number };

function childrenOf(node: Node, path: Array<string | number>, refId: string, depth: number): Pending[] {
  const out: Pending[] = [];
  (node.item.controls ?? []).forEach((item, i) =>
    out.push({ node: { kind: 'control', item, nested: node.kind === 'control' }, path: [...path, 'controls', i], parentRefId: refId, depth: depth + 1 }),
  );
  if (node.kind === 'group') {
    (node.item.groups ?? []).forEach((item, i) => out.push({ node: { kind: 'group', item }, path: [...path, 'groups', i], parentRefId: refId, depth: depth + 1 }));
  }
  return out;
}

/** Every param of the document by id (catalog, group and control params), each id once. */
function collectParams(doc: OscalCatalogDocument, problems: ProblemList): Map<string, OscalParam> {
  const params = new Map<string, OscalParam>();
  const stack: Array<{ item: { params?: OscalParam[]; controls?: OscalControl[]; groups?: OscalGroup[] }; path: Array<string | number> }> = [
    { item: doc.catalog, path: ['catalog'] },
  ];
  while (stack.length > 0) {
    const { item, path } = stack.pop()!;
    (item.params ?? []).forEach((param, i) => {
      if (params.has(param.id)) problems.add([...path, 'params', i, 'id'], `duplicate param id "${param.id}"; param ids must be unique in a catalog`);
      else params.set(param.id, param);
    });
    (item.controls ?? []).forEach((control, i) => stack.push({ item: control, path: [...path, 'controls', i] }));
    (item.groups ?? []).forEach((group, i) => stack.push({ item: group, path: [...path, 'groups', i] }));
  }
  return params;
}

/** Validates `doc` against the catalog schema, then reads it. Throws OscalDocumentError. */
export function readOscalCatalog(doc: unknown): OscalCatalogRead {
  assertValidOscal('catalog', doc);
  const catalog = (doc as OscalCatalogDocument).catalog;
  const problems = new ProblemList();
  const params = collectParams(doc as OscalCatalogDocument, problems);

  const top: Pending[] = [
    ...(catalog.controls ?? []).map((item, i): Pending => ({ node: { kind: 'control', item, nested: false }, path: ['catalog', 'controls', i], parentRefId: null, depth: 0 })),
    ...(catalog.groups ?? []).map((item, i): Pending => ({ node: { kind: 'group', item }, path: ['catalog', 'groups', i], parentRefId: null, depth: 0 })),
  ];
  const stack = top.reverse();
  const requirements: OscalCatalogRequirement[] = [];
  const byRefId = new Map<string, string>();
  const byOscalId = new Map<string, string>();

  while (stack.length > 0) {
    const { node, path, parentRefId, depth } = stack.pop()!;
    const where = (...more: Array<string | number>) => [...path, ...more];
    const refId = refIdOf(node.item);
    const oscalId = node.item.id ?? null;
    const context: ProseContext = { params, problem: (message) => problems.add(where('parts'), message) };

    if (refId.length === 0 || refId.length > MAX_REF_ID_LENGTH) {
      problems.add(where(), `label or id "${refId.slice(0, 100)}" cannot be a refId: 1 to ${MAX_REF_ID_LENGTH} characters are accepted`);
    }
    const seenRef = byRefId.get(refId.toLowerCase());
    if (seenRef !== undefined) problems.add(where(), `duplicate label "${refId}": ${seenRef} has it too; labels (refIds) must be unique in a catalog`);
    else byRefId.set(refId.toLowerCase(), jsonPath(path));
    if (oscalId !== null) {
      const seenId = byOscalId.get(oscalId);
      if (seenId !== undefined) problems.add(where('id'), `duplicate id "${oscalId}": ${seenId} has it too; ids must be unique in a catalog`);
      else byOscalId.set(oscalId, jsonPath(path));
    }

    const parts = node.item.parts ?? [];
    const textOf = (names: string[], number: boolean) => {
      const texts = parts.filter((p) => names.includes(p.name) && inOscalNamespace(p)).map((p) => renderPart(p, context, { number }));
      const joined = texts.filter((t) => t.length > 0).join('\n\n');
      return joined.length > 0 ? joined : null;
    };
    const withdrawn = node.kind === 'control' && isWithdrawn(node.item);
    // A heading that Crosswalk wrote as a control (its parent group also holds controls) says so in our namespace.
    const ownAssessable = prop(node.item.props, 'assessable', CROSSWALK_NS)[0]?.value;
    const ownKind = prop(node.item.props, 'kind', CROSSWALK_NS)[0]?.value;
    requirements.push({
      refId,
      oscalId,
      parentRefId,
      title: node.item.title,
      text: textOf(['statement'], true),
      guidance: textOf(['guidance'], false),
      objectives: textOf(['assessment-objective', 'objective'], false),
      kind: ownKind ?? (node.kind === 'group' ? 'group' : node.nested ? 'enhancement' : 'control'),
      assessable: node.kind === 'control' && !withdrawn && ownAssessable !== 'false',
      withdrawn,
      position: requirements.length,
      depth,
      path: jsonPath(path),
    });
    stack.push(...childrenOf(node, path, refId, depth).reverse());
  }

  if (requirements.length === 0) problems.add(['catalog'], 'holds no groups or controls; a catalog to import needs at least one control');
  problems.throwIfAny();
  const metadata = catalog.metadata;
  return {
    uuid: catalog.uuid,
    title: metadata.title,
    version: metadata.version,
    lastModified: metadata['last-modified'] ?? null,
    oscalVersion: metadata['oscal-version'],
    requirements,
  };
}
