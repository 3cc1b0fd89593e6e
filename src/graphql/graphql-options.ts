import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config';
import { formatGraphqlError } from '../common/errors/format-graphql-error';
import type { RequestScope } from './request-scope';
import type { RequestScopeFactory } from './request-scope.factory';
import { clientErrorStatusPlugin } from './http-status.plugin';
import { publicReadCachePlugin } from './public-read-cache';
import { budgetResolvers, executionBudgetPlugin, type ExecutionLimits } from './execution-budget.plugin';
import type { QueryCostWeights } from './query-cost-weights';
import { queryCostPlugin } from './query-cost.plugin';
import { DateTimeScalar } from '../common/models/date-time.scalar';
import { requirementCrosswalks } from '../catalog/requirement.resolver';
import { withPlainFields } from './plain-fields';
import type { GraphQLSchema } from 'graphql';
import type { CompiledExecutor } from './compiled-executor';

/**
 * Limits on what one request may ask, checked before execution: tokens by the parser, then depth, aliases and
 * directives by GraphQL Armor's validation rules, then the query cost (query-cost.plugin.ts, QUERY_MAX_COST) once the
 * operation and its variables are known. They sit well above what the API's own queries need (the deepest, a gap
 * analysis with its paths, is 7 levels) and far below what an abusive query needs. Introspection is exempt from depth
 * and cost. During execution, the execution budget (execution-budget.plugin.ts) bounds time and answer size.
 */
export const QUERY_LIMITS = { maxDepth: 15, maxAliases: 30, maxDirectives: 20, maxTokens: 3000 };

/**
 * Apollo settings. The schema is generated from code; `npm run schema:generate` writes it to schema.gql.
 *
 * `gateway` is how Apollo Server 5 takes a custom executor (compiled-executor.ts). Nest's ApolloDriverConfig leaves it
 * out of its type, but its driver passes every option on to `new ApolloServer`; the compiled-executor e2e test proves
 * it arrives.
 */
export function graphqlOptions(
  config: AppConfig,
  scopes: RequestScopeFactory,
  weights: QueryCostWeights,
  executor: CompiledExecutor,
): Omit<ApolloDriverConfig, 'driver'> & Pick<ApolloServerOptionsWithGateway<RequestScope>, 'gateway'> {
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    // Tokens are limited by graphql-js's own parser (parseOptions below), which fails as GRAPHQL_PARSE_FAILED (400).
    maxTokens: { enabled: false },
    // Armor's cost counts a list without `first` as one item; ours (query-cost.plugin.ts) weighs it from the catalog.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: config.production && !config.introspection },
  }).protect();
  const limits: ExecutionLimits = { maxMs: config.queryTimeLimitMs, maxBytes: config.responseSizeLimitBytes };
  return {
    // Apollo's cache-control plugin wraps every field resolver to collect hints; the schema sets none (public reads
    // are cached whole, by publicReadCachePlugin), so it would only cost time.
    plugins: [
      ...armor.plugins,
      queryCostPlugin(() => weights.weights, config.queryMaxCost),
      executionBudgetPlugin,
      clientErrorStatusPlugin,
      publicReadCachePlugin,
      ApolloServerPluginCacheControlDisabled(),
    ],
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    validationRules: armor.validationRules,
    allowBatchedHttpRequests: false,
    path: '/graphql',
    autoSchemaFile: true,
    // DateTime read strictly as ISO-8601 (src/common/models/date-time.scalar.ts), for every Date field and argument.
    buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
    sortSchema: true,
    introspection: config.introspection,
    // Browsers get GraphiQL bundled from npm (src/web/web-app.ts), never Nest's page that loads it from a CDN.
    graphiql: false,
    csrfPrevention: true,
    // No guards or filters on @ResolveField methods (no field needs one; a field's errors are coded by formatError):
    // so Nest binds a field method without parameter decorators directly, with no per-field pipeline.
    includeStacktraceInErrorResponses: !config.production,
    formatError: formatGraphqlError(config.production),
    // Hot fields with arguments are served by plain functions (plain-fields.ts); then every field checks the request's
    // execution budget (execution-budget.plugin.ts).
    transformSchema: (schema: GraphQLSchema) => executor.use(budgetResolvers(withPlainFields(schema, { 'Requirement.crosswalks': requirementCrosswalks }))),
    // Operations run compiled by graphql-jit (compiled-executor.ts), over the schema built here.
    gateway: executor.gateway(),
    // @as-integrations/fastify passes Fastify's request itself.
    context: (req: FastifyRequest): Promise<RequestScope> => scopes.create(req, limits),
  };
}
