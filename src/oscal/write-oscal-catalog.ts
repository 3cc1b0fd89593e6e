/**
 * Writes a framework as an OSCAL catalog. Assessable requirements become controls (a requirement under a control is a
 * control inside it); a heading (not assessable) becomes a group where OSCAL allows one: at the top, or inside a group
 * whose children are all headings. (OSCAL's group holds groups or controls, not both, so a heading beside controls is
 * written as a control with the prop `assessable` = false in Crosswalk's namespace, which readOscalCatalog honours.)
 * Every item carries its refId as the `label` prop and its kind as a `kind` prop in Crosswalk's namespace; ids are
 * the OSCAL id it was imported with, else derived from the refId. Text (the statement, and the guidance and
 * assessment objectives an OSCAL import kept) is written only with
 * `includeText`: where the framework's licence allows identifiers and titles only (ISO, AICPA; see NOTICE and
 * `licenceAllowsText`), the caller passes false.
 */
import { nameUuid } from './oscal-uuid';
import { CROSSWALK_NS, type OscalCatalogDocument, type OscalControl, type OscalGroup, type OscalProp, WRITTEN_OSCAL_VERSION } from './oscal-types';

export interface OscalCatalogFrameworkInput {
  code: string;
  version: string;
  name: string;
  publisher?: string;
  /** The framework's licence note. */
  licence: string;
}

export interface OscalCatalogRequirementInput {
  refId: string;
  oscalId?: string | null;
  parentRefId: string | null;
  title: string;
  text?: string | null;
  kind: string;
  assessable: boolean;
  /** A withdrawn control (from an OSCAL import): written with the prop status = withdrawn. */
  withdrawn?: boolean;
  /** Guidance (an OSCAL import keeps it): written as the part `guidance`, under the same licence rule as the text. */
  guidance?: string | null;
  /** Assessment objectives, likewise: the part `assessment-objective`. */
  objectives?: string | null;
  /** Document order. */
  position: number;
}

export interface WriteCatalogOptions {
  includeText: boolean;
  /** metadata.last-modified (RFC 3339 with a zone). */
  lastModified: string;
}

/** The licence notes of the shipped frameworks say "identifiers and titles only" (or "… labels only") for ISO and AICPA. */
export function licenceAllowsText(licence: string): boolean {
  return !/\bidentifiers\b[^.;]*\bonly\b/i.test(licence);
}

const TOKEN = /^[\p{L}_][\p{L}\p{N}._-]*$/u;

/** An OSCAL token from a refId: `A.5.15` → `a.5.15`, `GOVERN 1.1` → `govern-1.1`, `4.1` → `iso27001-4.1`. */
function tokenFor(code: string, refId: string): string {
  const slug = refId.toLowerCase().replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '');
  return /^[\p{L}_]/u.test(slug) ? slug : `${code.toLowerCase().replace(/[^\p{L}\p{N}._-]+/gu, '-')}-${slug || 'item'}`;
}

export function writeOscalCatalog(
  framework: OscalCatalogFrameworkInput,
  requirements: OscalCatalogRequirementInput[],
  options: WriteCatalogOptions,
): OscalCatalogDocument {
  const ordered = [...requirements].sort((a, b) => a.position - b.position);
  const known = new Set(ordered.map((r) => r.refId));
  const children = new Map<string | null, OscalCatalogRequirementInput[]>();
  for (const r of ordered) {
    const parent = r.parentRefId !== null && known.has(r.parentRefId) ? r.parentRefId : null;
    const siblings = children.get(parent);
    if (siblings) siblings.push(r);
    else children.set(parent, [r]);
  }
  const usedIds = new Set<string>();
  const idOf = (r: OscalCatalogRequirementInput) => {
    let id = r.oscalId && TOKEN.test(r.oscalId) ? r.oscalId : tokenFor(framework.code, r.refId);
    for (let n = 2; usedIds.has(id); n += 1) id = `${tokenFor(framework.code, r.refId)}-${n}`;
    usedIds.add(id);
    return id;
  };
  const propsOf = (r: OscalCatalogRequirementInput, asControl: boolean): OscalProp[] => [
    { name: 'label', value: r.refId },
    { name: 'kind', ns: CROSSWALK_NS, value: r.kind },
    ...(asControl && r.withdrawn ? [{ name: 'status', value: 'withdrawn' }] : []),
    ...(asControl && !r.assessable && !r.withdrawn ? [{ name: 'assessable', ns: CROSSWALK_NS, value: 'false' }] : []),
  ];
  // Guidance and objectives are the publisher's words as much as the statement is, so includeText governs all three.
  const partsOf = (id: string, r: OscalCatalogRequirementInput) => {
    if (!options.includeText) return {};
    const parts = [
      ...(r.text ? [{ id: `${id}_smt`, name: 'statement', prose: r.text }] : []),
      ...(r.guidance ? [{ id: `${id}_gdn`, name: 'guidance', prose: r.guidance }] : []),
      ...(r.objectives ? [{ id: `${id}_obj`, name: 'assessment-objective', prose: r.objectives }] : []),
    ];
    return parts.length > 0 ? { parts } : {};
  };

  // Iterative: each entry fills its own output object; children are pushed with the array they go into.
  const catalog: OscalCatalogDocument['catalog'] = {
    uuid: nameUuid('catalog', framework.code, framework.version),
    metadata: {
      title: framework.name,
      'last-modified': options.lastModified,
      version: framework.version,
      'oscal-version': WRITTEN_OSCAL_VERSION,
      props: [{ name: 'framework', ns: CROSSWALK_NS, value: `${framework.code}:${framework.version}` }],
      remarks: `${framework.publisher ? `Publisher: ${framework.publisher}. ` : ''}Licence: ${framework.licence}${options.includeText ? '' : ' This export holds identifiers and titles only.'}`,
    },
  };
  type Slot = { requirement: OscalCatalogRequirementInput; into: 'group' | 'control'; parent: { groups?: OscalGroup[]; controls?: OscalControl[] } };
  const place = (parent: Slot['parent'], kids: OscalCatalogRequirementInput[], parentIsGroupOrRoot: boolean, isRoot: boolean): Slot[] => {
    const allHeadings = kids.every((k) => !k.assessable);
    return kids.map((requirement) => ({
      requirement,
      into: parentIsGroupOrRoot && !requirement.assessable && (isRoot || allHeadings) ? 'group' : 'control',
      parent,
    }));
  };
  const stack = place(catalog, children.get(null) ?? [], true, true).reverse();
  while (stack.length > 0) {
    const { requirement: r, into, parent } = stack.pop()!;
    const id = idOf(r);
    const kids = children.get(r.refId) ?? [];
    if (into === 'group') {
      const group: OscalGroup = { id, title: r.title, props: propsOf(r, false), ...partsOf(id, r) };
      (parent.groups ??= []).push(group);
      stack.push(...place(group, kids, true, false).reverse());
    } else {
      const control: OscalControl = { id, title: r.title, props: propsOf(r, true), ...partsOf(id, r) };
      (parent.controls ??= []).push(control);
      stack.push(...place(control, kids, false, false).reverse());
    }
  }
  return { catalog };
}
