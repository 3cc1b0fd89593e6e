/** The committed schema.gql is the schema the server serves, and every part of it is described. */
import * as fs from 'node:fs';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { type GraphQLSchema, isEnumType, isInputObjectType, isIntrospectionType, isObjectType, isScalarType } from 'graphql';
import { printApiSchema } from '../../src/schema/schema-printer';
import { startTestServer, type TestServer } from '../support/server';

let t: TestServer;
let schema: GraphQLSchema;
beforeAll(async () => {
  t = await startTestServer();
  schema = t.server.app.get(GraphQLSchemaHost).schema;
});
afterAll(() => t.close());

it('schema.gql is up to date (npm run schema:generate)', () => {
  expect(fs.readFileSync('schema.gql', 'utf8')).toBe(printApiSchema(schema));
});

it('every type, field, argument and enum value has a description', () => {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || (isScalarType(type) && ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name))) continue;
    if (['Query', 'Mutation'].includes(type.name) === false && !type.description) missing.push(type.name);
    if (isObjectType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
  }
  expect(missing).toEqual([]);
});

it('introspection answers, as GRC tools generating clients need', async () => {
  const res = await t.gql(`{ __schema { queryType { fields { name } } } }`);
  expect(res.data!.__schema.queryType.fields.map((f: any) => f.name)).toEqual(
    expect.arrayContaining(['frameworks', 'framework', 'requirement', 'requirements', 'mappingSets']),
  );
});
