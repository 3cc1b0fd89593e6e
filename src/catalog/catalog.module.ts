import { Module } from '@nestjs/common';
import { CrosswalksModule } from '../crosswalks/crosswalks.module';
import { CatalogRepository } from './catalog.repository';
import { CatalogService } from './catalog.service';
import { FrameworkResolver } from './framework.resolver';
import { RequirementResolver } from './requirement.resolver';

@Module({
  imports: [CrosswalksModule],
  providers: [CatalogRepository, CatalogService, FrameworkResolver, RequirementResolver],
  exports: [CatalogRepository, CatalogService],
})
export class CatalogModule {}
