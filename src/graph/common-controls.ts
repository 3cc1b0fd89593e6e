/**
 * Common controls (DESIGN 7): a small set of control objectives that together cover every assessable requirement of
 * the chosen frameworks, each named by the requirements it satisfies in each framework.
 *
 * "Covers fully": a group is anchored on one assessable requirement a of a chosen framework. Meeting a meets a itself,
 * every requirement a is EQUAL to, and every requirement a is SUPERSET_OF (read from a, so a stored `b SUBSET_OF a`
 * counts) — the relationships that hand FULL on (DESIGN 2). Only assessable requirements of the chosen frameworks
 * count as covered. With maxHops > 1, paths of EQUAL/SUPERSET_OF edges with one shared rationale also count (they
 * compose to EQUAL or SUPERSET_OF; any other hop could never hand FULL on) and may pass through other frameworks.
 *
 * Greedy set cover: repeatedly take the group covering the most still-uncovered requirements; ties go to the anchor
 * whose framework comes first in `frameworkIndexes`, then to the smaller refId (ref-id-order.ts), then to catalog
 * order. Every requirement anchors its own group, so the cover is always complete: the last groups are singletons.
 * Greedy is an approximation: it can use up to H(k) ≤ 1 + ln k times the fewest groups, k the largest group's size
 * (Chvátal 1979, "A greedy heuristic for the set-covering problem"); exact set cover is NP-hard.
 * Gains only fall as requirements get covered, so a lazily re-scored max-heap finds each pick without rescoring all.
 */
import type { GraphView } from './graph-view';
import { NO_RATIONALE, passesStatus } from './edge-codes';
import { checkFrameworkIndexes, checkGraph, checkMaxHops } from './guards';
import { compareRefIds } from './ref-id-order';

export interface CommonControlsOptions {
  maxHops: number;
}

export const DEFAULTS: CommonControlsOptions = { maxHops: 1 };

export interface CommonControlGroup {
  anchor: number;
  /** Per chosen framework (in the order given, only those it touches): the requirements it covers, anchor included. */
  satisfies: Array<{ framework: number; requirements: number[] }>;
  /** The requirements this group was the first to cover, in catalog order. */
  newlyCovered: number[];
}

export interface CommonControls {
  groups: CommonControlGroup[];
  /** Assessable requirements of the chosen frameworks: every one is in some group's newlyCovered. */
  requirementCount: number;
}

const NS = 'graph/common-controls';

export function commonControls(graph: GraphView, frameworkIndexes: readonly number[], options?: Partial<CommonControlsOptions>): CommonControls {
  checkGraph(NS, graph);
  checkFrameworkIndexes(NS, graph, frameworkIndexes, 'frameworkIndexes');
  const maxHops = checkMaxHops(NS, options?.maxHops ?? DEFAULTS.maxHops);
  const n = graph.requirementCount;

  const position = new Int32Array(graph.frameworkCount).fill(-1);
  frameworkIndexes.forEach((framework, i) => (position[framework] = i));
  const counts = (r: number): boolean => graph.isAssessable(r) && position[graph.frameworkOf(r)] >= 0;

  const anchors: number[] = [];
  for (const framework of frameworkIndexes) {
    const members = graph.requirementsOf(framework);
    for (let i = 0; i < members.length; i++) if (graph.isAssessable(members[i])) anchors.push(members[i]);
  }

  // Each anchor's cover, as CSR over anchor slots: breadth-first over (requirement, rationale) states.
  const coverOffsets = new Int32Array(anchors.length + 1);
  const cover: number[] = [];
  const seenNode = new Int32Array(n).fill(-1);
  const seenState = new Int32Array(n * 4).fill(-1);
  const parts = graph.halfEdgeParts;
  for (let k = 0; k < anchors.length; k++) {
    const anchor = anchors[k];
    seenNode[anchor] = k;
    cover.push(anchor);
    let frontier: number[] = [anchor * 4];
    for (let hop = 1; hop <= maxHops && frontier.length > 0; hop++) {
      const next: number[] = [];
      for (const state of frontier) {
        const node = state >> 2;
        const rationale = state & 3;
        for (let part = 0; part < parts; part++) {
          for (let h = graph.halfEdgeStart(node, part), end = graph.halfEdgeEnd(node, part); h < end; h++) {
            if (!passesStatus(graph.halfEdgeRelationship(h))) continue;
            const hopRationale = graph.halfEdgeRationale(h);
            if (hop > 1 && hopRationale !== rationale) continue;
            const head = graph.halfEdgeHead(h);
            if (seenNode[head] !== k && counts(head)) {
              seenNode[head] = k;
              cover.push(head);
            }
            const nextState = head * 4 + hopRationale;
            if (hop < maxHops && hopRationale !== NO_RATIONALE && seenState[nextState] !== k) {
              seenState[nextState] = k;
              next.push(nextState);
            }
          }
        }
      }
      frontier = next;
    }
    coverOffsets[k + 1] = cover.length;
  }

  const order = anchors.map((_, k) => k);
  order.sort((x, y) => {
    const a = anchors[x];
    const b = anchors[y];
    return position[graph.frameworkOf(a)] - position[graph.frameworkOf(b)] || compareRefIds(graph.refId(a), graph.refId(b)) || a - b;
  });
  const rank = new Int32Array(anchors.length);
  order.forEach((k, i) => (rank[k] = i));

  const covered = new Uint8Array(n);
  const gainOf = (k: number): number => {
    let gain = 0;
    for (let i = coverOffsets[k]; i < coverOffsets[k + 1]; i++) if (!covered[cover[i]]) gain++;
    return gain;
  };
  const stored = Int32Array.from(anchors, (_, k) => coverOffsets[k + 1] - coverOffsets[k]);
  const heap = new MaxHeap((x, y) => stored[x] - stored[y] || rank[y] - rank[x]);
  for (const k of order) heap.push(k);

  const groups: CommonControlGroup[] = [];
  let uncovered = anchors.length;
  while (uncovered > 0) {
    const k = heap.pop();
    if (k === undefined) throw new Error(`${NS}: ran out of groups with requirements uncovered`);
    const gain = gainOf(k);
    if (gain === 0) continue;
    if (gain !== stored[k]) {
      stored[k] = gain;
      heap.push(k);
      continue;
    }
    const members = cover.slice(coverOffsets[k], coverOffsets[k + 1]).sort((a, b) => a - b);
    const newlyCovered = members.filter((r) => !covered[r]);
    for (const r of newlyCovered) covered[r] = 1;
    uncovered -= newlyCovered.length;
    const satisfies = frameworkIndexes
      .map((framework) => ({ framework, requirements: members.filter((r) => graph.frameworkOf(r) === framework) }))
      .filter((entry) => entry.requirements.length > 0);
    groups.push({ anchor: anchors[k], satisfies, newlyCovered });
  }
  return { groups, requirementCount: anchors.length };
}

/** A binary max-heap of small integers under `compare` (positive: first is greater). */
class MaxHeap {
  private readonly items: number[] = [];
  constructor(private readonly compare: (x: number, y: number) => number) {}

  push(item: number): void {
    const items = this.items;
    items.push(item);
    for (let i = items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (this.compare(items[i], items[parent]) <= 0) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): number | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    for (let i = 0; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let largest = i;
      if (left < items.length && this.compare(items[left], items[largest]) > 0) largest = left;
      if (right < items.length && this.compare(items[right], items[largest]) > 0) largest = right;
      if (largest === i) break;
      [items[i], items[largest]] = [items[largest], items[i]];
      i = largest;
    }
    return top;
  }
}
