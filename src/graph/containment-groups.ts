/**
 * Containment groups: partitions a list of requirements into items such that meeting an item's representative meets
 * every member of the item. Used by the SOC 2+ deduplication (DESIGN 8): an added requirement that another added
 * requirement contains merges into that container's item.
 *
 * "x is met by meeting y" (x ⊆ y) is read from the crosswalks as the graph reads them (so under the organization's
 * declared management systems: an unmet SAME_MANAGEMENT_SYSTEM edge reads as INTERSECTS_WITH and joins nothing):
 * a half-edge from x to y reading EQUAL or SUBSET_OF, both in the list, in different frameworks (a standard is not
 * deduplicated against itself). The relation is transitive (set containment is: x ⊆ y ⊆ z gives x ⊆ z), so chains
 * merge; DESIGN 3's same-rationale rule governs how coverage propagates over hops, not whether set containment chains.
 *
 * - Cycles (EQUAL, or mutual SUBSET_OF) are one strongly connected component: equal as sets.
 * - Representatives are the maximal elements: one per component that nothing outside it contains. Within it, the
 *   requirement listed first is the representative (the caller's order: SOC 2+ passes framework order, then catalog
 *   order); the component's other requirements are its `equivalent` members.
 * - A requirement below two unrelated maximal components (contained in two containers that contain neither each other)
 *   joins exactly one item, the one whose representative comes first in the list; it is never counted twice. Either
 *   container would meet it, so every item stays honest: meeting its representative meets all its members.
 * - Each member says how it joined: `container`, the member of the same item it is directly contained in, and
 *   `halfEdge`, that crosswalk read from the member to the container. Following containers leads to the
 *   representative, so the whole chain is explained.
 *
 * Strongly connected components by Tarjan (1972), iteratively; O(n + edges).
 */
import type { GraphView } from './graph-view';
import { REL_EQUAL, REL_SUBSET_OF } from './edge-codes';
import { checkGraph, checkRequirementIndex } from './guards';

export interface ContainmentMember {
  requirement: number;
  /** True when the member and the representative contain each other (the same set: EQUAL, or a containment cycle). */
  equivalent: boolean;
  /** The member of this item it is directly contained in. */
  container: number;
  /** The half-edge of `requirement` whose head is `container`; it reads EQUAL or SUBSET_OF. */
  halfEdge: number;
}

export interface ContainmentGroup {
  representative: number;
  /** The other requirements it meets, in list order. */
  members: ContainmentMember[];
}

const NS = 'graph/containment-groups';

/** Whether meeting the head of this half-edge meets its near end. */
function isContainedIn(code: number): boolean {
  return code === REL_EQUAL || code === REL_SUBSET_OF;
}

