/** Starts the real application on a fresh database and a free port, and speaks GraphQL to it over real HTTP. */
import { loadConfig } from '../../src/config/app-config';
import { OrganizationsService } from '../../src/organizations/organizations.service';
import { type RunningServer, startServer } from '../../src/server';
import { createTestDatabase, type TestDatabase } from './database';

export interface GraphqlResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions: { code: string; field?: string; stacktrace?: unknown } }>;
}

export interface TestServer {
  url: string;
  server: RunningServer;
  db: TestDatabase;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, key?: string): Promise<GraphqlResponse<T>>;
  /** gql, expecting no errors (the test fails on any): the answer's data. */
  ok(query: string, variables?: Record<string, unknown>, key?: string): Promise<Record<string, any>>;
  /** A new organization with its first ADMIN key, made the way `npm run org:create` makes it. */
  createOrganization(name: string): Promise<{ organizationId: string; adminKey: string }>;
  close(): Promise<void>;
}

/**
 * `catalog`: start from a database with the shipped catalog (default) or an empty one. `mappings`: load this folder
 * instead, as the service does at start-up (e.g. test/fixtures/mappings). `replicaOf`: a second instance on another
 * test server's database, as a replica behind a load balancer would be.
 */
export async function startTestServer(
  options: { catalog?: boolean; mappings?: string; env?: Record<string, string>; replicaOf?: TestServer } = {},
): Promise<TestServer> {
  // A replica shares another test server's database (and leaves dropping it to that server).
  const db = options.replicaOf?.db ?? (await createTestDatabase({ catalog: options.mappings ? false : (options.catalog ?? true) }));
  const config = loadConfig({
    PORT: '0',
    // Suites send thousands of requests with one key; the rate limit has its own test (abuse-limits.e2e.spec.ts).
    RATE_LIMIT_PER_MINUTE: '1000000',
    CROSSWALK_LOAD_MAPPINGS: options.mappings ? 'true' : 'false',
    ...(options.mappings ? { CROSSWALK_MAPPINGS_DIR: options.mappings } : {}),
    ...options.env,
    DATABASE_URL: db.url,
  });
  const server = await startServer(config, { logger: false });
  const gql = async <T = Record<string, any>>(query: string, variables?: Record<string, unknown>, key?: string): Promise<GraphqlResponse<T>> => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  };
  return {
    url: server.url,
    server,
    db,
    gql,
    ok: async (query, variables, key) => {
      const res = await gql(query, variables, key);
      expect(res.errors).toBeUndefined();
      return res.data as Record<string, any>;
    },
    createOrganization: async (name) => {
      const created = await server.app.get(OrganizationsService).createOrganization(name);
      return { organizationId: created.organizationId, adminKey: created.key.secret };
    },
    close: async () => {
      await server.close();
      if (!options.replicaOf) await db.drop();
    },
  };
}
