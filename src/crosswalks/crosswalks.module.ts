import { Module } from '@nestjs/common';
import { CrosswalkResolver } from './crosswalk.resolver';
import { CrosswalksRepository } from './crosswalks.repository';
import { CrosswalksService } from './crosswalks.service';
import { MappingSetResolver } from './mapping-set.resolver';

@Module({
  providers: [CrosswalksRepository, CrosswalksService, CrosswalkResolver, MappingSetResolver],
  exports: [CrosswalksRepository, CrosswalksService],
})
export class CrosswalksModule {}
