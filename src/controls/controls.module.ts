import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ControlLinkResolver, ControlsResolver } from './controls.resolver';
import { ControlsService } from './controls.service';

@Module({
  imports: [OrganizationsModule],
  providers: [ControlsService, ControlsResolver, ControlLinkResolver],
  exports: [ControlsService],
})
export class ControlsModule {}
