/**
 * Runtime configuration, read once from the environment. Every variable is documented in the README; a bad value stops
 * start-up with a message that names the variable and what it accepts.
 */
import { isIP } from 'node:net';
import * as path from 'node:path';

export interface AppConfig {
  /** HTTP port; 0 picks a free one (tests). */
  port: number;
  host: string;
  /** External PostgreSQL server. Unset: an embedded server in `dataDir`. */
  databaseUrl: string | undefined;
  /** Where the embedded database and other local state live. */
  dataDir: string;
  /** Folder with `frameworks/` and `crosswalks/` YAML files. */
  mappingsDir: string;
  /** The built dashboard and GraphiQL (dist/web, written by `npm run build`), served under /app and at GET /graphql. */
  webDir: string;
  production: boolean;
  /** Schema introspection for GraphQL clients (codegen, IDEs). */
  introspection: boolean;
  /** Load `mappings/` at start-up when its content changed since the last load. */
  loadMappingsOnStart: boolean;
  /** Largest request body accepted, in bytes. */
  bodyLimitBytes: number;
  /** Largest file accepted by the import routes (POST /import/…), in bytes, once inflated. */
  importBodyLimitBytes: number;
  /** Root GraphQL operations allowed per API key (or client address) per minute. */
  rateLimitPerMinute: number;
  /** Most keyless catalog responses kept in memory (src/graphql/public-read-cache.ts); 0 turns the cache off. */
  catalogCacheEntries: number;
  /** Largest single answer the public read cache keeps, in bytes: one huge answer must not evict the rest. */
  catalogCacheEntryBytes: number;
  /** Most values one GraphQL operation may ask for (src/graphql/query-cost.ts); refused before execution above it. */
  queryMaxCost: number;
  /** Longest a GraphQL operation may execute, in milliseconds, before it is stopped (execution-budget.plugin.ts). */
  queryTimeLimitMs: number;
  /** Largest GraphQL answer, in bytes; an answer growing past it is stopped (execution-budget.plugin.ts). */
  responseSizeLimitBytes: number;
  /** Memory for organizations' tenant state kept between requests (src/tenant-state/), in bytes; 0 turns it off. */
  tenantStateCacheBytes: number;
  /** Most own frameworks, requirements and crosswalk edges one organization may hold (issue 12). */
  ownCatalogLimits: OwnCatalogLimits;
  /** On SIGTERM/SIGINT, how long requests in flight may take to finish before they are cut. */
  shutdownGraceSeconds: number;
  /**
   * Which proxies may name the client in X-Forwarded-For (the client address is what the rate limit charges keyless
   * requests to), as Express's `trust proxy` read it (src/common/http/client-address.ts keeps that on Fastify).
   * false: none, the socket's address is the client.
   */
  trustProxy: TrustProxy;
  /** `debug` also logs what is expected and answered with a code, such as a statement refused by a unique index. */
  logLevel: 'info' | 'debug';
  /** Origins that browsers may call the API from (CORS); empty: CORS is off and no CORS header is sent. */
  corsOrigins: string[];
}

export interface OwnCatalogLimits {
  frameworks: number;
  requirements: number;
  edges: number;
}

export const DEFAULT_OWN_CATALOG_LIMITS: OwnCatalogLimits = { frameworks: 50, requirements: 20_000, edges: 200_000 };

/** false, true (every hop), a number of hops, or addresses, subnets and Express's names (loopback, …). */
export type TrustProxy = boolean | number | string[];

export class ConfigError extends Error {}

/**
 * The default most values one operation may ask for. It admits the documented largest page, `requirements(first: 500)`
 * with one level of crosswalks (16,573 on the shipped catalog), a page of 100 requirements with a dozen fields per
 * crosswalk, and a gap analysis with its sources' steps; the costliest queries it admits run in well under 2 s on a
 * 2-core machine (bench/hostile-queries.ts, `npm run bench:limits`, test/e2e/query-cost.e2e.spec.ts).
 */
export const DEFAULT_QUERY_MAX_COST = 50_000;


function parseBoolean(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(`${name} must be one of true/false/1/0/yes/no/on/off, got "${raw}"`);
}

function parsePort(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = /^\d{1,5}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError(`${name} must be an integer from 0 to 65535, got "${raw}"`);
  }
  return value;
}

function parseLogLevel(raw: string | undefined): 'info' | 'debug' {
  const value = raw?.trim().toLowerCase() || 'info';
  if (value === 'info' || value === 'debug') return value;
  throw new ConfigError(`LOG_LEVEL must be info or debug, got "${raw}"`);
}

/** CORS_ORIGINS: comma-separated origins such as https://grc.example.com, each written as scheme://host[:port]. */
function parseOrigins(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  const accepted = 'scheme://host[:port] with http or https and no path, e.g. https://grc.example.com; separate several with commas';
  return [...new Set(raw.split(',').map((entry, i) => {
    const value = entry.trim();
    if (value === '*') throw new ConfigError(`CORS_ORIGINS: "*" is not accepted; list the origins that may call the API, as ${accepted}`);
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    const bare = url && (url.protocol === 'https:' || url.protocol === 'http:') && url.pathname === '/' && !url.search && !url.hash &&
      !url.username && !url.password && !value.slice(url.protocol.length + 2).replace(/\/$/, '').includes('/');
    if (!url || !bare) throw new ConfigError(`CORS_ORIGINS entry ${i + 1}: "${value}" is not an origin; write ${accepted}`);
    return url.origin;
  }))];
}

