/**
 * The weights of the schema's lists for the query cost (query-cost.ts), read off the loaded catalog: the largest
 * crosswalk degree, the largest number of children, the number of frameworks, and so on. They are recomputed when the
 * catalog version changes (QueryCostWeights), so the cost keeps bounding the work whatever catalog is loaded.
 *
 * Lists whose length comes from an organization's own data (a control's links, the controls behind a path) have no
 * bound in the catalog. They weigh a fixed, documented figure (TENANT_LIST_WEIGHTS): a typical size, not a bound. The
 * execution budget (execution-budget.plugin.ts) stops a request that goes past it anyway.
 */
import { AI_ROLES } from '../catalog/ai-role';
import { MAX_HOPS_LIMIT } from '../graph/guards';
import { DEFAULTS as GAP_DEFAULTS } from '../graph/gap-analysis';
import { DETAIL_MAX_PATHS } from '../graph/framework-overlap';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../common/paging/page.args';
import type { CostWeights, ListWeight } from './query-cost';
import { MAX_REPORTED_PROBLEMS } from '../imports/control-import.types';
import { MAX_CERTIFICATIONS } from '../certification/models/certification-plan.args';
import { AUDIT_KINDS } from '../certification/certification-cycle';
import { SURVEILLANCE_TOPICS } from '../certification/surveillance-topics';

/** What the catalog holds, as far as the size of an answer goes. */
export interface CatalogShape {
  frameworks: number;
  mappingSets: number;
  /** Crosswalk edges touching each requirement (either end), one entry per requirement. */
  degrees: number[];
  /** EQUAL, SUBSET_OF and SUPERSET_OF edges touching each requirement. */
  containmentDegrees: number[];
  /** Children of each requirement. */
  childCounts: number[];
  /**
   * Index h (1 to MAX_HOPS_LIMIT): the most crosswalk paths of at most h edges that can end at one requirement, the
   * empty path included (an upper bound: walks that never turn back on the edge they came by).
   */
  pathsInto: number[];
  /** Index h: the crosswalk paths of at most h edges into all requirements together (the same upper bound). */
  pathsInAll: number[];
  requirementsPerFramework: number;
  assessablePerFramework: number;
  /** Assessable requirements in the whole catalog. */
  assessableTotal: number;
  topLevelPerFramework: number;
  /** The most requirements under one top-level requirement. */
  largestSubtree: number;
  /** The most requirements joined by EQUAL, SUBSET_OF and SUPERSET_OF edges, directly or through others. */
  largestContainmentGroup: number;
  evidencePerEdge: number;
  sourcesPerDocument: number;
}

/** Lists of an organization's own data: typical sizes (see above), in the docs as such. */
export const TENANT_LIST_WEIGHTS: Readonly<Record<string, number>> = {
  'Control.links': 20,
  'CoveragePath.controls': 5,
  'Gap.controls': 5,
  'StatementOfApplicabilityEntry.controls': 5,
  'Query.apiKeys': 50,
  // An organization's own catalog (issue 12): its own frameworks and mapping sets, at most OWN_FRAMEWORKS_MAX (50) of the first.
  'Query.ownFrameworks': 50,
  'Query.ownMappingSets': 50,
  // Vendors (issue 14): at most VENDORS_MAX (1000) per organization; a typical supplier register is this size.
  'Query.vendors': 100,
  'Vendor.frameworks': 5,
  // AI systems (issue 14): an organization lists a handful.
  'Query.aiSystems': 20,
};

/** Sums of the largest `n` entries, for every n (index n), so a weight can answer "on n different parents". */
function prefixSumsOfLargest(values: readonly number[]): (n: number) => number {
  const sorted = [...values].sort((a, b) => b - a);
  const sums = new Float64Array(sorted.length + 1);
  for (let i = 0; i < sorted.length; i += 1) sums[i + 1] = sums[i] + sorted[i];
  return (n) => sums[Math.max(0, Math.min(Math.floor(n), sorted.length))];
}

const at = (values: readonly number[]) => values.reduce((a, b) => Math.max(a, b), 0);

