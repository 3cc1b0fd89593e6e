import type DataLoader from 'dataloader';
import { batchLoader, loaderById, loaderWithOptions } from '../common/dataloader/batch';
import type { Page } from '../common/paging/connection.model';
import type { CatalogRepository } from './catalog.repository';
import type { Framework } from './models/framework.model';
import type { RequirementFilter } from './models/requirement-filter.input';
import type { Requirement } from './models/requirement.model';

export interface RequirementPageOptions {
  filter?: RequirementFilter;
  first: number;
  after?: number;
}

/** Per-request DataLoaders for frameworks and requirements. */
export class CatalogLoaders {
  readonly framework: DataLoader<string, Framework | null>;
  readonly requirement: DataLoader<string, Requirement | null>;
  readonly children: DataLoader<string, Requirement[]>;
  readonly requirementCount;
  readonly requirementPage;
  private frameworkList?: Promise<Framework[]>;
  private readonly repository: CatalogRepository;

  constructor(repository: CatalogRepository) {
    this.repository = repository;
    this.framework = loaderById((ids) => repository.frameworksByIds(ids));
    this.requirement = loaderById((ids) => repository.requirementsByIds(ids));
    this.children = batchLoader(async (parentIds) => {
      const rows = await repository.childrenOf(parentIds);
      return parentIds.map((id) => rows.filter((row) => row.parentId === id));
    });
    this.requirementCount = loaderWithOptions<boolean, number>(
      (ids, assessableOnly) => repository.countRequirements(ids, assessableOnly),
      () => 0,
    );
    this.requirementPage = loaderWithOptions<RequirementPageOptions, Page<Requirement>>(
      (ids, o) => repository.pageRequirements(ids, o.filter, o.first, o.after),
      () => ({ rows: [], totalCount: 0 }),
    );
  }

  /**
   * Every framework version, read at most once per request; framework references resolve against it. The list also
   * fills the by-ID loader, so a `framework` field after it costs no statement.
   */
  frameworks(): Promise<Framework[]> {
    this.frameworkList ??= this.repository.listFrameworks().then((list) => {
      for (const framework of list) this.framework.prime(framework.id, framework);
      return list;
    });
    return this.frameworkList;
  }
}
