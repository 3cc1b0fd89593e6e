import { ApolloServer } from '@apollo/server';
import { buildSchema, GraphQLError, parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { CompiledExecutor, withInputDefaults } from './compiled-executor';

const SDL = `
  enum Status { PLANNED DONE }
  input Item { name: String! status: Status! = PLANNED note: String = "none" tags: [String!]! = [] }
  input Batch { items: [Item!]! owner: Item }
  type Query {
    echo(item: Item!): String!
    echoAll(batch: Batch!): String!
    fails: String
    coded: String
    count(n: Int!): Int!
  }
`;

function schemaWith(resolvers: Record<string, (args: any) => unknown>): GraphQLSchema {
  const schema = buildSchema(SDL);
  for (const [name, resolve] of Object.entries(resolvers)) schema.getQueryType()!.getFields()[name].resolve = (_root, args) => resolve(args);
  return schema;
}

const definitions = (source: string) => (parse(source).definitions[0] as OperationDefinitionNode).variableDefinitions ?? [];

describe('withInputDefaults', () => {
  const schema = buildSchema(SDL);

  it('fills in the defaults of non-null input fields a variable leaves out, written as a client sends them', () => {
    const defs = definitions('query($item: Item!) { echo(item: $item) }');
    expect(withInputDefaults(schema, defs, { item: { name: 'a' } })).toEqual({ item: { name: 'a', status: 'PLANNED', tags: [] } });
  });

  it('reaches into lists and nested inputs, and keeps what the client gave', () => {
    const defs = definitions('query($batch: Batch!) { echoAll(batch: $batch) }');
    const filled = withInputDefaults(schema, defs, { batch: { items: [{ name: 'a' }, { name: 'b', status: 'DONE' }], owner: { name: 'c', tags: ['x'] } } });
    expect(filled).toEqual({
      batch: { items: [{ name: 'a', status: 'PLANNED', tags: [] }, { name: 'b', status: 'DONE', tags: [] }], owner: { name: 'c', status: 'PLANNED', tags: ['x'] } },
    });
  });

  it('returns the very same object when nothing is missing, and never changes the one it was given', () => {
    const defs = definitions('query($item: Item!, $n: Int!) { echo(item: $item) count(n: $n) }');
    const complete = { item: { name: 'a', status: 'DONE', tags: [] }, n: 1 };
    expect(withInputDefaults(schema, defs, complete)).toBe(complete);
    const partial = { item: { name: 'a' }, n: 1 };
    withInputDefaults(schema, defs, partial);
    expect(partial).toEqual({ item: { name: 'a' }, n: 1 });
  });
});

describe('CompiledExecutor under Apollo Server', () => {
  let server: ApolloServer;
  const executor = new CompiledExecutor();

  beforeAll(async () => {
    executor.use(
      schemaWith({
        echo: ({ item }) => `${item.name}:${item.status}:${item.note}:${item.tags.length}`,
        echoAll: ({ batch }) => batch.items.map((item: { status: string }) => item.status).join(','),
        fails: () => {
          throw new Error('plain failure');
        },
        coded: () => {
          throw new GraphQLError('coded failure', { extensions: { code: 'NOT_FOUND', field: 'coded' } });
        },
        count: ({ n }) => n,
      }),
    );
    // The schema reaches Apollo through the gateway, as in the service (where Nest passes both; the gateway wins).
    server = new ApolloServer({ gateway: executor.gateway(), includeStacktraceInErrorResponses: false });
    await server.start();
  });
  afterAll(() => server.stop());

  const run = async (query: string, variables?: Record<string, unknown>) => {
    const response = await server.executeOperation({ query, variables });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { status: response.http.status, ...response.body.singleResult };
  };

  /** Runs a query twice: on graphql-js, then compiled. The two answers must be the same. */
  const both = async (query: string, variables?: Record<string, unknown>) => {
    const before = executor.compilations;
    const interpreted = await run(query, variables);
    expect(executor.compilations).toBe(before);
    const compiled = await run(query, variables);
    expect(executor.compilations).toBe(before + 1);
    expect(compiled).toEqual(interpreted);
    return compiled;
  };

  it('runs an operation on graphql-js first, compiles it on its second run, and never again', async () => {
    const query = 'query($item: Item!) { echo(item: $item) }';
    expect((await both(query, { item: { name: 'a' } })).data).toEqual({ echo: 'a:PLANNED:none:0' });
    const compilations = executor.compilations;
    expect((await run(query, { item: { name: 'b', status: 'DONE', tags: ['t'] } })).data).toEqual({ echo: 'b:DONE:none:1' });
    expect(executor.compilations).toBe(compilations);
  });

  it('applies input defaults inside lists of a variable', async () => {
    const result = await both('query($batch: Batch!) { echoAll(batch: $batch) }', { batch: { items: [{ name: 'a' }, { name: 'b', status: 'DONE' }] } });
    expect(result.data).toEqual({ echoAll: 'PLANNED,DONE' });
  });

  it("answers a variable of the wrong type as graphql-js does: BAD_USER_INPUT, status 400, naming the variable", async () => {
    const result = await both('query($n: Int!) { count(n: $n) }', { n: 'ten' });
    expect(result.status).toBe(400);
    expect(result.errors?.[0].message).toMatch(/^Variable "\$n" got invalid value "ten"; Int cannot represent non-integer value/);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].locations).toEqual([{ line: 1, column: 7 }]);
  });

  it("gives a resolver's error a code, its path and location, and keeps a coded error's extensions", async () => {
    const result = await both('{ fails coded count(n: 2) }');
    expect(result.data).toEqual({ fails: null, coded: null, count: 2 });
    expect(result.errors).toEqual([
      { message: 'plain failure', path: ['fails'], locations: [{ line: 1, column: 3 }], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      { message: 'coded failure', path: ['coded'], locations: [{ line: 1, column: 9 }], extensions: { code: 'NOT_FOUND', field: 'coded' } },
    ]);
  });
});
