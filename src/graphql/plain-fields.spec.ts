import { buildSchema, graphqlSync } from 'graphql';
import { withPlainFields } from './plain-fields';

it('serves a field by its plain function, with graphql-js arguments and context', () => {
  const schema = withPlainFields(buildSchema('type Query { greet(name: String = "you"): String }'), {
    'Query.greet': (_source, args: { name: string }, ctx) => `hello ${args.name} from ${(ctx as unknown as { who: string }).who}`,
  });
  expect(graphqlSync({ schema, source: '{ a: greet b: greet(name: "Ann") }', contextValue: { who: 'the scope' } }).data).toEqual({
    a: 'hello you from the scope',
    b: 'hello Ann from the scope',
  });
});

it('refuses a field the schema does not have, rather than serve nothing', () => {
  expect(() => withPlainFields(buildSchema('type Query { a: String }'), { 'Query.b': () => 'x' })).toThrow(/Query\.b, which the schema does not have/);
  expect(() => withPlainFields(buildSchema('type Query { a: String }'), { 'Nope.a': () => 'x' })).toThrow(/Nope\.a/);
});
