import { Injectable } from '@nestjs/common';
import { CatalogRepository } from './catalog.repository';
import { resolveFrameworkVersion } from './framework-ref';
import type { Framework } from './models/framework.model';
import type { Requirement } from './models/requirement.model';

/**
 * Reads the public catalog. Framework references are resolved against the list of framework versions, which callers
 * pass in (resolvers take it from the request's loaders, so a request reads it once).
 */
@Injectable()
export class CatalogService {
  constructor(private readonly repository: CatalogRepository) {}

  async findRequirement(frameworks: Framework[], frameworkRef: string, refId: string): Promise<Requirement | null> {
    const framework = resolveFrameworkVersion(frameworks, frameworkRef, 'framework');
    return (await this.repository.requirementByRef(framework.id, refId)) ?? null;
  }
}
