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
 * The costliest public queries we could build that the default cost limit (50,000) still accepts, each aimed at a
 * different kind of work: the most crosswalks (from the requirement of the largest degree), the most text, the most
 * fields per crosswalk, the most engine work (overlap of every pair over three hops), the most objects per page.
 * Each costs between 80% and 100% of the limit, except the overlap, whose cost is low and whose work is in the engine.
 */
export const COSTLIEST_ACCEPTED: Readonly<Record<string, string>> = {
  'two levels of crosswalks from the busiest requirement, 19 times': aliased(19, crosswalkWalk('SOC2', 'CC3.2', 2)),
  'the largest page of NIST text, 19 times': aliased(19, 'requirements(framework: "NIST-AI-RMF", first: 500) { edges { node { refId title text } } }'),
  'the documented largest page with text and more crosswalk fields, twice': `{ ${['ISO42001', 'SOC2']
    .map((f, i) => `p${i}: requirements(framework: "${f}", first: 500) { edges { node { refId title text crosswalks { relationship strength rationale target { refId title text } } } } }`)
    .join(' ')} }`,
  'the overlap of every framework pair over three hops, 30 times': aliased(30, 'frameworkOverlap(maxHops: 3) { score source { code } target { code } }'),
  'children and their crosswalks on the largest page, 3 frameworks': `{ ${['ISO27701', 'ISO27001', 'ISO42001']
    .map((f, i) => `p${i}: requirements(framework: "${f}", first: 500) { edges { node { refId children { refId title crosswalks { strength target { refId title } } } } } }`)
    .join(' ')} }`,
};

/** The tenant queries that ask the most of a busy organization (controls linked across every framework). */
export const TENANT_COSTLIEST: Readonly<Record<string, string>> = {
  'a gap analysis of ISO27701 over three hops, with every source step and control': `{ gapAnalysis(target: "ISO27701", maxHops: 3) {
    gaps { requirement { refId } status weight controls { id code } sources { source { refId } status weight inferred steps { from { refId } to { refId } relationship } controls { id code } } } } }`,
  'the SOC 2+ scope of three frameworks, with members and their SOC 2 paths': `{ soc2PlusScope(additional: ["ISO27701", "ISO42001", "NIST-AI-RMF"]) {
    itemCount topics { title items { requirement { refId } status members { requirement { refId } equivalent mergedBy { relationship } soc2Sources { steps { relationship from { refId } } } } soc2Sources { steps { relationship from { refId } } } } } } }`,
  'coverage of every framework over three hops, 30 times': aliased(30, 'coverage(maxHops: 3) { framework { code } full partial none excluded score }'),
  'every path into SOC2 CC3.2 over two hops, with steps and controls, 7 times': aliased(7, `requirementCoverage(framework: "SOC2", refId: "CC3.2", maxHops: 2) {
    status paths { source { refId } status weight steps { from { refId } to { refId } relationship } controls { id code } } }`),
  'every path into SOC2 CC3.2 over three hops, with their sources': `{ requirementCoverage(framework: "SOC2", refId: "CC3.2", maxHops: 3) { status paths { source { refId } status weight inferred } } }`,
  'the largest statement of applicability page with controls and their links': `{ statementOfApplicability(framework: "ISO27701", first: 500) {
    edges { node { requirement { refId title } applicable justification setAt status weight controls { coverage control { id code status } } } } } }`,
  'a page of 100 controls with every link': '{ controls(first: 100) { edges { node { code links { coverage requirement { refId title framework { code } } } } } } }',
};

type Gql = (query: string, variables?: Record<string, unknown>) => Promise<{ data?: any; errors?: unknown[] | undefined }>;

/**
 * Makes the key's organization busy: 40 IMPLEMENTED controls, each linked FULL to 8 requirements spread over every
 * framework (the busiest requirements first), so that coverage, gaps and paths have much to say, and gaps remain.
 */
export async function seedBusyOrganization(gql: Gql): Promise<void> {
  const refs: Array<{ framework: string; refId: string }> = [{ framework: 'SOC2', refId: 'CC3.2' }, { framework: 'ISO42001', refId: 'A.6.2.6' }];
  for (const framework of ['ISO27001', 'ISO27701', 'ISO42001', 'SOC2', 'NIST-AI-RMF', 'ISO9001']) {
    const page = await gql(`{ requirements(framework: "${framework}", first: 500, filter: { assessable: true }) { edges { node { refId } } } }`);
    for (const edge of page.data.requirements.edges) refs.push({ framework, refId: edge.node.refId });
  }
  for (let c = 0; c < 40; c += 1) {
    const created = await gql('mutation($code: String!) { createControl(input: { code: $code, title: "Busy control", status: IMPLEMENTED }) { id } }', { code: `BC-${c}` });
    if (created.errors) throw new Error(`createControl: ${JSON.stringify(created.errors)}`);
    for (let l = 0; l < 8; l += 1) {
      // The two busiest first, then every 7th requirement across all frameworks: gaps remain in each.
      const n = c * 8 + l;
      const ref = n < 2 ? refs[n] : refs[(n * 7) % refs.length];
      const linked = await gql('mutation($c: ID!, $f: String!, $r: String!) { linkControl(controlId: $c, framework: $f, refId: $r, coverage: FULL) { coverage } }', {
        c: created.data.createControl.id,
        f: ref.framework,
        r: ref.refId,
      });
      if (linked.errors) throw new Error(`linkControl: ${JSON.stringify(linked.errors)}`);
    }
  }
}
