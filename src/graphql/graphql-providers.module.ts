import { Global, Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { QueryCostWeights } from './query-cost-weights';
import { RequestScopeFactory } from './request-scope.factory';

/** What the GraphQL options need from the application: the query cost weights and the request scope factory. */
@Global()
@Module({
  imports: [OrganizationsModule],
  providers: [QueryCostWeights, RequestScopeFactory],
  exports: [QueryCostWeights, RequestScopeFactory],
})
export class GraphqlProvidersModule {}
