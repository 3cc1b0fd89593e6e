/**
 * Relation fields go through per-request DataLoaders, so the number of SQL statements a query costs does not grow
 * with the number of rows it returns. Counted with the TypeORM logger the application itself runs with.
 */
import { startTestServer, type TestServer } from '../support/server';

let t: TestServer;
beforeAll(async () => {
  // This suite counts what executing a query costs; the public read cache would answer a repeat without any SQL.
  t = await startTestServer({ env: { CATALOG_CACHE_ENTRIES: '0' } });
});
afterAll(() => t.close());

const QUERY = `query($first: Int) {
  requirements(framework: "ISO27001", first: $first) {
    totalCount
    edges { node {
      refId framework { code version }
      parent { refId framework { code } }
      children { refId }
      crosswalks { relationship strength reversed
        source { refId framework { code } }
        target { refId framework { code version } parent { refId } }
        mappingSet { key source { code } target { code } edgeCount } }
    } }
  }
}`;

async function statementsFor(first: number): Promise<{ statements: number; rows: number; crosswalks: number }> {
  t.server.queryCounter.reset();
  const res = await t.gql(QUERY, { first });
  expect(res.errors).toBeUndefined();
  const edges = res.data!.requirements.edges;
  return {
    statements: t.server.queryCounter.statements,
    rows: edges.length,
    crosswalks: edges.reduce((n: number, e: any) => n + e.node.crosswalks.length, 0),
  };
}

it('a query for 100 requirements with crosswalks and frameworks costs the same few statements as one for 5', async () => {
  const small = await statementsFor(5);
  const large = await statementsFor(100);
  expect(large.rows).toBe(100);
  expect(large.crosswalks).toBeGreaterThanOrEqual(25); // the clause edges of ISO 27001 → 42001 are on the first page
  expect(small.rows).toBe(5);
  expect(large.statements).toBe(small.statements);
  expect(large.statements).toBeLessThanOrEqual(12);
  console.log(`statements for 100 requirements with crosswalks: ${large.statements} (for 5: ${small.statements})`);
});

it('a fresh request does not reuse the previous request\'s loaders', async () => {
  const once = await statementsFor(100);
  const again = await statementsFor(100);
  expect(again.statements).toBe(once.statements);
});

describe('tenant queries', () => {
  const COVERAGE = `{ coverage(frameworks: ["ISO27001", "ISO42001", "SOC2"]) { framework { code } full partial none score }
    controls(first: 100) { totalCount edges { node { code links { coverage requirement { refId framework { code } } control { code } } } } }
    gapAnalysis(target: "ISO42001") { gaps { requirement { refId framework { code } } sources { source { refId } steps { from { refId } to { refId } mappingSet { key } } } } } }`;

  async function statementsWithControls(n: number): Promise<number> {
    const { adminKey } = await t.createOrganization(`Org with ${n} controls`);
    const refIds = ['4.1', '5.1', '6.1.2', '7.2', '7.5.1', '9.2.1', '10.2', 'A.5.1', 'A.5.15', 'A.8.7', 'A.8.15', 'A.8.16'];
    for (let i = 0; i < n; i += 1) {
      const created = await t.gql(`mutation($c: String!) { createControl(input: { code: $c, title: $c, status: IMPLEMENTED }) { id } }`, { c: `C-${i}` }, adminKey);
      await t.gql(`mutation($id: ID!, $r: String!) { linkControl(controlId: $id, framework: "ISO27001", refId: $r) { coverage } }`, { id: created.data!.createControl.id, r: refIds[i % refIds.length] }, adminKey);
    }
    await t.gql(COVERAGE, {}, adminKey); // warm the in-memory catalog graph
    t.server.queryCounter.reset();
    const res = await t.gql(COVERAGE, {}, adminKey);
    expect(res.errors).toBeUndefined();
    expect(res.data!.controls.totalCount).toBe(n);
    return t.server.queryCounter.statements;
  }

  it('coverage, controls with links and a gap analysis cost a bounded number of statements, not one per control', async () => {
    const few = await statementsWithControls(3);
    const many = await statementsWithControls(24);
    // Loaders dispatch on the next event-loop turn (BATCH_OPTIONS), so counts are stable; a load that lands after a
    // database reply could in principle take one more batch. What must not happen is growth with the number of
    // controls, links or gaps: one statement per row would add dozens here.
    expect(Math.abs(many - few)).toBeLessThanOrEqual(1);
    // Each tenant read runs in its own row-level-security transaction (BEGIN, one set_config for the role and the organization, COMMIT).
    expect(many).toBeLessThanOrEqual(50);
    console.log(`statements for coverage + 24 controls with links + a gap analysis: ${many} (3 controls: ${few})`);
  });
});
