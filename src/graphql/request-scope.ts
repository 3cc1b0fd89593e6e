import type { FastifyRequest } from 'fastify';
import type { CatalogIndex, CatalogSnapshot } from '../catalog/catalog-snapshot';
import type { Framework } from '../catalog/models/framework.model';
import type { Requirement } from '../catalog/models/requirement.model';
import type { MappingSet } from '../crosswalks/models/mapping-set.model';
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
  /**
   * The caller's organization's own catalog, once a tenant field has read it (OwnCatalogs.forRequest). Own rows come
   * out of tenant fields only, and those read it first, so the fields below them (a requirement's framework, a
   * crosswalk's target, a coverage row's requirement) find them here. Public fields never set or read it.
   */
  own: CatalogIndex | undefined;
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

  /** A framework by id: the public catalog's, else the caller's own (when a tenant field has read it). */
  frameworkById(id: string): Framework | null {
    return this.catalog.framework(id) ?? this.own?.framework(id) ?? null;
  }

  requirementById(id: string): Requirement | null {
    return this.catalog.requirement(id) ?? this.own?.requirement(id) ?? null;
  }

  mappingSetById(id: string): MappingSet | null {
    return this.catalog.mappingSet(id) ?? this.own?.mappingSet(id) ?? null;
  }

  /** The index holding a framework: the public catalog, or the caller's own catalog for an own framework. */
  indexOfFramework(frameworkId: string): CatalogIndex {
    // A public request never has an own catalog: one comparison, no second lookup, on the hot path.
    return this.own !== undefined && this.catalog.framework(frameworkId) === null && this.own.framework(frameworkId) ? this.own : this.catalog;
  }

  /** The index holding a requirement, likewise. */
  indexOfRequirement(requirementId: string): CatalogIndex {
    return this.own !== undefined && this.catalog.requirement(requirementId) === null && this.own.requirement(requirementId) ? this.own : this.catalog;
  }

  /** The index holding a mapping set, likewise. */
  indexOfMappingSet(mappingSetId: string): CatalogIndex {
    return this.own !== undefined && this.catalog.mappingSet(mappingSetId) === null && this.own.mappingSet(mappingSetId) ? this.own : this.catalog;
  }

  once<T>(key: ScopeKey<T>, make: () => T): T {
    if (!this.made.has(key)) this.made.set(key, make());
    return this.made.get(key) as T;
  }
}

/** What every resolver gets as its context. */
export type GraphqlContext = RequestScope;
