import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  astFromValue,
  execute,
  getVariableValues,
  GraphQLError,
  isInputObjectType,
  isInputType,
  isListType,
  isNonNullType,
  typeFromAST,
  valueFromASTUntyped,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLInputType,
  type GraphQLSchema,
  type VariableDefinitionNode,
} from 'graphql';
import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type Result = Awaited<ReturnType<GatewayExecutor>>;

/**
 * An operation is compiled on its second run; its first runs on graphql-js. Compiling costs more than running once
 * (about 2 ms for a page of requirements with crosswalks, 80 ms for a query of 30 aliased pages), so a query sent once,
 * as an attacker varying queries would send them, is never compiled.
 */
export const COMPILE_AT = 2;
/** Documents whose runs and compiled operations are kept, least recently used dropped first. */
export const MAX_DOCUMENTS = 500;

/**
 * graphql-jit's errors as graphql-js's own. graphql-jit makes its errors with a GraphQLError of its own, whose
 * `extensions` is undefined when the error it wraps has none and whose properties cannot be changed, while Apollo's
 * error formatting reads `extensions.code` of every error (graphql-js always sets `extensions`). The copy keeps the
 * message, path, locations and original error (by which formatError codes it), and the original's extensions.
 */
function asGraphqlJsError(error: GraphQLError): GraphQLError {
  const copy = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined, extensions: error.extensions });
  if (error.locations) Object.assign(copy, { locations: error.locations });
  return copy;
}

/**
 * The variables with the default values of input fields they leave out, where the field is non-null. graphql-js fills
 * those in; graphql-jit's own coercion refuses them as "not provided" (it applies defaults of nullable fields only).
 * Defaults are written as a client would send them (an enum by name), since graphql-jit coerces what it is given.
 */
export function withInputDefaults(schema: GraphQLSchema, definitions: readonly VariableDefinitionNode[], variables: Record<string, unknown>): Record<string, unknown> {
  let filled: Record<string, unknown> | undefined;
  for (const definition of definitions) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    if (!type || !isInputType(type) || variables[name] == null) continue;
    const value = fill(type, variables[name]);
    if (value !== variables[name]) (filled ??= { ...variables })[name] = value;
  }
  return filled ?? variables;
}

function fill(type: GraphQLInputType, value: unknown): unknown {
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (value == null) return value;
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return fill(nullable.ofType, value);
    const items = value.map((item) => fill(nullable.ofType, item));
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  if (!isInputObjectType(nullable) || typeof value !== 'object') return value;
  const given = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const field of Object.values(nullable.getFields())) {
    let next: unknown;
    if (given[field.name] === undefined) {
      if (field.defaultValue === undefined || !isNonNullType(field.type)) continue;
      const literal = astFromValue(field.defaultValue, field.type);
      if (!literal) continue;
      next = valueFromASTUntyped(literal);
    } else {
      next = fill(field.type, given[field.name]);
      if (next === given[field.name]) continue;
    }
    (copy ??= { ...given })[field.name] = next;
  }
  return copy ?? value;
}

/**
 * Runs operations with graphql-jit instead of graphql-js: each operation is compiled once into a JavaScript
 * function that walks its selection set directly, then run for every request that sends it. graphql-js interprets the
 * document on every request instead: it collects fields and reads each field's arguments anew for every object of every
 * list, which was most of the CPU a page of requirements with their crosswalks cost (issue 11).
 *
 * The same schema, resolvers and context run either way, and Apollo's pipeline is unchanged around it: parsing,
 * validation, the query cost and every plugin hook run first, and the result's errors are formatted as before.
 *
 * Compiled operations are kept per parsed document (Apollo keeps one per distinct query text in its document store), for
 * the MAX_DOCUMENTS most recently used; an operation is compiled on its COMPILE_AT-th run, and runs on graphql-js
 * before that.
 *
 * Apollo Server 5 takes a custom executor through its `gateway` option only (its migration guide says so for
 * `executor`); `gateway()` is that, for a schema that never changes at run time.
 */
@Injectable()
export class CompiledExecutor {
  private schema: GraphQLSchema | undefined;
  /** Per parsed document and operation name: how often it ran, and its compiled form once it ran COMPILE_AT times. */
  private readonly operations = new LRUCache<DocumentNode, Map<string, { runs: number; compiled?: CompiledQuery | ExecutionResult }>>({ max: MAX_DOCUMENTS });
  /** Operations compiled so far. */
  compilations = 0;

  /** Runs `schema`, the one Apollo serves (GraphQL options' transformSchema), and returns it. */
  use(schema: GraphQLSchema): GraphQLSchema {
    this.schema = schema;
    return schema;
  }

  /** The executor as Apollo Server takes it: a gateway whose schema never changes. */
  gateway(): GatewayInterface {
    const executor: GatewayExecutor = (request) => this.execute(request);
    return {
      load: async () => ({ schema: this.built(), executor }),
      onSchemaLoadOrUpdate: (callback) => {
        // The schema is built from code once; there is no supergraph.
        callback({ apiSchema: this.built(), coreSupergraphSdl: '' });
        return () => undefined;
      },
      stop: async () => undefined,
    };
  }

  private async execute({ document, operationName, operation: definition, context, request }: Parameters<GatewayExecutor>[0]): Promise<Result> {
    const variables = request.variables ?? {};
    const operation = this.compiled(document, operationName);
    // Before its COMPILE_AT-th run, or when graphql-jit cannot compile it, an operation runs on graphql-js.
    if (!operation || !isCompiledQuery(operation)) {
      return (await execute({ schema: this.built(), document, operationName, contextValue: context, variableValues: variables })) as Result;
    }
    // Variables are coerced by graphql-js first, for its errors: they name the variable and carry its AST node, by which
    // Apollo answers them as BAD_USER_INPUT with status 400. (The compiled query coerces them again; that is cheap.)
    const definitions = definition.variableDefinitions ?? [];
    const coerced = getVariableValues(this.built(), definitions, variables);
    if (coerced.errors) return { errors: coerced.errors } as Result;
    const result = await operation.query(undefined, context, withInputDefaults(this.built(), definitions, variables));
    return (result.errors ? { ...result, errors: result.errors.map(asGraphqlJsError) } : result) as Result;
  }

  /** The operation's compiled form, compiled on its COMPILE_AT-th run; undefined before. */
  private compiled(document: DocumentNode, operationName: string | null): CompiledQuery | ExecutionResult | undefined {
    let byName = this.operations.get(document);
    if (!byName) this.operations.set(document, (byName = new Map()));
    const name = operationName ?? '';
    let operation = byName.get(name);
    if (!operation) byName.set(name, (operation = { runs: 0 }));
    if (!operation.compiled && ++operation.runs >= COMPILE_AT) {
      operation.compiled = compileQuery(this.built(), document, operationName ?? undefined);
      this.compilations++;
    }
    return operation.compiled;
  }

  private built(): GraphQLSchema {
    if (!this.schema) throw new Error('the GraphQL schema is not built yet');
    return this.schema;
  }
}
