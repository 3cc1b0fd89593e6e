/**
 * Queries an attacker or a careless client would send, shared by the limits benchmark (bench/limits.bench.ts) and
 * the e2e test that holds the limits (test/e2e/query-cost.e2e.spec.ts).
 */

/** Walks `depth` levels of crosswalks from one requirement, asking `leaf` at the end. */
export function crosswalkWalk(framework: string, refId: string, depth: number, leaf = '{ refId title }'): string {
  return `requirement(framework: "${framework}", refId: "${refId}") ${'{ crosswalks { target '.repeat(depth)}${leaf}${' } }'.repeat(depth)}`;
}

/** `count` aliases of one root field. */
export function aliased(count: number, field: string): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
}

/** The query that ran 73 s and answered 14 MB before the query cost weighed lists: six levels from SOC2 CC3.2. */
export const SIX_DEEP = `{ ${crosswalkWalk('SOC2', 'CC3.2', 6)} }`;

/** Its 17-alias form, which fitted under the old cost limit (201 s, the event loop blocked). */
export const SIX_DEEP_17_ALIASES = aliased(17, crosswalkWalk('SOC2', 'CC3.2', 6));

/** The page docs/api.md documents as the largest: a GRC tool syncing the catalog asks exactly this. */
export const DOCUMENTED_LARGEST_PAGE =
  'query($framework: String!) { requirements(framework: $framework, first: 500) { edges { node { refId crosswalks { relationship strength target { refId title } } } } } }';

/**
 * The costliest queries we could build that the default cost limit (25,000) still accepts, each aimed at a different
 * kind of work: the most crosswalks (from the requirement of the largest degree), the most text, the most engine work
 * (overlap over all frameworks with the longest paths), the most objects per page.
 */
export const COSTLIEST_ACCEPTED: Readonly<Record<string, string>> = {
  'two levels of crosswalks from the busiest requirement, 9 times': aliased(9, crosswalkWalk('SOC2', 'CC3.2', 2)),
  'the largest page of NIST text, 9 times': aliased(9, 'requirements(framework: "NIST-AI-RMF", first: 500) { edges { node { refId title text } } }'),
  'the documented largest page with text and more crosswalk fields': `{ requirements(framework: "ISO42001", first: 500) { edges { node { refId title text crosswalks { relationship strength rationale target { refId title text } } } } } }`,
  'the overlap of every framework pair over three hops, 30 times': aliased(30, 'frameworkOverlap(maxHops: 3) { score source { code } target { code } }'),
  'children and their crosswalks on the largest page': '{ requirements(framework: "ISO27701", first: 500) { edges { node { refId children { refId title crosswalks { strength target { refId title } } } } } } }',
};
