/**
 * Status through crosswalks (DESIGN 2 and 3), from seeds: the requirements that are directly FULL or PARTIAL.
 *
 * A path s → … → t of at most maxHops edges, read along the path, composes to one relationship (compose.ts) with
 * strength = the minimum along it. Hops after the first must share the first hop's rationale; an edge without a
 * recorded rationale never composes (it may still be a one-hop path). From a seed s of weight w (1 FULL, 0.5 PARTIAL):
 *   EQUAL, SUPERSET_OF   → t gets s's status (FULL, or PARTIAL with weight w);
 *   SUBSET_OF, INTERSECTS_WITH → t gets PARTIAL with weight strength/10 × w, never more than s;
 *   NOT_RELATED, or a composition that proves nothing → nothing.
 * Contributions never add up: a requirement takes the best one (FULL beats every PARTIAL, else the largest weight).
 * It is `inferred` when that best is reached only by paths of two or more hops.
 *
 * Only seeds are sources: a requirement that got its status through a crosswalk does not pass it on again (DESIGN 2
 * starts from directly satisfied s). Excluded requirements are not sources either: the organization declared them
 * out of scope, so we do not let them vouch for anything; they may still be intermediate nodes of a path, since a
 * set relation between two requirements does not depend on one organization's scope. Excluded requirements get
 * status EXCLUDED, weight 0. There is no roll-up through the requirement hierarchy.
 *
 * Algorithm: a layered, iterative search over states (requirement, composed relationship, rationale, seed level),
 * keeping the best strength per state; one layer per hop. It walks, not only simple paths, but cutting a cycle out of
 * a walk never worsens its result under this algebra (checked exhaustively in the spec), so the answer equals the
 * best simple path's, which is what explain-status.ts lists. Cost: O(maxHops × 24 × half-edges) at worst.
 */
import type { GraphView } from './graph-view';
import { composeCodes, NO_RATIONALE, passesStatus, REL_NOT_RELATED } from './edge-codes';
import { checkGraph, checkMaxHops } from './guards';
import { sourceWeight, type StatusArrays, STATUS_EXCLUDED, STATUS_FULL, STATUS_NONE, STATUS_PARTIAL } from './status-code';

/** Per requirement index: the direct level (STATUS_NONE, STATUS_PARTIAL or STATUS_FULL) and the exclusion flag. */
export interface StatusSeeds {
  readonly direct: Uint8Array;
  readonly excluded: Uint8Array;
}

export interface PropagateStatusOptions {
  maxHops: number;
}

export const DEFAULTS: PropagateStatusOptions = { maxHops: 1 };

const NS = 'graph/propagate-status';
/** States per requirement: 4 composable relationships × 3 rationales × 2 seed levels. */
const STATES = 24;

function stateOf(requirement: number, relationship: number, rationale: number, full: number): number {
  return requirement * STATES + ((relationship * 3 + rationale - 1) << 1) + full;
}

export function checkSeeds(namespace: string, graph: GraphView, seeds: StatusSeeds): void {
  const n = graph.requirementCount;
  if (!seeds || !(seeds.direct instanceof Uint8Array) || !(seeds.excluded instanceof Uint8Array) || seeds.direct.length !== n || seeds.excluded.length !== n) {
    throw new Error(`${namespace}: seeds must hold direct and excluded Uint8Arrays of length ${n}`);
  }
}

