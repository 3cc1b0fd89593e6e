/**
 * The Statement of Applicability read down the requirement tree (DESIGN 9: excluding a heading excludes its
 * descendants, with the same justification).
 *
 * An organization decides applicability per requirement, and a decision may sit on a heading. Each requirement takes
 * the decision nearest to it on its own parent chain: its own if it has one, else its parent's, and so on up; with
 * none at all it applies. So the most specific decision wins:
 * - excluding heading H excludes every descendant that has no decision of its own (and no nearer heading decided);
 * - a descendant excluded on its own stays excluded when H is included again: that is its own decision, with its own
 *   justification, and including H does not overrule it;
 * - a descendant included on its own while H stays excluded applies: the organization has said that this one part
 *   of an excluded heading applies, and given its reason.
 * The cascade is computed where it is read, never copied into rows per descendant: one decision is one row, and a
 * catalog reload that adds a requirement under an excluded heading excludes it too.
 *
 * Iterative (each parent chain is walked once, then memoised), O(requirements).
 */
import type { GraphView } from './graph-view';
import { checkGraph, checkRequirementIndex } from './guards';

/** Per requirement index, what the organization itself decided for it. */
export const DECISION_NONE = 0;
export const DECISION_APPLICABLE = 1;
export const DECISION_EXCLUDED = 2;

export interface ApplicabilityCascade {
  /** Per requirement index: the requirement whose decision applies to it (itself or an ancestor), -1 for none. */
  readonly decidedBy: Int32Array;
  /** Per requirement index: 1 when the decision that applies to it excludes it. */
  readonly excluded: Uint8Array;
}

const NS = 'graph/applicability-cascade';
const UNRESOLVED = -2;

export function applicabilityCascade(graph: GraphView, decisions: ArrayLike<number>): ApplicabilityCascade {
  checkGraph(NS, graph);
  const n = graph.requirementCount;
  if (!decisions || decisions.length !== n) throw new Error(`${NS}: decisions must hold one code per requirement (${n})`);
  const decidedBy = new Int32Array(n).fill(UNRESOLVED);
  for (let r = 0; r < n; r++) {
    if (decidedBy[r] !== UNRESOLVED) continue;
    // Walk up until a requirement that is resolved or decides for itself, then walk the same way again to give
    // everything on it that answer (two walks of a short chain cost less than keeping the chain in an array).
    let x = r;
    while (x >= 0 && decidedBy[x] === UNRESOLVED && decisions[x] === DECISION_NONE) x = graph.parentOf(x);
    const by = x < 0 ? -1 : decidedBy[x] !== UNRESOLVED ? decidedBy[x] : x;
    for (let y = r; y !== x; y = graph.parentOf(y)) decidedBy[y] = by;
    if (x >= 0) decidedBy[x] = by;
  }
  const excluded = new Uint8Array(n);
  for (let r = 0; r < n; r++) if (decidedBy[r] >= 0 && decisions[decidedBy[r]] === DECISION_EXCLUDED) excluded[r] = 1;
  return { decidedBy, excluded };
}

/** The assessable requirements below `requirement` (not itself), in the framework's order. */
export function assessableDescendants(graph: GraphView, requirement: number): number[] {
  checkGraph(NS, graph);
  checkRequirementIndex(NS, graph, requirement);
  const members = graph.requirementsOf(graph.frameworkOf(requirement));
  const found: number[] = [];
  for (let i = 0; i < members.length; i++) {
    const r = members[i];
    if (r === requirement || !graph.isAssessable(r)) continue;
    for (let x = graph.parentOf(r); x >= 0; x = graph.parentOf(x)) {
      if (x === requirement) {
        found.push(r);
        break;
      }
    }
  }
  return found;
}
