/**
 * Each requirement's status for one organization (DESIGN 1–3): FULL, PARTIAL (with a weight), NONE or EXCLUDED.
 *
 * Direct status (DESIGN 1): only IMPLEMENTED controls count; PLANNED, IN_PROGRESS and NOT_APPLICABLE controls count
 * for nothing. The best link wins: a FULL link makes the requirement FULL; otherwise a PARTIAL link makes it PARTIAL
 * with weight 0.5 (DIRECT_PARTIAL_WEIGHT, status-code.ts, where the choice is explained).
 * Status through crosswalks (DESIGN 2–3) starts from the directly satisfied requirements only; see
 * propagate-status.ts for the rules, the readings chosen where DESIGN is silent, and the algorithm.
 *
 * The result is compact arrays indexed like the graph, plus two per-requirement questions answered on demand (so the
 * engine keeps no path per requirement): `explain` lists every path that contributes, from control to requirement
 * (explain-status.ts); `controlsTouching` lists every control of any status linked to the requirement or to one
 * that a crosswalk path joins to it, the closest link first: what gap analysis shows as "already touches it".
 */
import type { GraphView } from './graph-view';
import { type ExplainedControl, type Explanation, explainStatus } from './explain-status';
import { checkGraph, checkMaxHops, checkRequirementIndex } from './guards';
import { type PathHop, pathsInto } from './paths-into';
import { propagateStatus, type StatusSeeds } from './propagate-status';
import type { Relationship } from './relationship';
import { type StatusArrays, STATUS_FULL, STATUS_PARTIAL } from './status-code';
import type { TenantState } from './tenant-state';

export interface RequirementStatusOptions {
  /** Longest crosswalk path, 1–3; 1 (no composition) unless asked (DESIGN 3). */
  maxHops: number;
}

export const DEFAULTS: RequirementStatusOptions = { maxHops: 1 };

/** A control linked to the requirement (`via` is the requirement itself, no hops) or to one a path joins to it. */
export interface TouchingControl extends ExplainedControl {
  via: number;
  hops: PathHop[];
  relationship: Relationship | null;
}

export interface RequirementStatus extends StatusArrays {
  readonly maxHops: number;
  /** Every contributing path into the requirement, best first; [] when it is NONE or EXCLUDED. */
  explain(requirement: number): Explanation[];
  /** Controls that touch the requirement directly or through crosswalk paths; [] when there are no controls. */
  controlsTouching(requirement: number): TouchingControl[];
}

const NS = 'graph/requirement-status';

/** Assemble a RequirementStatus from seeds; `controlsOf` names a seed's satisfying controls (for explanations). */
export function statusFromSeeds(
  graph: GraphView,
  seeds: StatusSeeds,
  maxHops: number,
  controlsOf: (source: number) => ExplainedControl[],
  controlsTouching: (requirement: number) => TouchingControl[],
): RequirementStatus {
  const arrays = propagateStatus(graph, seeds, { maxHops });
  return {
    ...arrays,
    maxHops,
    explain: (requirement) => explainStatus(graph, seeds, requirement, { maxHops, controlsOf }),
    controlsTouching,
  };
}

export function requirementStatus(graph: GraphView, tenant: TenantState, options?: Partial<RequirementStatusOptions>): RequirementStatus {
  checkGraph(NS, graph);
  const maxHops = checkMaxHops(NS, options?.maxHops ?? DEFAULTS.maxHops);
  const n = graph.requirementCount;
  if (!tenant || tenant.linkOffsets?.length !== n + 1 || tenant.excluded?.length !== n) {
    throw new Error(`${NS}: tenant must be a TenantState built against this graph (tenantState(graph, input))`);
  }
  const { controls, implemented, linkOffsets, linkControl, linkFull } = tenant;

  const direct = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    for (let l = linkOffsets[r]; l < linkOffsets[r + 1] && direct[r] !== STATUS_FULL; l++) {
      if (implemented[linkControl[l]]) direct[r] = linkFull[l] ? STATUS_FULL : STATUS_PARTIAL;
    }
  }
  const seeds: StatusSeeds = { direct, excluded: tenant.excluded };

  const describe = (control: number, full: number): ExplainedControl => ({
    controlId: controls[control].id,
    code: controls[control].code,
    status: controls[control].status,
    coverage: full ? 'FULL' : 'PARTIAL',
  });

  const controlsOf = (source: number): ExplainedControl[] => {
    const wanted = direct[source] === STATUS_FULL ? 1 : 0;
    const seen = new Set<number>();
    const result: ExplainedControl[] = [];
    for (let l = linkOffsets[source]; l < linkOffsets[source + 1]; l++) {
      const control = linkControl[l];
      if (!implemented[control] || linkFull[l] !== wanted || seen.has(control)) continue;
      seen.add(control);
      result.push(describe(control, linkFull[l]));
    }
    return result;
  };

  const controlsTouching = (requirement: number): TouchingControl[] => {
    checkRequirementIndex(NS, graph, requirement);
    const paths = pathsInto(graph, requirement, { maxHops, isSource: (r) => linkOffsets[r + 1] > linkOffsets[r] });
    paths.sort((a, b) => a.hops.length - b.hops.length || b.strength - a.strength || a.source - b.source);
    const seen = new Set<number>();
    const result: TouchingControl[] = [];
    for (const path of paths) {
      for (let l = linkOffsets[path.source]; l < linkOffsets[path.source + 1]; l++) {
        const control = linkControl[l];
        if (seen.has(control)) continue;
        seen.add(control);
        result.push({ ...describe(control, linkFull[l]), via: path.source, hops: path.hops, relationship: path.relationship });
      }
    }
    return result;
  };

  return statusFromSeeds(graph, seeds, maxHops, controlsOf, controlsTouching);
}
