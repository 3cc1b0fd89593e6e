import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TenantChangeWatch } from './tenant-change.watch';
import { TenantEntry } from './tenant-entry';
import { TenantStateCache } from './tenant-state.cache';

/**
 * Each organization's tenant state, kept per process between requests (TenantStateCache), and the LISTEN connection
 * that keeps it honest across replicas (TenantChangeWatch). Global: TenantDb drops an organization after each of its
 * writes, and coverage reads through it.
 */
@Global()
@Module({})
export class TenantStateModule {
  /** `maxBytes`: TENANT_STATE_CACHE_MB in bytes; 0 turns the cache off. */
  static forRoot(maxBytes: number): DynamicModule {
    return {
      module: TenantStateModule,
      providers: [{ provide: TenantStateCache, useFactory: () => new TenantStateCache<TenantEntry>({ maxBytes, sizeOf: (entry) => entry.bytes }) }, TenantChangeWatch],
      exports: [TenantStateCache, TenantChangeWatch],
    };
  }
}
