/**
 * Status as if every assessable requirement of some frameworks were FULL: the hypothetical "have" of DESIGN 5
 * (overlap), 6 (gap analysis from frameworks one holds) and 8 (SOC 2 criteria assumed met). No organization is
 * involved, so nothing is excluded, explanations name no controls, and no control touches anything.
 * Non-assessable requirements of those frameworks (clauses with children) are not assumed: they are not counted in
 * coverage, and assuming them would let their edges claim more than the assessable leaves establish.
 */
import type { GraphView } from './graph-view';
import { checkFrameworkIndexes, checkGraph, checkMaxHops } from './guards';
import { type RequirementStatus, statusFromSeeds } from './requirement-status';
import type { StatusSeeds } from './propagate-status';
import { STATUS_FULL } from './status-code';

export interface AssumedStatusOptions {
  maxHops: number;
}

export const DEFAULTS: AssumedStatusOptions = { maxHops: 1 };

const NS = 'graph/assumed-status';

/** Seeds with every assessable requirement of the frameworks FULL. */
export function assumedSeeds(graph: GraphView, frameworkIndexes: readonly number[]): StatusSeeds {
  const direct = new Uint8Array(graph.requirementCount);
  for (const framework of frameworkIndexes) {
    const members = graph.requirementsOf(framework);
    for (let i = 0; i < members.length; i++) {
      if (graph.isAssessable(members[i])) direct[members[i]] = STATUS_FULL;
    }
  }
  return { direct, excluded: new Uint8Array(graph.requirementCount) };
}

export function assumedStatus(graph: GraphView, frameworkIndexes: readonly number[], options?: Partial<AssumedStatusOptions>): RequirementStatus {
  checkGraph(NS, graph);
  checkFrameworkIndexes(NS, graph, frameworkIndexes, 'frameworkIndexes');
  const maxHops = checkMaxHops(NS, options?.maxHops ?? DEFAULTS.maxHops);
  return statusFromSeeds(graph, assumedSeeds(graph, frameworkIndexes), maxHops, () => [], () => []);
}
