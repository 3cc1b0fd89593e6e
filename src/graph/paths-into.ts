/**
 * Every crosswalk path of at most maxHops edges that ends at one requirement and starts at a requirement the caller
 * calls a source, under the same rules as propagate-status.ts: simple paths (no requirement twice), read along the
 * path, composed with compose.ts (never NOT_RELATED, never a composition that proves nothing), hops after the first
 * sharing the first hop's recorded rationale, strength = the minimum along the path. A source that is the target
 * itself gives the empty path.
 *
 * The search runs backwards from the target, iteratively with an explicit stack, and composes the path's suffix
 * first: `R1∘(R2∘R3)`. That equals reading along the path, `(R1∘R2)∘R3`, because the composition table is
 * associative (checked over all 125 triples in the spec). Used per requirement, to explain, never in bulk.
 */
import type { GraphView } from './graph-view';
import { composeCodes, inverseCode, NO_RATIONALE, rationaleOf, REL_NOT_RELATED, relationshipOf } from './edge-codes';
import { checkGraph, checkMaxHops, checkRequirementIndex } from './guards';
import type { CrosswalkCondition, Rationale, Relationship } from './relationship';

/** One edge of a path, read in the path's direction. */
export interface PathHop {
  from: number;
  to: number;
  /** The stored edge. */
  edge: number;
  mappingSetId: string;
  /** True when the mapping set is one organization's own, not the public catalog's (overlay-graph.ts). */
  mappingSetPrivate: boolean;
  /** As read from `from` to `to` (the inverse of the stored relationship when reversed). */
  relationship: Relationship;
  rationale: Rationale | null;
  strength: number;
  /** True when the path reads the stored edge from its target to its source. */
  reversed: boolean;
  /** The stored edge's condition (null when unconditional), and whether this reading meets it (null likewise). */
  condition: CrosswalkCondition | null;
  conditionMet: boolean | null;
}

export interface CrosswalkPath {
  source: number;
  /** From source to target; empty when the source is the target. */
  hops: PathHop[];
  /** What the whole path proves, source to target; null for the empty path. */
  relationship: Relationship | null;
  /** The minimum strength along the path; 10 for the empty path. */
  strength: number;
}

export interface PathsIntoOptions {
  maxHops: number;
  isSource: (requirement: number) => boolean;
}

const NS = 'graph/paths-into';

export function pathsInto(graph: GraphView, target: number, options: PathsIntoOptions): CrosswalkPath[] {
  checkGraph(NS, graph);
  checkRequirementIndex(NS, graph, target);
  const maxHops = checkMaxHops(NS, options?.maxHops);
  const { isSource } = options;
  if (typeof isSource !== 'function') throw new Error(`${NS}: isSource must be a function`);

  const paths: CrosswalkPath[] = [];
  if (isSource(target)) paths.push({ source: target, hops: [], relationship: null, strength: 10 });

  // nodes[d] is the path's first requirement at depth d (nodes[0] = target); hops[d] joins nodes[d+1] to nodes[d].
  const nodes: number[] = [target];
  const hops: PathHop[] = [];
  // cursor[d] walks the half-edges of nodes[d], range part[d] of the graph's parts, which ends at end[d].
  const parts = graph.halfEdgeParts;
  const part = [0];
  const cursor = [graph.halfEdgeStart(target, 0)];
  const end = [graph.halfEdgeEnd(target, 0)];
  const suffix = [-1];
  const strength = [10];
  const rationale = [NO_RATIONALE];
  let depth = 0;
  while (depth >= 0) {
    const at = nodes[depth];
    if (cursor[depth] >= end[depth]) {
      if (++part[depth] < parts) {
        cursor[depth] = graph.halfEdgeStart(at, part[depth]);
        end[depth] = graph.halfEdgeEnd(at, part[depth]);
        continue;
      }
      nodes.pop();
      hops.pop();
      depth--;
      continue;
    }
    const h = cursor[depth]++;
    const forward = inverseCode(graph.halfEdgeRelationship(h));
    if (forward === REL_NOT_RELATED) continue;
    const hopRationale = graph.halfEdgeRationale(h);
    if (depth > 0 && hopRationale !== rationale[depth]) continue;
    const from = graph.halfEdgeHead(h);
    if (nodes.includes(from)) continue;
    const composed = depth === 0 ? forward : composeCodes(forward, suffix[depth]);
    if (composed < 0) continue;

    const edge = graph.halfEdgeEdge(h);
    const hop: PathHop = {
      from,
      to: at,
      edge,
      mappingSetId: graph.mappingSetId(graph.edgeMappingSetOf(edge)),
      mappingSetPrivate: graph.mappingSetIsPrivate(graph.edgeMappingSetOf(edge)),
      relationship: relationshipOf(forward),
      rationale: rationaleOf(hopRationale),
      strength: graph.halfEdgeStrength(h),
      reversed: !graph.halfEdgeReversed(h),
      condition: graph.edgeConditionOf(edge),
      conditionMet: graph.edgeConditionMet(edge),
    };
    const pathStrength = Math.min(strength[depth], hop.strength);
    if (isSource(from)) {
      const forwardHops = [hop];
      for (let d = depth - 1; d >= 0; d--) forwardHops.push(hops[d]);
      paths.push({ source: from, hops: forwardHops, relationship: relationshipOf(composed), strength: pathStrength });
    }
    if (depth + 1 < maxHops && hopRationale !== NO_RATIONALE) {
      depth++;
      nodes[depth] = from;
      hops[depth - 1] = hop;
      part[depth] = 0;
      cursor[depth] = graph.halfEdgeStart(from, 0);
      end[depth] = graph.halfEdgeEnd(from, 0);
      suffix[depth] = composed;
      strength[depth] = pathStrength;
      rationale[depth] = hopRationale;
    }
  }
  return paths;
}