export function costWeights(shape: CatalogShape): CostWeights {
  // Every weight is at least 1: an empty catalog now may not be empty by the time the query runs.
  const one = (n: number) => Math.max(1, n);
  const fixed = (perParent: number, keepsDistinct = false): ListWeight => ({ perParent: one(perParent), keepsDistinct });
  const paths: ListWeight = { perParent: one(at(shape.pathsInto)), byHops: shape.pathsInto.map(one), perRoot: shape.pathsInAll.map(one) };
  const steps: ListWeight = { perParent: MAX_HOPS_LIMIT, byHops: Array.from({ length: MAX_HOPS_LIMIT + 1 }, (_, h) => h), perRoot: shape.pathsInAll.map((n, h) => one(n * h)) };
  const lists = new Map<string, ListWeight>([
    // The catalog
    ['Query.frameworks', fixed(shape.frameworks, true)],
    ['Query.scope', fixed(shape.frameworks, true)],
    ['Mutation.setScope', fixed(shape.frameworks, true)],
    ['Query.mappingSets', fixed(shape.mappingSets)],
    ['Requirement.children', { perParent: one(at(shape.childCounts)), onDistinct: prefixSumsOfLargest(shape.childCounts), keepsDistinct: true }],
    ['Requirement.crosswalks', { perParent: one(at(shape.degrees)), onDistinct: prefixSumsOfLargest(shape.degrees) }],
    ['Crosswalk.evidence', fixed(shape.evidencePerEdge)],
    ['Framework.sources', fixed(shape.sourcesPerDocument)],
    ['Provenance.sources', fixed(shape.sourcesPerDocument)],
    // Management systems: at most one per framework
    ['Query.managementSystems', fixed(shape.frameworks)],
    ['ManagementSystem.frameworks', fixed(shape.frameworks)],
    // Computed over the catalog: bounded by it
    ['Query.coverage', fixed(shape.frameworks)],
    ['Query.frameworkOverlap', fixed(shape.frameworks * (shape.frameworks - 1))],
    // One overlap pair taken apart: the target's assessable requirements, each with its paths from the source.
    ['FrameworkOverlapDetail.requirements', fixed(shape.assessablePerFramework)],
    ['GapReport.gaps', fixed(shape.assessablePerFramework)],
    ['CommonControl.newlyCovered', { ...fixed(at(shape.containmentDegrees) + 1), perRoot: one(shape.assessableTotal) }],
    // Paths in one answer: per requirement at most pathsInto, all together at most pathsInAll; a path of at most h
    // hops has at most h steps.
    ['Gap.sources', { ...fixed(GAP_DEFAULTS.maxSources), perRoot: shape.pathsInAll.map(one) }],
    ['RequirementCoverage.paths', paths],
    ['OverlapRequirement.paths', { ...paths, perParent: Math.min(paths.perParent, DETAIL_MAX_PATHS), byHops: paths.byHops!.map((n) => Math.min(n, DETAIL_MAX_PATHS)) }],
    ['Soc2PlusItem.soc2Sources', paths],
    ['Soc2PlusMember.soc2Sources', paths],
    ['CoveragePath.steps', steps],
    ['OverlapPath.steps', steps],
    ['Query.commonControls', fixed(shape.requirementsPerFramework)],
    ['CommonControl.satisfies', fixed(shape.frameworks)],
    ['CommonControlTarget.requirements', fixed(at(shape.containmentDegrees) + 1)],
    // One SOC 2+ scope: its topics, items and members each partition (part of) the assessable requirements.
    ['Soc2PlusScope.topics', { ...fixed(shape.frameworks * shape.topLevelPerFramework), perRoot: one(shape.assessableTotal) }],
    ['Soc2PlusTopic.items', { ...fixed(shape.largestSubtree), perRoot: one(shape.assessableTotal) }],
    ['Soc2PlusItem.equivalents', { ...fixed(shape.largestContainmentGroup), perRoot: one(shape.assessableTotal) }],
    ['Soc2PlusItem.members', { ...fixed(shape.largestContainmentGroup), perRoot: one(shape.assessableTotal) }],
    // A vendor questionnaire (issue 14): at most 20 frameworks, a question per common-control group, so at most one
    // per assessable requirement, each standing for a group as CommonControlTarget.requirements does.
    ['VendorQuestionnaire.frameworks', fixed(20)],
    ['VendorQuestionnaire.questions', { ...fixed(shape.assessableTotal), perRoot: one(shape.assessableTotal) }],
    ['VendorCoverage.frameworks', fixed(50)],
    ['VendorQuestion.requirements', fixed((at(shape.containmentDegrees) + 1) * 2)],
    // A certification plan: at most five audits per standard, each holding every standard at most once. Topics point
    // to the clauses of the standards under surveillance: a standard names an HS clause in one or two requirements
    // (typical, not a bound: an own framework may name one more often, and the execution budget stops that), and each
    // standard is under surveillance twice a cycle. The samples partition (part of) the assessable requirements.
    ['CertificationPlan.audits', fixed(AUDIT_KINDS.length * MAX_CERTIFICATIONS)],
    ['PlannedAudit.frameworks', fixed(MAX_CERTIFICATIONS)],
    ['PlannedAudit.parts', fixed(MAX_CERTIFICATIONS)],
    ['PlannedAudit.alignments', { ...fixed(MAX_CERTIFICATIONS), perRoot: MAX_CERTIFICATIONS }],
    ['AuditScope.topics', fixed(SURVEILLANCE_TOPICS.length)],
    ['AuditTopic.requirements', { ...fixed(MAX_CERTIFICATIONS * 4), perRoot: 2 * MAX_CERTIFICATIONS * SURVEILLANCE_TOPICS.length * 4 }],
    ['AuditTopic.hsClauses', fixed(2)],
    ['AuditScope.fullEvaluation', fixed(MAX_CERTIFICATIONS)],
    ['AuditScope.sampledControls', { ...fixed(shape.assessablePerFramework), perRoot: one(shape.assessableTotal) }],
    ['SampledControl.alsoCovers', { ...fixed(at(shape.containmentDegrees) + 1), perRoot: one(shape.assessableTotal) }],
    ['SampledControl.reasons', fixed(2)],
    // AI roles (issue 14): a role list holds each of the six roles at most once; suggestions are assessable requirements of one framework.
    ['Requirement.aiRoles', fixed(AI_ROLES.length)],
    ['AiRoleDeclaration.roles', fixed(AI_ROLES.length)],
    ['AiSystem.roles', fixed(AI_ROLES.length)],
    ['RoleSuggestion.roles', fixed(AI_ROLES.length)],
    ['Query.roleApplicability', fixed(shape.assessablePerFramework)],
    ['Mutation.acceptRoleSuggestions', fixed(shape.assessablePerFramework)],
    // An import's report lists at most this many problems, whatever it was sent.
    ['ControlImportReport.problems', fixed(MAX_REPORTED_PROBLEMS)],
  ]);
  for (const [key, weight] of Object.entries(TENANT_LIST_WEIGHTS)) lists.set(key, fixed(weight));
  return { lists, defaultPage: DEFAULT_PAGE_SIZE, maxPage: MAX_PAGE_SIZE };
}

