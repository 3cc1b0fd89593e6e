/**
 * Coverage of a framework (DESIGN 4), over its assessable requirements only (clauses with children do not count):
 *   full, partial  the counts of FULL and PARTIAL requirements;
 *   none           applicable assessable requirements that are neither;
 *   excluded       assessable requirements the Statement of Applicability excludes: they leave the denominator;
 *   score          (full + Σ partial weights) / applicable, where applicable = full + partial + none.
 * All parts are always reported together. A framework with no applicable assessable requirement scores 0, not 1:
 * nothing has been shown, and the engine never overstates coverage.
 */
import type { GraphView } from './graph-view';
import { checkFrameworkIndex, checkGraph } from './guards';
import { STATUS_EXCLUDED, STATUS_FULL, STATUS_PARTIAL } from './status-code';

export interface FrameworkCoverage {
  full: number;
  partial: number;
  none: number;
  excluded: number;
  /** full + partial + none. */
  applicable: number;
  /** Σ of the PARTIAL requirements' weights. */
  partialWeight: number;
  score: number;
}

/** What coverage reads: a status code and a weight per requirement index (a RequirementStatus will do). */
export interface CoverageInput {
  readonly status: Uint8Array;
  readonly weight: ArrayLike<number>;
}

const NS = 'graph/framework-coverage';

function checkInput(graph: GraphView, status: CoverageInput): void {
  checkGraph(NS, graph);
  const n = graph.requirementCount;
  if (!status || status.status?.length !== n || status.weight?.length !== n) {
    throw new Error(`${NS}: status must hold status and weight arrays of length ${n}`);
  }
}

/** All counts zero: what a framework, or a heading, starts from. */
export function emptyCoverage(): FrameworkCoverage {
  return { full: 0, partial: 0, none: 0, excluded: 0, applicable: 0, partialWeight: 0, score: 0 };
}

/** Adds one assessable requirement's status (and weight, when PARTIAL) to the counts. */
export function countStatus(into: FrameworkCoverage, code: number, weight: number): void {
  if (code === STATUS_EXCLUDED) into.excluded++;
  else if (code === STATUS_FULL) into.full++;
  else if (code === STATUS_PARTIAL) {
    into.partial++;
    into.partialWeight += weight;
  } else into.none++;
}

/** Fills in `applicable` and `score` once every requirement is counted. */
export function finishCoverage(coverage: FrameworkCoverage): FrameworkCoverage {
  coverage.applicable = coverage.full + coverage.partial + coverage.none;
  coverage.score = coverage.applicable === 0 ? 0 : (coverage.full + coverage.partialWeight) / coverage.applicable;
  return coverage;
}

/** `keep`, when given, restricts the count to the requirements it accepts (the aiRoles filter): the others leave every part. */
export function frameworkCoverage(graph: GraphView, status: CoverageInput, frameworkIndex: number, keep?: (r: number) => boolean): FrameworkCoverage {
  checkInput(graph, status);
  checkFrameworkIndex(NS, graph, frameworkIndex, 'frameworkIndex');
  const coverage = emptyCoverage();
  const members = graph.requirementsOf(frameworkIndex);
  for (let i = 0; i < members.length; i++) {
    const r = members[i];
    if (graph.isAssessable(r) && (!keep || keep(r))) countStatus(coverage, status.status[r], status.weight[r]);
  }
  return finishCoverage(coverage);
}

/** Coverage of every framework at once, in one pass over the requirements; indexed by framework index. */
export function allFrameworkCoverage(graph: GraphView, status: CoverageInput): FrameworkCoverage[] {
  checkInput(graph, status);
  const coverages = Array.from({ length: graph.frameworkCount }, emptyCoverage);
  for (let r = 0; r < graph.requirementCount; r++) {
    if (graph.isAssessable(r)) countStatus(coverages[graph.frameworkOf(r)], status.status[r], status.weight[r]);
  }
  return coverages.map(finishCoverage);
}
