/**
 * SOC 2+ scope (DESIGN 8): what additional frameworks add beyond the SOC 2 Trust Services Criteria, the candidates
 * for Section 4 additional criteria.
 *
 * 1. Assume every assessable SOC 2 criterion FULL (assumed-status.ts) and propagate (maxHops, default 1).
 * 2. Candidates: the additional frameworks' assessable requirements that are not FULL. PARTIAL ones keep their SOC 2
 *    sources (every contributing path, best first): that is the overlap explanation the auditor needs.
 * 3. Deduplicate across the added frameworks (containment-groups.ts): a candidate that another candidate of another
 *    added framework contains (EQUAL, or SUBSET_OF read towards the container) merges into that container's item,
 *    chains and cycles included, so meeting an item's representative meets every member. Representatives are the
 *    maximal candidates; ties (equal ones) and a candidate under two unrelated containers go to the candidate first in
 *    framework order (as given), then catalog order. The graph is the organization's reading, so SAME_MANAGEMENT_SYSTEM
 *    containment merges only within one declared management system.
 * 4. Group by topic: the representative's top-level ancestor in its framework (NIST "GOVERN", ISO "A.6"), topics in
 *    order of first appearance.
 */
import { assumedStatus } from './assumed-status';
import type { GraphView } from './graph-view';
import { containmentGroups } from './containment-groups';
import { rationaleOf, relationshipOf } from './edge-codes';
import type { Explanation } from './explain-status';
import { checkFrameworkIndex, checkFrameworkIndexes, checkGraph, checkMaxHops } from './guards';
import type { PathHop } from './paths-into';
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

/** A candidate merged into an item: meeting the item's representative meets it. */
export interface Soc2PlusMerged extends Soc2PlusMember {
  /** True when it and the representative contain each other (EQUAL, or a containment cycle). */
  equivalent: boolean;
  /** The crosswalk it merged by, read from it to the member of the item that directly contains it. */
  mergedBy: PathHop;
}

export interface Soc2PlusItem {
  representative: Soc2PlusMember;
  /** The other candidates it contains, in framework order (as given) then catalog order; they count once with it. */
  members: Soc2PlusMerged[];
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
  /** Requirements not fully covered by SOC 2, merged members included. */
  requirementCount: number;
}

const NS = 'graph/soc2-plus-scope';

export function soc2PlusScope(
  graph: GraphView,
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

  const candidates: number[] = [];
  for (const framework of additionalFrameworkIndexes) {
    const members = graph.requirementsOf(framework);
    for (let i = 0; i < members.length; i++) {
      const r = members[i];
      const code = soc2.status[r];
      if (graph.isAssessable(r) && (code === STATUS_PARTIAL || code === STATUS_NONE)) candidates.push(r);
    }
  }

  const member = (r: number): Soc2PlusMember => ({
    requirement: r,
    status: soc2.status[r] === STATUS_PARTIAL ? 'PARTIAL' : 'NONE',
    weight: soc2.weight[r],
    soc2Sources: soc2.status[r] === STATUS_PARTIAL ? soc2.explain(r) : [],
  });

  const topics = new Map<number, Soc2PlusTopic>();
  const groups = containmentGroups(graph, candidates);
  for (const { representative, members } of groups) {
    const topic = graph.topLevelAncestorOf(representative);
    let group = topics.get(topic);
    if (!group) {
      group = { framework: graph.frameworkOf(representative), topic, title: graph.title(topic), items: [] };
      topics.set(topic, group);
    }
    group.items.push({
      representative: member(representative),
      members: members.map((m) => ({ ...member(m.requirement), equivalent: m.equivalent, mergedBy: hopOf(graph, m.halfEdge) })),
    });
  }
  return { topics: [...topics.values()], itemCount: groups.length, requirementCount: candidates.length };
}

/** The crosswalk step a half-edge reads, from its near end to its head. */
function hopOf(graph: GraphView, h: number): PathHop {
  const edge = graph.halfEdgeEdge(h);
  const reversed = graph.halfEdgeReversed(h);
  return {
    from: reversed ? graph.edgeTargetOf(edge) : graph.edgeSourceOf(edge),
    to: graph.halfEdgeHead(h),
    edge,
    mappingSetId: graph.mappingSetId(graph.edgeMappingSetOf(edge)),
    mappingSetPrivate: graph.mappingSetIsPrivate(graph.edgeMappingSetOf(edge)),
    relationship: relationshipOf(graph.halfEdgeRelationship(h)),
    rationale: rationaleOf(graph.halfEdgeRationale(h)),
    strength: graph.halfEdgeStrength(h),
    reversed,
    condition: graph.edgeConditionOf(edge),
    conditionMet: graph.edgeConditionMet(edge),
  };
}