export function propagateStatus(graph: GraphView, seeds: StatusSeeds, options?: Partial<PropagateStatusOptions>): StatusArrays {
  checkGraph(NS, graph);
  checkSeeds(NS, graph, seeds);
  const maxHops = checkMaxHops(NS, options?.maxHops ?? DEFAULTS.maxHops);
  const n = graph.requirementCount;
  const { direct, excluded } = seeds;

  const level = new Uint8Array(n);
  const weight = new Float64Array(n);
  const levelOneHop = new Uint8Array(n);
  const weightOneHop = new Float64Array(n);
  const offer = (t: number, lvl: number, w: number, hops: number): void => {
    if (lvl > level[t] || (lvl === level[t] && w > weight[t])) {
      level[t] = lvl;
      weight[t] = w;
    }
    if (hops <= 1 && (lvl > levelOneHop[t] || (lvl === levelOneHop[t] && w > weightOneHop[t]))) {
      levelOneHop[t] = lvl;
      weightOneHop[t] = w;
    }
  };
  const offerPath = (t: number, relationship: number, strength: number, seedLevel: number, hops: number): void => {
    if (passesStatus(relationship)) offer(t, seedLevel, sourceWeight(seedLevel), hops);
    else offer(t, STATUS_PARTIAL, (strength / 10) * sourceWeight(seedLevel), hops);
  };

  const best = maxHops > 1 ? new Int8Array(n * STATES).fill(-1) : new Int8Array(0);
  const layerOf = maxHops > 1 ? new Uint8Array(n * STATES) : new Uint8Array(0);
  let next: number[] = [];
  const improve = (state: number, strength: number, layer: number): void => {
    if (strength <= best[state]) return;
    best[state] = strength;
    if (layerOf[state] !== layer) {
      layerOf[state] = layer;
      next.push(state);
    }
  };

  // Hop 0 (the seeds themselves) and hop 1.
  const parts = graph.halfEdgeParts;
  for (let s = 0; s < n; s++) {
    const seedLevel = direct[s];
    if (seedLevel === STATUS_NONE || excluded[s]) continue;
    offer(s, seedLevel, sourceWeight(seedLevel), 0);
    for (let part = 0; part < parts; part++) {
      for (let h = graph.halfEdgeStart(s, part), end = graph.halfEdgeEnd(s, part); h < end; h++) {
        const relationship = graph.halfEdgeRelationship(h);
        if (relationship === REL_NOT_RELATED) continue;
        const t = graph.halfEdgeHead(h);
        const strength = graph.halfEdgeStrength(h);
        offerPath(t, relationship, strength, seedLevel, 1);
        const rationale = graph.halfEdgeRationale(h);
        if (maxHops > 1 && rationale !== NO_RATIONALE) {
          improve(stateOf(t, relationship, rationale, seedLevel === STATUS_FULL ? 1 : 0), strength, 2);
        }
      }
    }
  }

  // Hops 2..maxHops: extend the states improved in the previous layer, with their strength as it stood then.
  for (let hop = 2; hop <= maxHops && next.length > 0; hop++) {
    const frontier = next;
    const strengths = frontier.map((state) => best[state]);
    next = [];
    for (let i = 0; i < frontier.length; i++) {
      const state = frontier[i];
      const node = Math.floor(state / STATES);
      const code = state % STATES;
      const full = code & 1;
      const relationship = Math.floor((code >> 1) / 3);
      const rationale = ((code >> 1) % 3) + 1;
      const seedLevel = full ? STATUS_FULL : STATUS_PARTIAL;
      for (let part = 0; part < parts; part++) {
        for (let h = graph.halfEdgeStart(node, part), end = graph.halfEdgeEnd(node, part); h < end; h++) {
          const second = graph.halfEdgeRelationship(h);
          if (second === REL_NOT_RELATED || graph.halfEdgeRationale(h) !== rationale) continue;
          const composed = composeCodes(relationship, second);
          if (composed < 0) continue;
          const t = graph.halfEdgeHead(h);
          const strength = Math.min(strengths[i], graph.halfEdgeStrength(h));
          offerPath(t, composed, strength, seedLevel, hop);
          if (hop < maxHops) improve(stateOf(t, composed, rationale, full), strength, hop + 1);
        }
      }
    }
  }

  const status = new Uint8Array(n);
  const inferred = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    if (excluded[r]) {
      status[r] = STATUS_EXCLUDED;
      weight[r] = 0;
      continue;
    }
    status[r] = level[r];
    inferred[r] = level[r] !== STATUS_NONE && (level[r] > levelOneHop[r] || weight[r] > weightOneHop[r]) ? 1 : 0;
  }
  return { status, weight, inferred };
}
