/**
 * Gap analysis have → target (DESIGN 6): the target framework's applicable assessable requirements that are not
 * FULL under the "have" status, in catalog order. "Have" is either an organization's status (requirementStatus) or
 * the hypothetical "these frameworks are fully satisfied" (assumedStatus); its maxHops governs the paths here too.
 * Each gap carries its current status and weight, its best partial sources (one path per source requirement, best
 * first, at most maxSources: each names the source, the relationship and strength the path proves, and its edges
 * with their mapping sets), and the controls that already touch it, directly or through crosswalk paths, whatever
 * their status (a PLANNED control linked to the gap is worth knowing about, though it counts for nothing).
 * Excluded requirements are not gaps; requirements with children are not assessable and are not listed.
 */
import type { GraphView } from './graph-view';
import type { Explanation } from './explain-status';
import { type FrameworkCoverage, frameworkCoverage } from './framework-coverage';
import { checkFrameworkIndex, checkGraph } from './guards';
import type { RequirementStatus, TouchingControl } from './requirement-status';
import { STATUS_NONE, STATUS_PARTIAL } from './status-code';

export interface GapAnalysisOptions {
  /** Partial sources listed per gap, best first. */
  maxSources: number;
  /** When given, only the requirements it accepts are gaps or count in the coverage (the aiRoles filter). */
  keep?: (r: number) => boolean;
}

export const DEFAULTS: GapAnalysisOptions = { maxSources: 5 };

export interface Gap {
  requirement: number;
  status: 'PARTIAL' | 'NONE';
  weight: number;
  inferred: boolean;
  sources: Explanation[];
  controls: TouchingControl[];
}

export interface GapAnalysis {
  framework: number;
  coverage: FrameworkCoverage;
  gaps: Gap[];
}

const NS = 'graph/gap-analysis';

export function gapAnalysis(
  graph: GraphView,
  have: RequirementStatus,
  targetFrameworkIndex: number,
  options?: Partial<GapAnalysisOptions>,
): GapAnalysis {
  checkGraph(NS, graph);
  checkFrameworkIndex(NS, graph, targetFrameworkIndex, 'targetFrameworkIndex');
  if (!have || have.status?.length !== graph.requirementCount || typeof have.explain !== 'function') {
    throw new Error(`${NS}: have must be a RequirementStatus for this graph (requirementStatus or assumedStatus)`);
  }
  const maxSources = options?.maxSources ?? DEFAULTS.maxSources;
  if (!Number.isInteger(maxSources) || maxSources < 0) {
    throw new Error(`${NS}: maxSources must be a non-negative integer, got ${String(maxSources)}`);
  }

  const gaps: Gap[] = [];
  const members = graph.requirementsOf(targetFrameworkIndex);
  for (let i = 0; i < members.length; i++) {
    const r = members[i];
    const code = have.status[r];
    if (!graph.isAssessable(r) || (code !== STATUS_PARTIAL && code !== STATUS_NONE) || (options?.keep && !options.keep(r))) continue;
    const sources: Explanation[] = [];
    const seen = new Set<number>();
    for (const path of code === STATUS_PARTIAL ? have.explain(r) : []) {
      if (sources.length >= maxSources) break;
      if (path.status === 'FULL' || seen.has(path.source)) continue;
      seen.add(path.source);
      sources.push(path);
    }
    gaps.push({
      requirement: r,
      status: code === STATUS_PARTIAL ? 'PARTIAL' : 'NONE',
      weight: have.weight[r],
      inferred: have.inferred[r] === 1,
      sources,
      controls: have.controlsTouching(r),
    });
  }
  return { framework: targetFrameworkIndex, coverage: frameworkCoverage(graph, have, targetFrameworkIndex, options?.keep), gaps };
}
