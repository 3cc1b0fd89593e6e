/**
 * Why one requirement has its status (DESIGN 4: "every covered requirement can explain itself"): every path from a
 * directly satisfied requirement (a seed, with the controls that satisfy it) through crosswalk edges to this one,
 * each with what it gives. Every contributing path is listed, not only the best: two partial sources of 0.6 and 0.7
 * both appear, and the requirement's weight is the largest (propagate-status.ts). Best first: weight, then fewer hops.
 * An excluded requirement explains nothing: its status is EXCLUDED whatever reaches it.
 */
import type { GraphView } from './graph-view';
import { checkRequirementIndex } from './guards';
import { checkSeeds, type StatusSeeds } from './propagate-status';
import { type CrosswalkPath, pathsInto } from './paths-into';
import type { Relationship } from './relationship';
import { sourceWeight, STATUS_FULL, STATUS_NONE } from './status-code';
import type { ControlStatus, LinkCoverage } from './tenant-state';

export interface ExplainedControl {
  controlId: string;
  code: string;
  status: ControlStatus;
  coverage: LinkCoverage;
}

export interface Explanation extends CrosswalkPath {
  /** The controls that make the source directly satisfied; empty when the source is only assumed satisfied. */
  controls: ExplainedControl[];
  status: 'FULL' | 'PARTIAL';
  weight: number;
  /** True for composed paths (two or more hops). */
  inferred: boolean;
}

export interface ExplainStatusOptions {
  maxHops: number;
  /** The controls that give a seed its direct status. */
  controlsOf: (source: number) => ExplainedControl[];
}

const NS = 'graph/explain-status';

/** What a path from a seed of this direct level gives its end (DESIGN 2). */
export function pathValue(seedLevel: number, relationship: Relationship | null): { status: 'FULL' | 'PARTIAL'; strengthCounts: boolean } {
  const passes = relationship === null || relationship === 'EQUAL' || relationship === 'SUPERSET_OF';
  if (passes) return { status: seedLevel === STATUS_FULL ? 'FULL' : 'PARTIAL', strengthCounts: false };
  return { status: 'PARTIAL', strengthCounts: true };
}

export function compareExplanations(a: Explanation, b: Explanation): number {
  if (a.weight !== b.weight) return b.weight - a.weight;
  if (a.hops.length !== b.hops.length) return a.hops.length - b.hops.length;
  if (a.source !== b.source) return a.source - b.source;
  for (let i = 0; i < a.hops.length; i++) {
    if (a.hops[i].edge !== b.hops[i].edge) return a.hops[i].edge - b.hops[i].edge;
  }
  return 0;
}

export function explainStatus(graph: GraphView, seeds: StatusSeeds, requirement: number, options: ExplainStatusOptions): Explanation[] {
  checkSeeds(NS, graph, seeds);
  if (typeof options?.controlsOf !== 'function') throw new Error(`${NS}: controlsOf must be a function`);
  checkRequirementIndex(NS, graph, requirement);
  if (seeds.excluded[requirement]) return [];
  const isSource = (r: number): boolean => seeds.direct[r] !== STATUS_NONE && seeds.excluded[r] === 0;

  return pathsInto(graph, requirement, { maxHops: options.maxHops, isSource })
    .map((path): Explanation => {
      const seedLevel = seeds.direct[path.source];
      const { status, strengthCounts } = pathValue(seedLevel, path.relationship);
      const weight = strengthCounts ? (path.strength / 10) * sourceWeight(seedLevel) : sourceWeight(seedLevel);
      return { ...path, controls: options.controlsOf(path.source), status, weight, inferred: path.hops.length > 1 };
    })
    .sort(compareExplanations);
}
