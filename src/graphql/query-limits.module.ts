import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CatalogVersionWatcher } from '../catalog/catalog-version.watcher';
import { QueryCostWeights } from './query-cost-weights';

/**
 * The catalog version watcher (one LISTEN connection per process) and the query cost weights it keeps current. Global:
 * the public read cache, the GraphQL options and any later catalog snapshot read the same watcher.
 */
@Global()
@Module({})
export class QueryLimitsModule {
  static forRoot(databaseUrl: string, log?: (message: string) => void): DynamicModule {
    return {
      module: QueryLimitsModule,
      providers: [{ provide: CatalogVersionWatcher, useFactory: () => new CatalogVersionWatcher(databaseUrl, log) }, QueryCostWeights],
      exports: [CatalogVersionWatcher, QueryCostWeights],
    };
  }
}
