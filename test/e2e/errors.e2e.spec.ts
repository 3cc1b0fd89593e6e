/**
 * Errors in production mode: every error has extensions.code, and an unexpected failure reaches the client as a bare
 * INTERNAL_SERVER_ERROR, with no stack trace and no SQL text. The failure here is real: a table is dropped under the
 * running server, and a field resolver (which runs without Nest's exception filter) reads it.
 */
import { startTestServer, type TestServer } from '../support/server';

describe.each([
  ['production', { NODE_ENV: 'production' }],
  ['development', { NODE_ENV: 'development' }],
])('in %s mode', (mode, env) => {
  let t: TestServer;
  let key: string;
  beforeAll(async () => {
    t = await startTestServer({ env });
    key = (await t.createOrganization('Errors')).adminKey;
    await t.gql('mutation { createControl(input: { code: "C-1", title: "A control" }) { id } }', {}, key);
    await t.db.query('DROP TABLE control_link CASCADE');
  });
  afterAll(() => t.close());

  it('an unexpected database failure is INTERNAL_SERVER_ERROR', async () => {
    const res = await t.gql(`{ controls(first: 5) { edges { node { code links { coverage } } } } }`, {}, key);
    expect(res.status).toBe(200);
    expect(res.errors).toHaveLength(1);
    const [error] = res.errors!;
    expect(error.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.path).toEqual(['controls', 'edges', 0, 'node', 'links']);
    const text = JSON.stringify(res);
    expect(text).not.toMatch(/control_link|SELECT|relation .* does not exist/i);
    if (mode === 'production') {
      expect(error.message).toBe('Internal server error');
      expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
      expect(text).not.toMatch(/\.ts:|\.js:|node_modules|at /);
    }
  });

  it('user errors keep their code and message, and never a stack trace', async () => {
    const res = await t.gql(`{ requirements(framework: "ISO27001", first: 1000) { totalCount } }`);
    expect(res.errors![0]).toMatchObject({ message: expect.stringMatching(/^first: /), extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
    expect(res.errors![0].extensions.stacktrace).toBeUndefined();
  });

  it('a syntax error and an unknown field carry GraphQL codes', async () => {
    const syntax = await t.gql(`{ frameworks { code `);
    expect(syntax.errors![0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    const unknown = await t.gql(`{ frameworks { secret } }`);
    expect(unknown.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(unknown.errors![0].extensions.stacktrace).toBeUndefined();
  });
});
