import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { CrosswalksModule } from '../crosswalks/crosswalks.module';
import { LoadersFactory } from './loaders.factory';

@Module({
  imports: [CatalogModule, CrosswalksModule],
  providers: [LoadersFactory],
  exports: [LoadersFactory],
})
export class LoadersModule {}
