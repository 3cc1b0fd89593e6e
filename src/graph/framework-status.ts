/**
 * The status of one framework's requirements only (DESIGN 1–2), for one organization: what `requirementStatus`
 * gives them, without computing the other frameworks. Single-framework coverage needs nothing else, and at catalog
 * scale the whole graph costs two orders of magnitude more than one framework's neighbourhood.
 *
 * At maxHops 1 a requirement's status depends only on itself and its direct neighbours, so it is pulled rather than
 * pushed: for each requirement r of the framework, r's own direct status (DESIGN 1), and for every half-edge of r
 * whose head s is directly satisfied and not excluded, what s hands on over the reading s → r, which is the inverse
 * of r's reading towards s with the same strength. Each stored edge is read exactly once from each end, so these
 * are exactly the one-hop contributions propagate-status.ts pushes into r, under its rules and readings: EQUAL and
 * SUPERSET_OF hand on s's status (FULL, or PARTIAL with s's weight), SUBSET_OF and INTERSECTS_WITH a PARTIAL of
 * strength/10 × s's weight, NOT_RELATED nothing; the best contribution wins and none add up; an excluded
 * requirement is EXCLUDED with weight 0 and vouches for nothing. Nothing is inferred at one hop.
 *
 * maxHops 2–3 falls back to the full requirementStatus: a composed path may pass through any framework, so the
 * neighbourhood is no longer small; the result is then correct for every requirement, not only the framework's.
 *
 * The result has the shape of StatusArrays (a CoverageInput: frameworkCoverage(graph, result, frameworkIndex)), its
 * arrays indexed like the graph. At maxHops 1 only the framework's entries are computed; every other entry is left
 * NONE, weight 0, and means nothing. Cost at maxHops 1: the framework's links and half-edges plus their heads'
 * links, and allocating the result arrays.
 */
import type { GraphView } from './graph-view';
import { inverseCode, passesStatus, REL_NOT_RELATED } from './edge-codes';
import { checkFrameworkIndex, checkGraph, checkMaxHops } from './guards';
import { requirementStatus } from './requirement-status';
import { sourceWeight, type StatusArrays, STATUS_EXCLUDED, STATUS_FULL, STATUS_NONE, STATUS_PARTIAL } from './status-code';
import type { TenantState } from './tenant-state';

export interface FrameworkStatusOptions {
  /** Longest crosswalk path, 1–3; 1 (no composition) unless asked (DESIGN 3). Above 1, the whole graph is computed. */
  maxHops: number;
}

export const DEFAULTS: FrameworkStatusOptions = { maxHops: 1 };

/** Status arrays indexed like the graph; at maxHops 1 only the entries of `frameworkIndex`'s requirements are set. */
export interface FrameworkStatus extends StatusArrays {
  readonly frameworkIndex: number;
  readonly maxHops: number;
}

const NS = 'graph/framework-status';

export function frameworkStatus(graph: GraphView, tenant: TenantState, frameworkIndex: number, options?: Partial<FrameworkStatusOptions>): FrameworkStatus {
  checkGraph(NS, graph);
  checkFrameworkIndex(NS, graph, frameworkIndex, 'frameworkIndex');
  const maxHops = checkMaxHops(NS, options?.maxHops ?? DEFAULTS.maxHops);
  const n = graph.requirementCount;
  if (!tenant || tenant.linkOffsets?.length !== n + 1 || tenant.excluded?.length !== n) {
    throw new Error(`${NS}: tenant must be a TenantState built against this graph (tenantState(graph, input))`);
  }
  if (maxHops > 1) {
    const { status, weight, inferred } = requirementStatus(graph, tenant, { maxHops });
    return { status, weight, inferred, frameworkIndex, maxHops };
  }
  const { implemented, linkOffsets, linkControl, linkFull, excluded } = tenant;

  /** DESIGN 1, as requirementStatus reads it: the best IMPLEMENTED link wins. */
  const directLevel = (r: number): number => {
    let level = STATUS_NONE;
    for (let l = linkOffsets[r]; l < linkOffsets[r + 1] && level !== STATUS_FULL; l++) {
      if (implemented[linkControl[l]]) level = linkFull[l] ? STATUS_FULL : STATUS_PARTIAL;
    }
    return level;
  };

  const status = new Uint8Array(n);
  const weight = new Float64Array(n);
  const inferred = new Uint8Array(n);
  const members = graph.requirementsOf(frameworkIndex);
  const parts = graph.halfEdgeParts;
  for (let i = 0; i < members.length; i++) {
    const r = members[i];
    if (excluded[r]) {
      status[r] = STATUS_EXCLUDED;
      continue;
    }
    let level = directLevel(r);
    let best = level === STATUS_NONE ? 0 : sourceWeight(level);
    for (let part = 0; part < parts; part++) {
      for (let h = graph.halfEdgeStart(r, part), end = graph.halfEdgeEnd(r, part); h < end; h++) {
        const relationship = inverseCode(graph.halfEdgeRelationship(h)); // read from the head s towards r
        if (relationship === REL_NOT_RELATED) continue;
        const s = graph.halfEdgeHead(h);
        if (excluded[s]) continue;
        const seedLevel = directLevel(s);
        if (seedLevel === STATUS_NONE) continue;
        const passes = passesStatus(relationship);
        const offered = passes ? seedLevel : STATUS_PARTIAL;
        const w = passes ? sourceWeight(seedLevel) : (graph.halfEdgeStrength(h) / 10) * sourceWeight(seedLevel);
        // The best contribution wins (FULL beats every PARTIAL, else the largest weight); none add up.
        if (offered > level || (offered === level && w > best)) {
          level = offered;
          best = w;
        }
      }
    }
    status[r] = level;
    weight[r] = best;
  }
  return { status, weight, inferred, frameworkIndex, maxHops };
}
