/**
 * A heading's coverage (DESIGN 9): a non-assessable requirement has no status of its own, so it rolls up its
 * assessable descendants, counted exactly as a framework's coverage is (DESIGN 4): full, partial, none, excluded and
 * score = (full + Σ partial weights) / applicable. Links to the heading itself count for nothing here, as they count
 * for nothing in the framework's coverage.
 *
 * Its status, chosen where DESIGN is silent and never overstating:
 *   FULL      every applicable assessable descendant is FULL (and there is at least one);
 *   NONE      none of them is FULL or PARTIAL, or it has no assessable descendant at all;
 *   EXCLUDED  it has assessable descendants and the Statement of Applicability excludes every one of them;
 *   PARTIAL   otherwise: some, not all, are satisfied. Its weight is the score.
 * It is `inferred` when every descendant that is FULL or PARTIAL is so only through composed (multi-hop) paths.
 */
import { assessableDescendants } from './applicability-cascade';
import type { GraphView } from './graph-view';
import { countStatus, emptyCoverage, finishCoverage, type FrameworkCoverage } from './framework-coverage';
import { checkGraph, checkRequirementIndex } from './guards';
import { type StatusArrays, STATUS_EXCLUDED, STATUS_FULL, STATUS_NONE, STATUS_PARTIAL } from './status-code';

export interface HeadingRollUp {
  /** The counts over the assessable descendants, as frameworkCoverage gives them for a framework. */
  readonly counts: FrameworkCoverage;
  /** A status code (status-code.ts). */
  readonly status: number;
  /** The score: 1 when FULL, 0 when NONE or EXCLUDED. */
  readonly weight: number;
  readonly inferred: boolean;
}

const NS = 'graph/heading-roll-up';

export function headingRollUp(graph: GraphView, status: StatusArrays, requirement: number): HeadingRollUp {
  checkGraph(NS, graph);
  checkRequirementIndex(NS, graph, requirement);
  const n = graph.requirementCount;
  if (!status || status.status?.length !== n || status.weight?.length !== n || status.inferred?.length !== n) {
    throw new Error(`${NS}: status must hold status, weight and inferred arrays of length ${n}`);
  }
  const counts = emptyCoverage();
  let covered = 0;
  let inferred = 0;
  for (const r of assessableDescendants(graph, requirement)) {
    const code = status.status[r];
    countStatus(counts, code, status.weight[r]);
    if (code === STATUS_FULL || code === STATUS_PARTIAL) {
      covered++;
      inferred += status.inferred[r];
    }
  }
  finishCoverage(counts);
  let code: number;
  if (counts.applicable === 0) code = counts.excluded > 0 ? STATUS_EXCLUDED : STATUS_NONE;
  else if (counts.full === counts.applicable) code = STATUS_FULL;
  else if (covered === 0) code = STATUS_NONE;
  else code = STATUS_PARTIAL;
  return { counts, status: code, weight: counts.score, inferred: covered > 0 && inferred === covered };
}
