/**
 * Relation fields go through per-request DataLoaders, so the number of SQL statements a query costs does not grow
 * with the number of rows it returns. Counted with the TypeORM logger the application itself runs with.
 */
import { startTestServer, type TestServer } from '../support/server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
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
