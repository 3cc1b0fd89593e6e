import { LRUCache } from 'lru-cache';
import type { CatalogSnapshot } from '../catalog/catalog-snapshot';
import { readOwnCatalogRows, type Query } from '../catalog/catalog.repository';
import { type TenantDb } from '../database/tenant-db';
import { type RequestScope, ScopeKey } from '../graphql/request-scope';
import { OwnCatalog } from './own-catalog';
import { TenantCatalog } from './tenant-catalog';

const TENANT_CATALOG = new ScopeKey<Promise<TenantCatalog>>('tenant catalog');

/** Bytes of own catalogs kept when the service is made without a bound (command-line tools, tests). */
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Each organization's own catalog (OwnCatalog), kept per process between requests and keyed by what it was built
 * from: the organization's own_catalog_version and the public snapshot. A write to the own catalog bumps the version
 * in its transaction (own-catalog.writes.ts), so the next read of any replica sees the version move and builds again;
 * a write to controls or links does not, and the overlay is kept. An organization with no own rows costs nothing.
 * Least recently used organizations go first when the estimated bytes pass the bound. Provided by OwnCatalogModule.
 */
export class OwnCatalogs {
  private readonly kept: LRUCache<string, OwnCatalog>;
  private readonly loading = new Map<string, { key: string; promise: Promise<OwnCatalog> }>();

  constructor(
    private readonly tenantDb: TenantDb,
    maxBytes?: number,
  ) {
    this.kept = new LRUCache<string, OwnCatalog>({ maxSize: Math.max(1, maxBytes ?? DEFAULT_MAX_BYTES), sizeCalculation: (own) => Math.max(1, own.bytes) });
  }

  /** The request's catalog for the organization: read once per request, whichever field asks first. */
  forRequest(request: RequestScope, organizationId: string): Promise<TenantCatalog> {
    return request.once(TENANT_CATALOG, async () => {
      const tenant = await this.tenantDb.run(organizationId, (manager) => this.read((sql, params) => manager.query(sql, params), organizationId, request.catalog));
      request.own = tenant.own;
      return tenant;
    });
  }

  /** The organization's catalog on `snapshot`, outside a GraphQL request (mutations, HTTP routes, command-line tools). */
  forOrganization(organizationId: string, snapshot: CatalogSnapshot): Promise<TenantCatalog> {
    return this.tenantDb.run(organizationId, (manager) => this.read((sql, params) => manager.query(sql, params), organizationId, snapshot));
  }

  /**
   * What resolves `refs` for the organization: the public snapshot when each names a public framework (no statement:
   * the common case), else the public snapshot plus its own catalog. A malformed reference is left for the caller's
   * resolveFramework to refuse, naming its field.
   */
  async resolving(organizationId: string, snapshot: CatalogSnapshot, refs: readonly string[]): Promise<CatalogSnapshot | TenantCatalog> {
    const isPublic = (ref: string) => {
      try {
        return snapshot.findFramework(ref, 'framework') !== null;
      } catch {
        return true;
      }
    };
    return refs.every(isPublic) ? snapshot : this.forOrganization(organizationId, snapshot);
  }

  /**
   * The organization's catalog on `snapshot`, read with `query` (inside the tenant's transaction). `version`: the
   * own_catalog_version when the caller read it already (the tenant read does), else it is read here.
   */
  async read(query: Query, organizationId: string, snapshot: CatalogSnapshot, version?: number): Promise<TenantCatalog> {
    const own = await this.own(query, organizationId, snapshot, version);
    return new TenantCatalog(snapshot, own);
  }

  /** Forgets every kept catalog (tests, and a lost change watch has no bearing: entries are keyed by version). */
  clear(): void {
    this.kept.clear();
    this.loading.clear();
  }

  get size(): number {
    return this.kept.size;
  }

  private async own(query: Query, organizationId: string, snapshot: CatalogSnapshot, version?: number): Promise<OwnCatalog> {
    if (version === undefined) {
      const [row] = await query<{ v: number }>(`SELECT own_catalog_version AS v FROM organization WHERE id = $1`, [organizationId]);
      version = Number(row?.v ?? 0);
    }
    if (version === 0) return OwnCatalog.empty(organizationId, snapshot);
    const kept = this.kept.get(organizationId);
    if (kept && kept.version === version && kept.basis === snapshot) return kept;
    const key = `${version}:${snapshot.version}`;
    const running = this.loading.get(organizationId);
    if (running && running.key === key) return running.promise;
    const load = { key, promise: this.load(query, organizationId, snapshot, version) };
    this.loading.set(organizationId, load);
    try {
      const own = await load.promise;
      const current = this.kept.get(organizationId);
      // Keep the newest: a slower load of an older version must not replace a newer one.
      if (!current || current.version <= own.version) this.kept.set(organizationId, own);
      return own;
    } finally {
      if (this.loading.get(organizationId) === load) this.loading.delete(organizationId);
    }
  }

  private async load(query: Query, organizationId: string, snapshot: CatalogSnapshot, version: number): Promise<OwnCatalog> {
    return new OwnCatalog(organizationId, version, await readOwnCatalogRows(query, organizationId), snapshot);
  }
}
