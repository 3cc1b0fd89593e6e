/**
 * Overlap A→B (DESIGN 5): the coverage of B (framework-coverage.ts) if every assessable requirement of A were FULL
 * and nothing else were satisfied. It counts distinct requirements of B by their resulting status, never edge rows:
 * two edges into one requirement of B count it once. It is directional: A→B and B→A differ whenever SUBSET_OF or
 * SUPERSET_OF edges are involved, since only EQUAL and SUPERSET_OF (read from A) carry FULL.
 * Multi-hop paths may pass through third frameworks (maxHops > 1), under propagate-status.ts's rules.
 *
 * overlapMatrix runs one propagation per source framework and reads every target's coverage off it, so n frameworks
 * cost n propagations, not n². The diagonal (A→A, trivially full) is left out.
 *
 * frameworkOverlapDetail is one cell of it taken apart: the same propagation from the same seeds, the same coverage
 * count, plus each assessable requirement of B with the status it was counted by and its paths (explain-status.ts).
 */
import { assumedSeeds, assumedStatus } from './assumed-status';
import type { GraphView } from './graph-view';
import { type FrameworkCoverage, frameworkCoverage } from './framework-coverage';
import { checkFrameworkIndex, checkFrameworkIndexes, checkGraph, checkMaxHops } from './guards';
import { propagateStatus } from './propagate-status';
import type { RequirementStatus } from './requirement-status';

export interface FrameworkOverlapOptions {
  maxHops: number;
}

export const DEFAULTS: FrameworkOverlapOptions = { maxHops: 1 };

/**
 * Paths an overlap detail lists per target requirement, best first (the API's OverlapRequirement.paths): enough to
 * show how it is reached, and a bound on the answer (a requirement can be reached by hundreds of 3-hop paths).
 */
export const DETAIL_MAX_PATHS = 5;

export interface FrameworkOverlap {
  source: number;
  target: number;
  coverage: FrameworkCoverage;
}

const NS = 'graph/framework-overlap';

export function frameworkOverlap(
  graph: GraphView,
  sourceFrameworkIndex: number,
  targetFrameworkIndex: number,
  options?: Partial<FrameworkOverlapOptions>,
): FrameworkOverlap {
  checkGraph(NS, graph);
  checkFrameworkIndex(NS, graph, sourceFrameworkIndex, 'sourceFrameworkIndex');
  checkFrameworkIndex(NS, graph, targetFrameworkIndex, 'targetFrameworkIndex');
  const maxHops = checkMaxHops(NS, options?.maxHops ?? DEFAULTS.maxHops);
  const status = propagateStatus(graph, assumedSeeds(graph, [sourceFrameworkIndex]), { maxHops });
  return { source: sourceFrameworkIndex, target: targetFrameworkIndex, coverage: frameworkCoverage(graph, status, targetFrameworkIndex) };
}

/** Overlap for every ordered pair of distinct frameworks in the list, source-major in list order. */
export function overlapMatrix(graph: GraphView, frameworkIndexes: readonly number[], options?: Partial<FrameworkOverlapOptions>): FrameworkOverlap[] {
  checkGraph(NS, graph);
  checkFrameworkIndexes(NS, graph, frameworkIndexes, 'frameworkIndexes');
  const maxHops = checkMaxHops(NS, options?.maxHops ?? DEFAULTS.maxHops);
  const result: FrameworkOverlap[] = [];
  for (const source of frameworkIndexes) {
    const status = propagateStatus(graph, assumedSeeds(graph, [source]), { maxHops });
    for (const target of frameworkIndexes) {
      if (target !== source) result.push({ source, target, coverage: frameworkCoverage(graph, status, target) });
    }
  }
  return result;
}

export interface FrameworkOverlapDetail extends FrameworkOverlap {
  /** The target's assessable requirements in catalog order: exactly those `coverage` counts. */
  requirements: number[];
  /** The status each was counted by (status, weight, inferred), and `explain(r)`: its paths from the source. */
  status: RequirementStatus;
}

/** One cell of overlapMatrix with its requirements: what the cell's full, partial and none are made of. */
export function frameworkOverlapDetail(
  graph: GraphView,
  sourceFrameworkIndex: number,
  targetFrameworkIndex: number,
  options?: Partial<FrameworkOverlapOptions>,
): FrameworkOverlapDetail {
  checkGraph(NS, graph);
  checkFrameworkIndex(NS, graph, sourceFrameworkIndex, 'sourceFrameworkIndex');
  checkFrameworkIndex(NS, graph, targetFrameworkIndex, 'targetFrameworkIndex');
  const maxHops = checkMaxHops(NS, options?.maxHops ?? DEFAULTS.maxHops);
  // assumedStatus propagates from assumedSeeds(graph, [source]) as overlapMatrix does, and adds explanations.
  const status = assumedStatus(graph, [sourceFrameworkIndex], { maxHops });
  const requirements: number[] = [];
  const members = graph.requirementsOf(targetFrameworkIndex);
  for (let i = 0; i < members.length; i++) if (graph.isAssessable(members[i])) requirements.push(members[i]);
  return { source: sourceFrameworkIndex, target: targetFrameworkIndex, coverage: frameworkCoverage(graph, status, targetFrameworkIndex), requirements, status };
}
