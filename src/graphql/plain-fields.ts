import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import type { RequestScope } from './request-scope';

/** A field resolver as graphql-js calls it, with the request scope as its context. */
export type PlainResolver = GraphQLFieldResolver<any, RequestScope, any>;

/**
 * Installs plain functions as the resolvers of hot fields that take arguments, in place of Nest's wrapper. Nest binds
 * a field method directly only when it has no parameter decorators, and a field with arguments needs @Args to declare
 * them; so these fields keep their decorated method (which declares the field and delegates to the same function) and
 * are served by the function itself, without the pipe chain that would run for each of the hundreds of values a page
 * can hold. The function validates its arguments itself and throws coded errors (formatGraphqlError codes them).
 *
 * `fields` maps "Type.field" to its function; a name the schema does not have is a programming error.
 */
export function withPlainFields(schema: GraphQLSchema, fields: Record<string, PlainResolver>): GraphQLSchema {
  for (const [name, resolve] of Object.entries(fields)) {
    const [typeName, fieldName] = name.split('.');
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    if (!field) throw new Error(`plain field resolver for ${name}, which the schema does not have`);
    field.resolve = resolve;
  }
  return schema;
}
