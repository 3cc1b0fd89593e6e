import { Injectable } from '@nestjs/common';
import { CatalogLoaders } from '../catalog/catalog.loaders';
import { CatalogRepository } from '../catalog/catalog.repository';
import { CrosswalkLoaders } from '../crosswalks/crosswalks.loaders';
import { CrosswalksRepository } from '../crosswalks/crosswalks.repository';
import type { GraphqlContext } from './graphql-context';

/** Makes a fresh set of DataLoaders for each GraphQL request, so batching and caching never cross requests. */
@Injectable()
export class LoadersFactory {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly crosswalks: CrosswalksRepository,
  ) {}

  create(): GraphqlContext['loaders'] {
    return { catalog: new CatalogLoaders(this.catalog), crosswalks: new CrosswalkLoaders(this.crosswalks) };
  }
}
