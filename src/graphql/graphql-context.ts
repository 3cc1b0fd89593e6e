import type { Request } from 'express';
import type { CatalogLoaders } from '../catalog/catalog.loaders';
import type { ControlLoaders } from '../controls/control.loaders';
import type { CoverageReads } from '../coverage/coverage.service';
import type { CrosswalkLoaders } from '../crosswalks/crosswalks.loaders';
import type { Principal } from '../organizations/auth/principal';
import type { ExecutionBudget } from './execution-budget.plugin';

/** What every resolver gets: the request and this request's DataLoaders (never shared between requests). */
export interface GraphqlContext {
  req: Request;
  loaders: {
    catalog: CatalogLoaders;
    crosswalks: CrosswalkLoaders;
  };
  /** The catalog graph and the organization's coverage state, read at most once per request. */
  coverage: CoverageReads;
  /** The caller's API key, verified at most once per request (by KeyRateLimitGuard or TenantGuard, whichever runs first). */
  principal?: Promise<Principal>;
  /** This request's execution budget: time and answer size (execution-budget.plugin.ts). */
  budget?: ExecutionBudget;
  /** The caller's organization's loaders, made on first use after authentication. */
  controlLoaders?: ControlLoaders;
}
