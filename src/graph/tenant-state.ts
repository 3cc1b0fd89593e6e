/**
 * One organization's data for one request, turned into arrays indexed like the catalog graph: its controls, their
 * links to requirements, and the requirements its Statement of Applicability excludes.
 *
 * Exclusions cascade down the requirement tree (applicability-cascade.ts): excluding a heading excludes its
 * descendants, unless a nearer decision (`includedRequirementIds`, or an exclusion of its own) says otherwise.
 *
 * Links are grouped by requirement (CSR: the links of requirement r are `linkOffsets[r]..linkOffsets[r+1]`), in input
 * order. A link or exclusion naming a requirement the catalog does not hold is ignored, not an error: the catalog
 * may have been reloaded without it. A link naming a control that is not in `controls` is ignored too: its status is
 * unknown, so it can count for nothing. Both are counted in `ignoredLinks` / `ignoredExclusions` for callers to log.
 */
import { applicabilityCascade, DECISION_APPLICABLE, DECISION_EXCLUDED } from './applicability-cascade';
import type { CatalogGraph } from './catalog-graph';

export const CONTROL_STATUSES = ['PLANNED', 'IN_PROGRESS', 'IMPLEMENTED', 'NOT_APPLICABLE'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

export const LINK_COVERAGES = ['FULL', 'PARTIAL'] as const;
export type LinkCoverage = (typeof LINK_COVERAGES)[number];

export interface TenantControl {
  id: string;
  code: string;
  status: ControlStatus;
}

export interface TenantInput {
  controls: TenantControl[];
  links: Array<{ controlId: string; requirementId: string; coverage: LinkCoverage }>;
  excludedRequirementIds: Iterable<string>;
  /** Requirements the organization itself declared applicable: they stop an excluded heading's cascade. */
  includedRequirementIds?: Iterable<string>;
}

export interface TenantState {
  /** Controls by control index. */
  readonly controls: readonly TenantControl[];
  /** Per control index: 1 when the control is IMPLEMENTED, the only status that counts (DESIGN 1). */
  readonly implemented: Uint8Array;
  /** Per requirement index (length requirementCount + 1): where its links start in linkControl/linkFull. */
  readonly linkOffsets: Int32Array;
  /** Per link: the control index. */
  readonly linkControl: Int32Array;
  /** Per link: 1 for FULL coverage, 0 for PARTIAL. */
  readonly linkFull: Uint8Array;
  /** Per requirement index: 1 when the Statement of Applicability excludes it, itself or through a heading. */
  readonly excluded: Uint8Array;
  readonly ignoredLinks: number;
  readonly ignoredExclusions: number;
}

const NS = 'graph/tenant-state';

export function tenantState(graph: CatalogGraph, input: TenantInput): TenantState {
  if (!input || !Array.isArray(input.controls) || !Array.isArray(input.links) || input.excludedRequirementIds == null) {
    throw new Error(`${NS}: expected { controls, links, excludedRequirementIds }`);
  }
  const n = graph.requirementCount;

  const controlIndex = new Map<string, number>();
  const implemented = new Uint8Array(input.controls.length);
  input.controls.forEach((control, index) => {
    if (controlIndex.has(control.id)) throw new Error(`${NS}: duplicate control id "${control.id}"`);
    if (!CONTROL_STATUSES.includes(control.status)) {
      throw new Error(`${NS}: control "${control.id}" has status "${String(control.status)}"; expected one of ${CONTROL_STATUSES.join(', ')}`);
    }
    controlIndex.set(control.id, index);
    implemented[index] = control.status === 'IMPLEMENTED' ? 1 : 0;
  });

  // Two passes over typed arrays, not an object per link: at tens of thousands of links, building this is what a
  // tenant-state cache miss costs after the read itself.
  const links = input.links;
  const keptControl = new Int32Array(links.length);
  const keptRequirement = new Int32Array(links.length);
  const keptFull = new Uint8Array(links.length);
  const counts = new Int32Array(n);
  let kept = 0;
  let ignoredLinks = 0;
  for (let l = 0; l < links.length; l++) {
    const link = links[l];
    const full = link.coverage === 'FULL';
    if (!full && link.coverage !== 'PARTIAL') {
      throw new Error(`${NS}: link ${link.controlId} → ${link.requirementId} has coverage "${String(link.coverage)}"; expected ${LINK_COVERAGES.join(' or ')}`);
    }
    const control = controlIndex.get(link.controlId);
    const requirement = graph.requirementIndex(link.requirementId);
    if (control === undefined || requirement < 0) {
      ignoredLinks++;
      continue;
    }
    keptControl[kept] = control;
    keptRequirement[kept] = requirement;
    keptFull[kept] = full ? 1 : 0;
    kept++;
    counts[requirement]++;
  }

  const linkOffsets = new Int32Array(n + 1);
  for (let r = 0; r < n; r++) linkOffsets[r + 1] = linkOffsets[r] + counts[r];
  const cursor = linkOffsets.slice(0, n);
  const linkControl = new Int32Array(kept);
  const linkFull = new Uint8Array(kept);
  for (let k = 0; k < kept; k++) {
    const at = cursor[keptRequirement[k]]++;
    linkControl[at] = keptControl[k];
    linkFull[at] = keptFull[k];
  }

  const decisions = new Uint8Array(n);
  let ignoredExclusions = 0;
  for (const id of input.includedRequirementIds ?? []) {
    const requirement = graph.requirementIndex(id);
    if (requirement >= 0) decisions[requirement] = DECISION_APPLICABLE;
  }
  for (const id of input.excludedRequirementIds) {
    const requirement = graph.requirementIndex(id);
    if (requirement < 0) ignoredExclusions++;
    else decisions[requirement] = DECISION_EXCLUDED;
  }
  const { excluded } = applicabilityCascade(graph, decisions);

  return { controls: input.controls.slice(), implemented, linkOffsets, linkControl, linkFull, excluded, ignoredLinks, ignoredExclusions };
}
