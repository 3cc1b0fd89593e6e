import { type DynamicModule, Global, Module } from '@nestjs/common';
import { CatalogSnapshots } from '../catalog/catalog-snapshots';
import type { OwnCatalogLimits } from '../config/app-config';
import { TenantDb } from '../database/tenant-db';
import { OrganizationsModule } from '../organizations/organizations.module';
import { OwnCatalogEditsResolver } from './own-catalog-edits.resolver';
import { OwnCatalogEditsService } from './own-catalog-edits.service';
import { OwnCatalogs } from './own-catalogs';
import { OwnFrameworksResolver } from './own-frameworks.resolver';

/** The limits an organization's own catalog is held to (OWN_FRAMEWORKS_MAX, OWN_REQUIREMENTS_MAX, OWN_EDGES_MAX). */
export const OWN_CATALOG_LIMITS = Symbol('OWN_CATALOG_LIMITS');

/**
 * Organizations' own catalogs (issue 12), kept per process (OwnCatalogs), and their limits. Global: coverage,
 * controls, scope, applicability and the imports all resolve framework references through it. Also the GraphQL
 * edits of own catalogs (OwnCatalogEditsResolver).
 */
@Global()
@Module({})
export class OwnCatalogModule {
  /** `maxBytes`: memory for kept own catalogs (TENANT_STATE_CACHE_MB). */
  static forRoot(limits: OwnCatalogLimits, maxBytes: number): DynamicModule {
    return {
      module: OwnCatalogModule,
      imports: [OrganizationsModule],
      providers: [
        {
          provide: OwnCatalogs,
          inject: [TenantDb, CatalogSnapshots],
          useFactory: (tenantDb: TenantDb, snapshots: CatalogSnapshots) => {
            const own = new OwnCatalogs(tenantDb, maxBytes);
            // Kept catalogs are built on a snapshot: let a replaced snapshot go, instead of holding it until eviction.
            snapshots.onSnapshot(() => own.clear());
            return own;
          },
        },
        { provide: OWN_CATALOG_LIMITS, useValue: limits },
        OwnFrameworksResolver,
        {
          provide: OwnCatalogEditsService,
          inject: [TenantDb, OwnCatalogs],
          useFactory: (tenantDb: TenantDb, ownCatalogs: OwnCatalogs) => new OwnCatalogEditsService(tenantDb, ownCatalogs, limits),
        },
        OwnCatalogEditsResolver,
      ],
      exports: [OwnCatalogs, OWN_CATALOG_LIMITS],
    };
  }
}
