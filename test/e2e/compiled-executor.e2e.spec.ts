/**
 * The service runs operations compiled by graphql-jit (src/graphql/compiled-executor.ts), handed to Apollo through an
 * option Nest's driver config does not declare: this proves it arrives, and that what graphql-jit does differently
 * from graphql-js does not reach clients (input defaults left out of a variable, variable errors).
 */
import { CompiledExecutor } from '../../src/graphql/compiled-executor';
import { startTestServer, type TestServer } from '../support/server';

let t: TestServer;
let key: string;
beforeAll(async () => {
  // No public read cache: every request here must execute.
  t = await startTestServer({ env: { CATALOG_CACHE_ENTRIES: '0' } });
  key = (await t.createOrganization('Compiled')).adminKey;
});
afterAll(() => t.close());

/** Sends a request twice, so that the second runs compiled; both answers must be the same. */
async function twice(query: string, variables: Record<string, unknown>, key?: string) {
  const first = await t.gql(query, variables, key);
  const second = await t.gql(query, variables, key);
  expect(second).toEqual(first);
  return second;
}

it('compiles an operation on its second run, once, and answers the same as graphql-js', async () => {
  const executor = t.server.app.get(CompiledExecutor);
  const before = executor.compilations;
  const query = `query($n: Int!) { requirements(framework: "ISO27001", first: $n) { edges { node { refId crosswalks { target { refId } } } } } }`;
  const answer = await twice(query, { n: 3 });
  expect(answer.errors).toBeUndefined();
  expect((answer.data as any).requirements.edges).toHaveLength(3);
  expect(executor.compilations).toBe(before + 1);
  expect((await t.gql(query, { n: 2 })).data?.requirements.edges).toHaveLength(2);
  expect(executor.compilations).toBe(before + 1);
});

it('applies the default of an input field a variable leaves out (createControl without status is PLANNED)', async () => {
  const create = `mutation($input: CreateControlInput!) { createControl(input: $input) { code status } }`;
  for (const code of ['CE-1', 'CE-2']) {
    const res = await t.gql(create, { input: { code, title: 'Compiled' } }, key);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ createControl: { code, status: 'PLANNED' } });
  }
});

it("refuses a wrongly typed variable with graphql-js's BAD_USER_INPUT and status 400, and a bad date with the field's own message", async () => {
  const wrongType = await twice(`mutation($input: CreateControlInput!) { createControl(input: $input) { code } }`, { input: { code: 'CE-3', title: 'x', status: 'SOMEDAY' } }, key);
  expect(wrongType.status).toBe(400);
  expect(wrongType.errors![0]).toMatchObject({ message: expect.stringMatching(/^Variable "\$input" got invalid value "SOMEDAY" at "input.status"; Value "SOMEDAY" does not exist in "ControlStatus" enum/), extensions: { code: 'BAD_USER_INPUT' } });
  const badDate = await twice(`mutation($at: DateTime) { createApiKey(role: AUDITOR, name: "x", expiresAt: $at) { id } }`, { at: 'tomorrow' }, key);
  expect(badDate.errors![0]).toMatchObject({ message: expect.stringMatching(/^expiresAt: must be an ISO-8601 date-time/), extensions: { code: 'BAD_USER_INPUT', field: 'expiresAt' } });
  const codes = await t.gql(`{ controls(first: 10) { edges { node { code } } } }`, {}, key);
  expect((codes.data as any).controls.edges.map((e: any) => e.node.code)).toEqual(['CE-1', 'CE-2']);
});
