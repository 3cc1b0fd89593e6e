import { Module } from '@nestjs/common';
import { AuditResolver } from '../audit/audit.resolver';
import { TenantDb } from '../database/tenant-db';
import { TenantGuard } from './auth/tenant.guard';
import { OrganizationsResolver } from './organizations.resolver';
import { OrganizationsService } from './organizations.service';
import { ScopeService } from './scope.service';

@Module({
  providers: [TenantDb, OrganizationsService, ScopeService, TenantGuard, OrganizationsResolver, AuditResolver],
  exports: [TenantDb, OrganizationsService, ScopeService, TenantGuard],
})
export class OrganizationsModule {}
