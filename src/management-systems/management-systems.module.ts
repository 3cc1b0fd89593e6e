import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ManagementSystemsResolver } from './management-systems.resolver';
import { ManagementSystemsService } from './management-systems.service';

@Module({
  imports: [OrganizationsModule],
  providers: [ManagementSystemsService, ManagementSystemsResolver],
})
export class ManagementSystemsModule {}
