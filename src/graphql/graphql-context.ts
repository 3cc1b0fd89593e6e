import type { Request } from 'express';
import type { CatalogLoaders } from '../catalog/catalog.loaders';
import type { CrosswalkLoaders } from '../crosswalks/crosswalks.loaders';

/** What every resolver gets: the request and this request's DataLoaders (never shared between requests). */
export interface GraphqlContext {
  req: Request;
  loaders: {
    catalog: CatalogLoaders;
    crosswalks: CrosswalkLoaders;
  };
}
