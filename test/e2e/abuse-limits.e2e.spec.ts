/**
 * Query limits and the body limit, over HTTP: abusive requests are refused before execution, quickly, with a 4xx and
 * a coded JSON error; ordinary queries are untouched.
 */
import { QUERY_LIMITS } from '../../src/graphql/graphql-options';
import { startTestServer, type TestServer } from '../support/server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ env: { NODE_ENV: 'production' } });
});
afterAll(() => t.close());

async function post(body: string) {
  const started = performance.now();
  const response = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  return { status: response.status, ms: performance.now() - started, json: JSON.parse(text), text };
}

const nested = (depth: number) => `{ requirements(framework: "ISO27001") { edges { node ${'{ parent '.repeat(depth)}{ refId }${' }'.repeat(depth)} } } }`;

it.each([
  ['a 1,000-deep query', JSON.stringify({ query: nested(1000) }), 400, 'GRAPHQL_PARSE_FAILED'],
  ['a query 16 levels deep', JSON.stringify({ query: nested(QUERY_LIMITS.maxDepth) }), 400, 'GRAPHQL_VALIDATION_FAILED'],
  ['10,000 aliases', JSON.stringify({ query: `{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: __typename`).join(' ')} }` }), 413, 'BAD_USER_INPUT'],
  ['100 aliases', JSON.stringify({ query: `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: frameworks { code }`).join(' ')} }` }), 400, 'GRAPHQL_VALIDATION_FAILED'],
  ['a body that is not JSON', '{"query": ', 400, 'BAD_USER_INPUT'],
])('refuses %s before execution, within milliseconds, with a coded error', async (_name, body, status, code) => {
  const res = await post(body);
  expect(res.status).toBe(status);
  expect(res.json.errors[0].extensions.code).toBe(code);
  expect(res.json.data ?? null).toBeNull();
  expect(res.ms).toBeLessThan(500);
  expect(res.text).not.toMatch(/at .*\.(js|ts):|node_modules|<html/i);
});

it('leaves ordinary queries alone, including the deepest the API itself needs', async () => {
  const res = await post(JSON.stringify({ query: `{ requirements(framework: "ISO42001", first: 5) { edges { node { crosswalks { mappingSet { source { code } } target { parent { framework { code } } } } } } } }` }));
  expect(res.status).toBe(200);
  expect(res.json.errors).toBeUndefined();
});

it('keeps Apollo CSRF prevention on: a simple GET without a preflight-forcing header is refused', async () => {
  const response = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ frameworks { code } }')}`);
  expect(response.status).toBe(400);
  expect(await response.text()).toMatch(/CSRF|preflight/i);
});

describe('rate limiting per API key', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
  });
  afterAll(() => limited.close());

  it('allows 5 operations a minute per key, then refuses with a coded error and a retry hint, per key', async () => {
    const a = (await limited.createOrganization('A')).adminKey;
    const b = (await limited.createOrganization('B')).adminKey;
    const answers = [];
    for (let i = 0; i < 7; i += 1) answers.push(await limited.gql('{ me { role } }', {}, a));
    expect(answers.slice(0, 5).every((r) => r.errors === undefined)).toBe(true);
    const refused = answers[5].errors![0];
    expect(refused.extensions).toMatchObject({ code: 'FORBIDDEN', retryAfterSeconds: expect.any(Number) });
    expect(refused.message).toMatch(/^rate limit: at most 5 operations per 60 s for this key; retry in \d+ s$/);
    expect(answers[6].errors![0].extensions.code).toBe('FORBIDDEN');
    // Another key has its own budget, and health checks are never limited.
    expect((await limited.gql('{ me { role } }', {}, b)).errors).toBeUndefined();
    for (let i = 0; i < 10; i += 1) expect((await fetch(`${limited.url}/health/live`)).status).toBe(200);
  });
});

describe('introspection is configurable', () => {
  let closed: TestServer;
  beforeAll(async () => {
    closed = await startTestServer({ env: { GRAPHQL_INTROSPECTION: 'false', NODE_ENV: 'production' } });
  });
  afterAll(() => closed.close());

  it('is on by default, and off with GRAPHQL_INTROSPECTION=false while ordinary queries still work', async () => {
    expect((await t.gql(`{ __schema { queryType { name } } }`)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const refused = await closed.gql(`{ __schema { queryType { name } } }`);
    expect(refused.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(refused.errors?.[0].message).toMatch(/introspection/i);
    expect((await closed.gql(`{ frameworks { code } }`)).errors).toBeUndefined();
  });
});
