import { Module } from '@nestjs/common';
import { CrosswalkResolver } from './crosswalk.resolver';
import { MappingSetResolver } from './mapping-set.resolver';

@Module({
  providers: [CrosswalkResolver, MappingSetResolver],
})
export class CrosswalksModule {}
