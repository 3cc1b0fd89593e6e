import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ManagementSystemsResolver } from './management-systems.resolver';
import { ManagementSystemsService } from './management-systems.service';

@Module({
  imports: [OrganizationsModule],
  providers: [ManagementSystemsService, ManagementSystemsResolver],
  // The certification planner combines the audits of standards in one declared system.
  exports: [ManagementSystemsService],
})
export class ManagementSystemsModule {}
