import { Global, Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { CompiledExecutor } from './compiled-executor';
import { QueryCostWeights } from './query-cost-weights';
import { RequestScopeFactory } from './request-scope.factory';

/** What the GraphQL options need from the application: the query cost weights, the request scope factory and the executor. */
@Global()
@Module({
  imports: [OrganizationsModule],
  providers: [QueryCostWeights, RequestScopeFactory, CompiledExecutor],
  exports: [QueryCostWeights, RequestScopeFactory, CompiledExecutor],
})
export class GraphqlProvidersModule {}