/** A whole number from `min` to `max` (`what` names it in the error), or `fallback` when unset. */
function parseWholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number, what = 'a whole number'): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = /^\d{1,9}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be ${what} from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

const TRUST_PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** An address, an address/prefix or address/netmask subnet, or one of Express's names for address ranges. */
function isTrustedProxyEntry(entry: string): boolean {
  if (TRUST_PROXY_NAMES.includes(entry) || isIP(entry) !== 0) return true;
  const [address, range, ...rest] = entry.split('/');
  if (rest.length > 0 || range === undefined || isIP(address) === 0) return false;
  if (/^\d{1,3}$/.test(range)) return Number(range) <= (isIP(address) === 4 ? 32 : 128);
  return isIP(address) === 4 && isIP(range) === 4;
}

function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = raw?.trim() ?? '';
  if (['', 'false', 'no', 'off'].includes(value.toLowerCase())) return false;
  if (['true', 'yes', 'on'].includes(value.toLowerCase())) return true;
  if (/^\d{1,3}$/.test(value)) return Number(value) === 0 ? false : Number(value);
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !isTrustedProxyEntry(entry));
  if (bad !== undefined) {
    throw new ConfigError(
      `TRUST_PROXY must be false, true, a number of proxy hops (0 to 999), or a comma-separated list of addresses, subnets ` +
        `(10.0.0.0/8, fd00::/8) and the names ${TRUST_PROXY_NAMES.join(', ')}; "${bad}" is none of these`,
    );
  }
  return entries;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): AppConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(databaseUrl)?.[1];
    // Never echo the URL itself: it may hold a password.
    throw new ConfigError(`DATABASE_URL must be a postgres:// or postgresql:// URL, got ${scheme ? `a ${scheme}: URL` : 'something else'}`);
  }
  return {
    port: parsePort('PORT', env.PORT, 3000),
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl,
    dataDir: path.resolve(root, env.CROSSWALK_DATA_DIR?.trim() || '.crosswalk'),
    mappingsDir: path.resolve(root, env.CROSSWALK_MAPPINGS_DIR?.trim() || 'mappings'),
    webDir: path.resolve(root, 'dist', 'web'),
    production: env.NODE_ENV === 'production',
    introspection: parseBoolean('GRAPHQL_INTROSPECTION', env.GRAPHQL_INTROSPECTION, true),
    loadMappingsOnStart: parseBoolean('CROSSWALK_LOAD_MAPPINGS', env.CROSSWALK_LOAD_MAPPINGS, true),
    bodyLimitBytes: parseWholeNumber('REQUEST_BODY_LIMIT', env.REQUEST_BODY_LIMIT, 100 * 1024, 1024, 50 * 1024 * 1024, 'a number of bytes'),
    importBodyLimitBytes: parseWholeNumber('IMPORT_BODY_LIMIT', env.IMPORT_BODY_LIMIT, 25 * 1024 * 1024, 1024, 512 * 1024 * 1024, 'a number of bytes'),
    rateLimitPerMinute: parseWholeNumber('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, 1200, 1, 1_000_000),
    catalogCacheEntries: parseWholeNumber('CATALOG_CACHE_ENTRIES', env.CATALOG_CACHE_ENTRIES, 1000, 0, 100_000),
    catalogCacheEntryBytes: parseWholeNumber('CATALOG_CACHE_ENTRY_BYTES', env.CATALOG_CACHE_ENTRY_BYTES, 1024 * 1024, 1024, 64 * 1024 * 1024, 'a number of bytes'),
    queryMaxCost: parseWholeNumber('QUERY_MAX_COST', env.QUERY_MAX_COST, DEFAULT_QUERY_MAX_COST, 100, 10_000_000),
    queryTimeLimitMs: parseWholeNumber('QUERY_TIME_LIMIT_MS', env.QUERY_TIME_LIMIT_MS, 5_000, 100, 600_000, 'a number of milliseconds'),
    responseSizeLimitBytes: parseWholeNumber('RESPONSE_SIZE_LIMIT', env.RESPONSE_SIZE_LIMIT, 10 * 1024 * 1024, 64 * 1024, 512 * 1024 * 1024, 'a number of bytes'),
    tenantStateCacheBytes: parseWholeNumber('TENANT_STATE_CACHE_MB', env.TENANT_STATE_CACHE_MB, 64, 0, 65_536, 'a number of mebibytes') * 1024 * 1024,
    ownCatalogLimits: {
      frameworks: parseWholeNumber('OWN_FRAMEWORKS_MAX', env.OWN_FRAMEWORKS_MAX, DEFAULT_OWN_CATALOG_LIMITS.frameworks, 0, 10_000),
      requirements: parseWholeNumber('OWN_REQUIREMENTS_MAX', env.OWN_REQUIREMENTS_MAX, DEFAULT_OWN_CATALOG_LIMITS.requirements, 0, 10_000_000),
      edges: parseWholeNumber('OWN_EDGES_MAX', env.OWN_EDGES_MAX, DEFAULT_OWN_CATALOG_LIMITS.edges, 0, 100_000_000),
    },
    shutdownGraceSeconds: parseWholeNumber('SHUTDOWN_GRACE_SECONDS', env.SHUTDOWN_GRACE_SECONDS, 30, 0, 3600),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    corsOrigins: parseOrigins(env.CORS_ORIGINS),
  };
}
