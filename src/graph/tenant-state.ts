/**
 * One organization's data for one request, turned into arrays indexed like the catalog graph: its controls, their
 * links to requirements, and the requirements its Statement of Applicability excludes.
 *
 * Exclusions cascade down the requirement tree (applicability-cascade.ts): excluding a heading excludes its
 * descendants, unless a nearer decision (`includedRequirementIds`, or an exclusion of its own) says otherwise.
 *
 * Links come as objects naming ids, or packed (`PackedLinks`): typed arrays of control indexes and requirement seqs,
 * the shape the cold tenant read sends (src/coverage/coverage.repository.ts), which costs no object and no string
 * hash per link. Both give the same state.
 *
 * Links are grouped by requirement (CSR: the links of requirement r are `linkOffsets[r]..linkOffsets[r+1]`), in input
 * order. A link or exclusion naming a requirement the catalog does not hold is ignored, not an error: the catalog
 * may have been reloaded without it. A link naming a control that is not in `controls` is ignored too: its status is
 * unknown, so it can count for nothing. Both are counted in `ignoredLinks` / `ignoredExclusions` for callers to log.
 */
import { applicabilityCascade, DECISION_APPLICABLE, DECISION_EXCLUDED } from './applicability-cascade';
import type { GraphView } from './graph-view';

export const CONTROL_STATUSES = ['PLANNED', 'IN_PROGRESS', 'IMPLEMENTED', 'NOT_APPLICABLE'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

export const LINK_COVERAGES = ['FULL', 'PARTIAL'] as const;
export type LinkCoverage = (typeof LINK_COVERAGES)[number];

export interface TenantControl {
  id: string;
  code: string;
  status: ControlStatus;
}

export interface TenantLink {
  controlId: string;
  requirementId: string;
  coverage: LinkCoverage;
}

/** Links as parallel arrays, one entry per link. */
export interface PackedLinks {
  /** The control's index in `controls`. */
  control: Int32Array;
  /** The requirement's seq, as the catalog graph maps it (GraphView.requirementIndexBySeq). */
  requirementSeq: Int32Array;
  /** 1 for FULL coverage, 0 for PARTIAL. */
  full: Uint8Array;
}

export interface TenantInput {
  controls: TenantControl[];
  links: TenantLink[] | PackedLinks;
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

export function tenantState(graph: GraphView, input: TenantInput): TenantState {
  if (!input || !Array.isArray(input.controls) || input.links == null || typeof input.links !== 'object' || input.excludedRequirementIds == null) {
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
  const { control: keptControl, requirement: keptRequirement, full: keptFull, kept } = Array.isArray(input.links)
    ? keepLinks(graph, input.links, controlIndex)
    : keepPackedLinks(graph, input.links, input.controls.length);
  const ignoredLinks = (Array.isArray(input.links) ? input.links.length : input.links.control.length) - kept;

  // Counting sort into CSR with no array beyond the result: count into linkOffsets[r + 1], sum, then place links
  // walking backwards from each requirement's end (which keeps input order), which leaves each start one slot right.
  const linkOffsets = new Int32Array(n + 1);
  for (let k = 0; k < kept; k++) linkOffsets[keptRequirement[k] + 1]++;
  for (let r = 0; r < n; r++) linkOffsets[r + 1] += linkOffsets[r];
  const linkControl = new Int32Array(kept);
  const linkFull = new Uint8Array(kept);
  for (let k = kept - 1; k >= 0; k--) {
    const at = --linkOffsets[keptRequirement[k] + 1];
    linkControl[at] = keptControl[k];
    linkFull[at] = keptFull[k];
  }
  linkOffsets.copyWithin(0, 1);
  linkOffsets[n] = kept;

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

interface KeptLinks {
  /** Per kept link, in input order: control index, requirement index, 1 for FULL. */
  control: Int32Array;
  requirement: Int32Array;
  full: Uint8Array;
  kept: number;
}

function keepLinks(graph: GraphView, links: readonly TenantLink[], controlIndex: ReadonlyMap<string, number>): KeptLinks {
  const control = new Int32Array(links.length);
  const requirement = new Int32Array(links.length);
  const full = new Uint8Array(links.length);
  let kept = 0;
  for (let l = 0; l < links.length; l++) {
    const link = links[l];
    const isFull = link.coverage === 'FULL';
    if (!isFull && link.coverage !== 'PARTIAL') {
      throw new Error(`${NS}: link ${link.controlId} → ${link.requirementId} has coverage "${String(link.coverage)}"; expected ${LINK_COVERAGES.join(' or ')}`);
    }
    const c = controlIndex.get(link.controlId);
    const r = graph.requirementIndex(link.requirementId);
    if (c === undefined || r < 0) continue;
    control[kept] = c;
    requirement[kept] = r;
    full[kept] = isFull ? 1 : 0;
    kept++;
  }
  return { control, requirement, full, kept };
}

function keepPackedLinks(graph: GraphView, links: PackedLinks, controlCount: number): KeptLinks {
  const count = links.control?.length;
  if (!(links.control instanceof Int32Array) || !(links.requirementSeq instanceof Int32Array) || !(links.full instanceof Uint8Array) || links.requirementSeq.length !== count || links.full.length !== count) {
    throw new Error(`${NS}: packed links must be { control: Int32Array, requirementSeq: Int32Array, full: Uint8Array } of one length`);
  }
  const control = new Int32Array(count);
  const requirement = new Int32Array(count);
  const full = new Uint8Array(count);
  let kept = 0;
  for (let l = 0; l < count; l++) {
    const f = links.full[l];
    if (f > 1) throw new Error(`${NS}: packed link #${l} has full = ${f}; expected 1 (FULL) or 0 (PARTIAL)`);
    const c = links.control[l];
    const r = graph.requirementIndexBySeq(links.requirementSeq[l]);
    if (c < 0 || c >= controlCount || r < 0) continue;
    control[kept] = c;
    requirement[kept] = r;
    full[kept] = f;
    kept++;
  }
  return { control, requirement, full, kept };
}
