import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CatalogSnapshots } from '../catalog/catalog-snapshots';
import { TenantChangeWatch } from './tenant-change.watch';
import { TenantEntry } from './tenant-entry';
import { TenantStateCache } from './tenant-state.cache';

/**
 * Each organization's tenant state, kept per process between requests (TenantStateCache), and the LISTEN connection
 * that keeps it honest across replicas (TenantChangeWatch). Global: TenantDb drops an organization after each of its
 * writes, and coverage reads through it. Needs the global CatalogSnapshots (CatalogModule).
 */
@Global()
@Module({})
export class TenantStateModule {
  /** `maxBytes`: TENANT_STATE_CACHE_MB in bytes; 0 turns the cache off. */
  static forRoot(maxBytes: number): DynamicModule {
    return {
      module: TenantStateModule,
      providers: [
        {
          provide: TenantStateCache,
          inject: [CatalogSnapshots],
          useFactory: (catalog: CatalogSnapshots) => {
            const cache = new TenantStateCache<TenantEntry>({ maxBytes, sizeOf: (entry) => entry.bytes });
            // Entries are kept per catalog graph anyway (CoverageService asks with the one it reads); emptying them
            // when a new catalog snapshot is built also lets the old graph go for organizations not asked again.
            catalog.onSnapshot(() => cache.clear());
            return cache;
          },
        },
        TenantChangeWatch,
      ],
      exports: [TenantStateCache, TenantChangeWatch],
    };
  }
}
