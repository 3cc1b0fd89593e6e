import type { FastifyRequest } from 'fastify';
import type { CatalogSnapshot } from '../catalog/catalog-snapshot';
import type { Principal } from '../organizations/auth/principal';
import type { ExecutionBudget } from './execution-budget.plugin';

/** Names one thing a request computes at most once (RequestScope.once); `T` is its type. */
export class ScopeKey<T> {
  declare private readonly type: T;
  constructor(readonly name: string) {}
}

/**
 * Everything one GraphQL request shares, and nothing another request can see: made by RequestScopeFactory for each
 * request and passed to every resolver as its context.
 * - `catalog`: the catalog snapshot the whole request reads, synchronously, whatever a load does meanwhile;
 * - `principal()`: the caller's API key, verified at most once, whichever of the rate limit and the tenant guard asks first;
 * - `once(key, make)`: what a module computes once per request (its loaders keyed by organization, the tenant read).
 */
export class RequestScope {
  private verifying: Promise<Principal> | undefined;
  private readonly made = new Map<ScopeKey<unknown>, unknown>();

  constructor(
    readonly req: FastifyRequest,
    readonly catalog: CatalogSnapshot,
    /** This request's execution budget: time and answer size (execution-budget.plugin.ts). */
    readonly budget: ExecutionBudget,
    private readonly authenticate: (authorization: string | undefined) => Promise<Principal>,
  ) {}

  /** The caller, verified once; rejects as UNAUTHENTICATED without a valid key. */
  principal(): Promise<Principal> {
    this.verifying ??= this.authenticate(this.req.headers.authorization);
    return this.verifying;
  }

  /** The caller's key once verified; undefined without a key, or when it fails (the tenant guard reports that). */
  async verifiedKey(): Promise<Principal | undefined> {
    if (this.req.headers.authorization === undefined) return undefined;
    return this.principal().catch(() => undefined);
  }

  once<T>(key: ScopeKey<T>, make: () => T): T {
    if (!this.made.has(key)) this.made.set(key, make());
    return this.made.get(key) as T;
  }
}

/** What every resolver gets as its context. */
export type GraphqlContext = RequestScope;