/** Groups in order of their representative's position in `requirements`. */
export function containmentGroups(graph: GraphView, requirements: readonly number[]): ContainmentGroup[] {
  checkGraph(NS, graph);
  if (!Array.isArray(requirements)) throw new Error(`${NS}: requirements must be an array of requirement indexes`);
  const n = requirements.length;
  const slot = new Int32Array(graph.requirementCount).fill(-1);
  requirements.forEach((r, i) => {
    checkRequirementIndex(NS, graph, r);
    if (slot[r] >= 0) throw new Error(`${NS}: requirements lists requirement ${r} twice`);
    slot[r] = i;
  });

  // Out-edges x → y (x ⊆ y) between listed requirements of different frameworks, as CSR over slots: half-edge ids.
  const outOffsets = new Int32Array(n + 1);
  const outHalf: number[] = [];
  const parts = graph.halfEdgeParts;
  for (let i = 0; i < n; i++) {
    const x = requirements[i];
    for (let part = 0; part < parts; part++) {
      for (let h = graph.halfEdgeStart(x, part), end = graph.halfEdgeEnd(x, part); h < end; h++) {
        const y = graph.halfEdgeHead(h);
        if (slot[y] < 0 || !isContainedIn(graph.halfEdgeRelationship(h)) || graph.frameworkOf(y) === graph.frameworkOf(x)) continue;
        outHalf.push(h);
      }
    }
    outOffsets[i + 1] = outHalf.length;
  }
  const headSlot = (k: number): number => slot[graph.halfEdgeHead(outHalf[k])];

  // Tarjan, iterative. Components come out in reverse topological order: every component a component reaches
  // (everything that contains it) is emitted before it.
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const component = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  const components: number[][] = [];
  const callStack: number[] = [];
  const cursor = new Int32Array(n);
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] >= 0) continue;
    callStack.push(root);
    index[root] = low[root] = counter++;
    cursor[root] = outOffsets[root];
    stack.push(root);
    onStack[root] = 1;
    while (callStack.length > 0) {
      const v = callStack[callStack.length - 1];
      if (cursor[v] < outOffsets[v + 1]) {
        const w = headSlot(cursor[v]++);
        if (index[w] < 0) {
          index[w] = low[w] = counter++;
          cursor[w] = outOffsets[w];
          stack.push(w);
          onStack[w] = 1;
          callStack.push(w);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v], index[w]);
        }
        continue;
      }
      callStack.pop();
      if (callStack.length > 0) {
        const parent = callStack[callStack.length - 1];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === index[v]) {
        const members: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component[w] = components.length;
          members.push(w);
        } while (w !== v);
        components.push(members.sort((a, b) => a - b));
      }
    }
  }

  // Each component's item: its own when maximal (no edge leaves it), otherwise the first-listed item among those of
  // the components it is contained in, all of them emitted (and so decided) before it. An item is named by the slot
  // of its representative, the component's first-listed member.
  const item = new Int32Array(components.length);
  components.forEach((members, c) => {
    let best = -1;
    for (const v of members) {
      for (let k = outOffsets[v]; k < outOffsets[v + 1]; k++) {
        const d = component[headSlot(k)];
        if (d !== c && (best < 0 || item[d] < best)) best = item[d];
      }
    }
    item[c] = best < 0 ? members[0] : best;
  });

  // Explain each member: breadth-first from the representative against the edges, staying inside the item. Every
  // member is reached: the component that chose an item has a successor that chose the same one, down to it.
  const inOffsets = new Int32Array(n + 1);
  for (let k = 0; k < outHalf.length; k++) inOffsets[headSlot(k) + 1]++;
  for (let i = 0; i < n; i++) inOffsets[i + 1] += inOffsets[i];
  const inFrom = new Int32Array(outHalf.length);
  const inEdge = new Int32Array(outHalf.length);
  const inCursor = inOffsets.slice(0, n);
  for (let v = 0; v < n; v++) {
    for (let k = outOffsets[v]; k < outOffsets[v + 1]; k++) {
      const at = inCursor[headSlot(k)]++;
      inFrom[at] = v;
      inEdge[at] = outHalf[k];
    }
  }
  const itemOf = (v: number): number => item[component[v]];
  const reachedBy = new Int32Array(n).fill(-1); // the half-edge a member joined by
  const containerOf = new Int32Array(n).fill(-1);
  const groups: ContainmentGroup[] = [];
  for (let rep = 0; rep < n; rep++) {
    if (itemOf(rep) !== rep) continue;
    const queue = [rep];
    containerOf[rep] = rep;
    for (let q = 0; q < queue.length; q++) {
      const y = queue[q];
      for (let k = inOffsets[y]; k < inOffsets[y + 1]; k++) {
        const x = inFrom[k];
        if (containerOf[x] >= 0 || itemOf(x) !== rep) continue;
        containerOf[x] = y;
        reachedBy[x] = inEdge[k];
        queue.push(x);
      }
    }
    const members = queue
      .slice(1)
      .sort((a, b) => a - b)
      .map((v) => ({
        requirement: requirements[v],
        equivalent: component[v] === component[rep],
        container: requirements[containerOf[v]],
        halfEdge: reachedBy[v],
      }));
    groups.push({ representative: requirements[rep], members });
  }
  return groups;
}
