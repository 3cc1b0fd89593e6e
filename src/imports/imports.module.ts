import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ControlImportResolver } from './control-import.resolver';
import { ControlImportService } from './control-import.service';

/** The control inventory import (issue 13): the service the GraphQL mutation, the file route and the command line share. */
@Module({
  imports: [OrganizationsModule],
  providers: [ControlImportService, ControlImportResolver],
  exports: [ControlImportService],
})
export class ImportsModule {}
