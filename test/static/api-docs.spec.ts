/**
 * docs/api.md is the users' contract: every query and mutation of schema.gql has an example there (a graphql code
 * block that selects it; a mutation's inside a `mutation` block), and the README points to it, not to a file users
 * do not have. A new operation without an example fails here.
 */
import * as fs from 'node:fs';
import { buildSchema, Kind, parse } from 'graphql';

const schema = buildSchema(fs.readFileSync('schema.gql', 'utf8'));
const guide = fs.readFileSync('docs/api.md', 'utf8');
const blocks = [...guide.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);

/** The root fields the guide's examples select, per operation type; every example must parse. */
const examples = { query: new Set<string>(), mutation: new Set<string>() };
for (const block of blocks) {
  for (const definition of parse(block).definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION || definition.operation === 'subscription') continue;
    for (const selection of definition.selectionSet.selections) if (selection.kind === Kind.FIELD) examples[definition.operation].add(selection.name.value);
  }
}

const queries = Object.keys(schema.getQueryType()!.getFields());
const mutations = Object.keys(schema.getMutationType()?.getFields() ?? {});

it('reads the operations from schema.gql', () => {
  expect(queries).toEqual(expect.arrayContaining(['frameworks', 'coverage', 'frameworkOverlap']));
  expect(mutations).toEqual(expect.arrayContaining(['createControl', 'setScope']));
});

it.each(queries)('has an example of the query %s', (field) => {
  expect(examples.query.has(field)).toBe(true);
});

it.each(mutations)('has an example of the mutation %s', (field) => {
  expect(examples.mutation.has(field)).toBe(true);
});

it('is what the README points users to', () => {
  const readme = fs.readFileSync('README.md', 'utf8');
  expect(readme).not.toMatch(/\.\.\/shared\//);
  expect(readme).toContain('(docs/api.md)');
});
