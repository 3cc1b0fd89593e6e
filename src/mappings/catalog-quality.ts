/**
 * The quality bars of `mappings/quality.yaml`, checked by `npm run mappings:check`:
 * - coverage: the share of a framework's assessable requirements (optionally only those below one refId) that at
 *   least one relationship touches, in any set and either direction. NOT_RELATED does not count, and a requirement
 *   with a `noMappingReason` counts as accounted for;
 *
 * It also reports, with no bar, the share of containment edges (EQUAL + SUBSET_OF + SUPERSET_OF, the ones that let
 * coverage reach FULL) and the sets made only of INTERSECTS_WITH. There is deliberately no floor on either: a quota
 * on typed edges pushes typing past what the texts support, and precision is the bar (see mappings/README.md).
 */
import { isContainment } from '../graph/relationship';
import type { MappingError, ParsedFile, QualityPolicyDoc } from './mapping-files';
import { frameworkKey, type CatalogFramework, type ValidatedCatalog } from './mapping-files.validator';

export interface CoverageResult {
  framework: string;
  under?: string;
  minimumShare: number;
  assessable: number;
  covered: number;
  excused: number;
  uncovered: string[];
}

export interface QualityReport {
  coverage: CoverageResult[];
  strongShare: number;
  edges: number;
  /** Containment edges that hold only within one management system. */
  conditionalEdges: number;
  intersectsOnlySets: string[];
}

function descendantsOf(framework: CatalogFramework, root: string | undefined): Set<string> | undefined {
  if (root === undefined) return undefined;
  const children = new Map<string, string[]>();
  for (const r of framework.requirements) {
    if (r.parentRefId) children.set(r.parentRefId, [...(children.get(r.parentRefId) ?? []), r.refId]);
  }
  const found = new Set<string>();
  const stack = [root];
  while (stack.length > 0) {
    for (const child of children.get(stack.pop()!) ?? []) {
      if (!found.has(child)) {
        found.add(child);
        stack.push(child);
      }
    }
  }
  return found;
}

export function checkCatalogQuality(
  catalog: ValidatedCatalog,
  policy: ParsedFile<QualityPolicyDoc>,
): { report: QualityReport; errors: MappingError[] } {
  const errors: MappingError[] = [];
  const fail = (path: (string | number)[], message: string, value?: unknown) =>
    errors.push({ file: policy.file, line: policy.lineOf(path), path: `/${path.join('/')}`, message, value });

  const touched = new Map<string, Set<string>>(); // framework key → refIds with a relationship
  const touch = (key: string, refId: string) => touched.set(key, (touched.get(key) ?? new Set()).add(refId));
  let strong = 0;
  let edges = 0;
  let conditionalEdges = 0;
  const intersectsOnlySets: string[] = [];
  for (const set of catalog.mappingSets) {
    const source = frameworkKey(set.sourceCode, set.sourceVersion);
    const target = frameworkKey(set.targetCode, set.targetVersion);
    for (const edge of set.doc.edges) {
      edges += 1;
      if (isContainment(edge.relationship)) strong += 1;
      if (edge.condition !== undefined) conditionalEdges += 1;
      if (edge.relationship === 'NOT_RELATED') continue;
      touch(source, edge.source);
      touch(target, edge.target);
    }
    // NOT_RELATED records what is not there; it does not save a set whose relationships are all INTERSECTS_WITH.
    const related = set.doc.edges.filter((e) => e.relationship !== 'NOT_RELATED');
    if (related.length > 0 && related.every((e) => e.relationship === 'INTERSECTS_WITH')) intersectsOnlySets.push(set.key);
  }

  const doc = policy.doc;
  const coverage: CoverageResult[] = [];
  (doc.coverage ?? []).forEach((rule, i) => {
    const framework = catalog.frameworks.find((f) => frameworkKey(f.code, f.version) === rule.framework);
    if (!framework) return fail(['coverage', i, 'framework'], 'no framework file defines it', rule.framework);
    const scope = descendantsOf(framework, rule.under);
    if (scope && scope.size === 0) return fail(['coverage', i, 'under'], `${rule.framework} has no requirements below it`, rule.under);
    const assessable = framework.requirements.filter((r) => r.assessable && (!scope || scope.has(r.refId)));
    const hit = touched.get(rule.framework) ?? new Set<string>();
    const covered = assessable.filter((r) => hit.has(r.refId));
    const excused = assessable.filter((r) => !hit.has(r.refId) && r.noMappingReason);
    const uncovered = assessable.filter((r) => !hit.has(r.refId) && !r.noMappingReason).map((r) => r.refId);
    const result = { framework: rule.framework, under: rule.under, minimumShare: rule.minimumShare, assessable: assessable.length, covered: covered.length, excused: excused.length, uncovered };
    coverage.push(result);
    const share = assessable.length === 0 ? 1 : (covered.length + excused.length) / assessable.length;
    if (share + 1e-9 < rule.minimumShare) {
      fail(
        ['coverage', i, 'minimumShare'],
        `${rule.framework}${rule.under ? ` below ${rule.under}` : ''}: ${covered.length + excused.length} of ${assessable.length} assessable requirements ` +
          `have a relationship or a noMappingReason (${(share * 100).toFixed(1)}%), under the ${(rule.minimumShare * 100).toFixed(0)}% bar; ` +
          `without one: ${uncovered.slice(0, 20).join(', ')}${uncovered.length > 20 ? ', …' : ''}`,
      );
    }
  });

  const strongShare = edges === 0 ? 0 : strong / edges;
  return { report: { coverage, strongShare, edges, conditionalEdges, intersectsOnlySets }, errors };
}
