import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ControlImportResolver } from './control-import.resolver';
import { ControlImportService } from './control-import.service';
import { OscalImportService } from './oscal-import.service';

/**
 * The control inventory import (issue 13): the service the GraphQL mutation, the file route and the command line share;
 * and the OSCAL imports into an organization's own catalog (issue 12), shared by their routes and the command line.
 */
@Module({
  imports: [OrganizationsModule],
  providers: [ControlImportService, ControlImportResolver, OscalImportService],
  exports: [ControlImportService, OscalImportService],
})
export class ImportsModule {}
