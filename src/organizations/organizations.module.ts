import { Module } from '@nestjs/common';
import { AuditResolver } from '../audit/audit.resolver';
import { TenantDb } from '../database/tenant-db';
import { KeyRevocationWatch } from './auth/key-revocation.watch';
import { TenantGuard } from './auth/tenant.guard';
import { VerifiedKeyCache } from './auth/verified-key.cache';
import { OrganizationsResolver } from './organizations.resolver';
import { OrganizationsService } from './organizations.service';
import { ScopeService } from './scope.service';

@Module({
  providers: [TenantDb, { provide: VerifiedKeyCache, useFactory: () => new VerifiedKeyCache() }, KeyRevocationWatch, OrganizationsService, ScopeService, TenantGuard, OrganizationsResolver, AuditResolver],
  exports: [TenantDb, OrganizationsService, ScopeService, TenantGuard],
})
export class OrganizationsModule {}
