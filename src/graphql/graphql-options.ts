import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { Request } from 'express';
import type { AppConfig } from '../config/app-config';
import { formatGraphqlError } from '../common/errors/format-graphql-error';
import type { GraphqlContext } from './graphql-context';
import type { LoadersFactory } from './loaders.factory';

/** Apollo settings. The schema is generated from code; `npm run schema:generate` writes it to schema.gql. */
export function graphqlOptions(config: AppConfig, loaders: LoadersFactory): Omit<ApolloDriverConfig, 'driver'> {
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    introspection: config.introspection,
    csrfPrevention: true,
    // Without this, @ResolveField methods skip the exception filter and the tenant guard.
    fieldResolverEnhancers: ['guards', 'filters'],
    includeStacktraceInErrorResponses: !config.production,
    formatError: formatGraphqlError(config.production),
    context: ({ req }: { req: Request }): GraphqlContext => ({ req, loaders: loaders.create() }),
  };
}
