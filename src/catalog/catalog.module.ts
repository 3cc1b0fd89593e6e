import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CatalogSnapshots } from './catalog-snapshots';
import { CatalogVersionWatcher } from './catalog-version.watcher';
import { FrameworkResolver } from './framework.resolver';
import { RequirementResolver } from './requirement.resolver';

/**
 * The catalog: the version watcher (one LISTEN connection per process) and the one in-memory snapshot it keeps
 * current. Global: the GraphQL request scope, the public read cache, the query cost weights and the coverage engine
 * all read the same snapshot.
 */
@Global()
@Module({})
export class CatalogModule {
  static forRoot(databaseUrl: string, log?: (message: string) => void): DynamicModule {
    return {
      module: CatalogModule,
      providers: [
        { provide: CatalogVersionWatcher, useFactory: () => new CatalogVersionWatcher(databaseUrl, log) },
        CatalogSnapshots,
        FrameworkResolver,
        RequirementResolver,
      ],
      exports: [CatalogVersionWatcher, CatalogSnapshots],
    };
  }
}