/**
 * Index h (0 to maxHops): the most walks of at most h edges (either direction, the empty walk included) that end at
 * one requirement and never go straight back along the edge they came by. Crosswalk paths are simple, so they are such
 * walks: this bounds the paths into any requirement. `ends` lists each edge's two requirement indexes.
 */
export function mostPathsInto(requirements: number, ends: ReadonlyArray<readonly [number, number]>, maxHops = MAX_HOPS_LIMIT): number[] {
  return pathCounts(requirements, ends, maxHops).most;
}

/** mostPathsInto's counts: index h, the most into one requirement, and the sum over all requirements. */
export function pathCounts(requirements: number, ends: ReadonlyArray<readonly [number, number]>, maxHops = MAX_HOPS_LIMIT): { most: number[]; all: number[] } {
  // Half-edge 2e reads edge e from ends[e][0] to ends[e][1]; 2e+1 the other way. walks[h] counts walks of h edges
  // that end by crossing half-edge h, so the next step may take any half-edge out of its head except its own reverse.
  const halves = ends.length * 2;
  const head = new Int32Array(halves);
  const tail = new Int32Array(halves);
  ends.forEach(([a, b], e) => {
    tail[2 * e] = a;
    head[2 * e] = b;
    tail[2 * e + 1] = b;
    head[2 * e + 1] = a;
  });
  const into = Array.from({ length: requirements }, () => [] as number[]);
  for (let h = 0; h < halves; h += 1) into[head[h]].push(h);
  const total = new Float64Array(requirements).fill(1);
  const most = [requirements === 0 ? 0 : 1];
  const all = [requirements];
  let walks = new Float64Array(halves).fill(1); // one edge each
  for (let hop = 1; hop <= maxHops; hop += 1) {
    if (hop > 1) {
      const next = new Float64Array(halves);
      for (let h = 0; h < halves; h += 1) {
        // Walks ending by half-edge h extend walks that ended at h's tail by any half-edge but h's reverse.
        for (const before of into[tail[h]]) if (before !== (h ^ 1)) next[h] += walks[before];
      }
      walks = next;
    }
    for (let h = 0; h < halves; h += 1) total[head[h]] += walks[h];
    most.push(requirements === 0 ? 0 : Math.max(...total));
    all.push(total.reduce((a, b) => a + b, 0));
  }
  return { most, all };
}
