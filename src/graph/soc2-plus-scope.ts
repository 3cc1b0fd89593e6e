/**
 * SOC 2+ scope (DESIGN 8): what additional frameworks add beyond the SOC 2 Trust Services Criteria, the candidates
 * for Section 4 additional criteria.
 *
 * 1. Assume every assessable SOC 2 criterion FULL (assumed-status.ts) and propagate (maxHops, default 1).
 * 2. Candidates: the additional frameworks' assessable requirements that are not FULL. PARTIAL ones keep their SOC 2
 *    sources (every contributing path, best first): that is the overlap explanation the auditor needs.
 * 3. Deduplicate across the added frameworks: walking candidates in framework order (as given) then catalog order,
 *    each candidate not yet placed becomes a representative, and every unplaced candidate of another added framework
 *    joined to it by a single EQUAL edge becomes its equivalent and counts once with it. EQUAL is not chained
 *    (a = b and b = c do not merge a and c unless a = c is stated): merging too much would hide criteria from scope.
 * 4. Group by topic: the representative's top-level ancestor in its framework (NIST "GOVERN", ISO "A.6"), topics in
 *    order of first appearance.
 */
import { assumedStatus } from './assumed-status';
import type { CatalogGraph } from './catalog-graph';
import { REL_EQUAL } from './edge-codes';
import type { Explanation } from './explain-status';
import { checkFrameworkIndex, checkFrameworkIndexes, checkGraph, checkMaxHops } from './guards';
import { STATUS_NONE, STATUS_PARTIAL } from './status-code';

export interface Soc2PlusScopeOptions {
  maxHops: number;
}

export const DEFAULTS: Soc2PlusScopeOptions = { maxHops: 1 };

export interface Soc2PlusMember {
  requirement: number;
  status: 'PARTIAL' | 'NONE';
  weight: number;
  /** Every path from a SOC 2 criterion that partly covers the requirement, best first; [] when NONE. */
  soc2Sources: Explanation[];
}

export interface Soc2PlusItem {
  representative: Soc2PlusMember;
  /** Candidates of other added frameworks stated EQUAL to the representative; they count once with it. */
  equivalents: Soc2PlusMember[];
}

export interface Soc2PlusTopic {
  framework: number;
  /** The top-level requirement that names the topic. */
  topic: number;
  title: string;
  items: Soc2PlusItem[];
}

export interface Soc2PlusScope {
  topics: Soc2PlusTopic[];
  /** Distinct additional criteria: one per item. */
  itemCount: number;
  /** Requirements not fully covered by SOC 2, equivalents included. */
  requirementCount: number;
}

const NS = 'graph/soc2-plus-scope';

export function soc2PlusScope(
  graph: CatalogGraph,
  soc2FrameworkIndex: number,
  additionalFrameworkIndexes: readonly number[],
  options?: Partial<Soc2PlusScopeOptions>,
): Soc2PlusScope {
  checkGraph(NS, graph);
  checkFrameworkIndex(NS, graph, soc2FrameworkIndex, 'soc2FrameworkIndex');
  checkFrameworkIndexes(NS, graph, additionalFrameworkIndexes, 'additionalFrameworkIndexes');
  if (additionalFrameworkIndexes.includes(soc2FrameworkIndex)) {
    throw new Error(`${NS}: additionalFrameworkIndexes must not include the SOC 2 framework (${soc2FrameworkIndex})`);
  }
  const maxHops = checkMaxHops(NS, options?.maxHops ?? DEFAULTS.maxHops);
  const soc2 = assumedStatus(graph, [soc2FrameworkIndex], { maxHops });

  const candidate = new Uint8Array(graph.requirementCount);
  const candidates: number[] = [];
  for (const framework of additionalFrameworkIndexes) {
    const members = graph.requirementsOf(framework);
    for (let i = 0; i < members.length; i++) {
      const r = members[i];
      const code = soc2.status[r];
      if (graph.isAssessable(r) && (code === STATUS_PARTIAL || code === STATUS_NONE)) {
        candidate[r] = 1;
        candidates.push(r);
      }
    }
  }

  const member = (r: number): Soc2PlusMember => ({
    requirement: r,
    status: soc2.status[r] === STATUS_PARTIAL ? 'PARTIAL' : 'NONE',
    weight: soc2.weight[r],
    soc2Sources: soc2.status[r] === STATUS_PARTIAL ? soc2.explain(r) : [],
  });

  const position = (r: number): number => additionalFrameworkIndexes.indexOf(graph.frameworkOf(r));
  const placed = new Uint8Array(graph.requirementCount);
  const topics = new Map<number, Soc2PlusTopic>();
  let itemCount = 0;
  for (const r of candidates) {
    if (placed[r]) continue;
    placed[r] = 1;
    const equivalents: number[] = [];
    for (let h = graph.halfEdgeStart(r), end = graph.halfEdgeEnd(r); h < end; h++) {
      const other = graph.halfEdgeHead(h);
      if (graph.halfEdgeRelationship(h) !== REL_EQUAL || !candidate[other] || placed[other]) continue;
      if (graph.frameworkOf(other) === graph.frameworkOf(r)) continue;
      placed[other] = 1;
      equivalents.push(other);
    }
    equivalents.sort((a, b) => position(a) - position(b) || a - b);
    const topic = graph.topLevelAncestorOf(r);
    let group = topics.get(topic);
    if (!group) {
      group = { framework: graph.frameworkOf(r), topic, title: graph.title(topic), items: [] };
      topics.set(topic, group);
    }
    group.items.push({ representative: member(r), equivalents: equivalents.map(member) });
    itemCount++;
  }
  return { topics: [...topics.values()], itemCount, requirementCount: candidates.length };
}
