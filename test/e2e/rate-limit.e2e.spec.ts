/**
 * Rate limits that cannot be dodged or turned against a key, and API keys that can be listed, revoked everywhere and
 * expire (issue 10, item 2), over real HTTP.
 *
 * The budget is charged to a key only once the key is verified, and then to the key alone; everything else pays on
 * the client address. Most tests here run behind a trusted proxy (TRUST_PROXY=loopback), so that each test is its own
 * client through X-Forwarded-For, with its own address budget (every request comes from 127.0.0.1). Addresses are
 * documentation ranges (RFC 5737) that only ever appear in a header.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { newSecret } from '../../src/organizations/api-key-secret';
import { KeyRevocationWatch } from '../../src/organizations/auth/key-revocation.watch';
import { type GraphqlResponse, startTestServer, type TestServer } from '../support/server';

const LIMIT = 5;
const PUBLIC = '{ frameworks { code } }';

let proxied: TestServer; // TRUST_PROXY=loopback, RATE_LIMIT_PER_MINUTE=5
let direct: TestServer; // no TRUST_PROXY, RATE_LIMIT_PER_MINUTE=5
beforeAll(async () => {
  [proxied, direct] = await Promise.all([
    startTestServer({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'loopback', NODE_ENV: 'production' } }),
    startTestServer({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT), NODE_ENV: 'production' } }),
  ]);
});
afterAll(async () => {
  await proxied?.close();
  await direct?.close();
});

async function post(t: TestServer, query: string, options: { key?: string; forwardedFor?: string } = {}) {
  const response = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
      ...(options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {}),
    },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as GraphqlResponse;
  return { ...body, status: response.status, cache: response.headers.get('x-cache') };
}

const code = (res: GraphqlResponse) => res.errors?.[0]?.extensions.code ?? 'OK';
const rateLimited = (res: GraphqlResponse) => code(res) === 'FORBIDDEN' && /^rate limit:/.test(res.errors![0].message);
const invented = () => newSecret(randomUUID(), randomUUID());
const count = (codes: string[]) => codes.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c]: (acc[c] ?? 0) + 1 }), {});

describe('who pays', () => {
  it('50 invented keys do not get past the keyless budget of their address (executed: `me`)', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 50; i += 1) {
      const res = await post(proxied, '{ me { role } }', { key: invented(), forwardedFor: '203.0.113.10' });
      codes.push(rateLimited(res) ? 'RATE_LIMITED' : code(res));
    }
    expect(count(codes)).toEqual({ UNAUTHENTICATED: LIMIT, RATE_LIMITED: 50 - LIMIT });
    const refused = await post(proxied, '{ me { role } }', { key: invented(), forwardedFor: '203.0.113.10' });
    expect(refused.errors![0].message).toMatch(/^rate limit: at most 5 operations per 60 s for this client address; retry in \d+ s$/);
  });

  it('50 invented keys do not get past the keyless budget of their address (answered from the read cache)', async () => {
    expect((await post(proxied, PUBLIC, { forwardedFor: '203.0.113.99' })).cache).toBe('miss'); // stores the answer
    const results: string[] = [];
    for (let i = 0; i < 50; i += 1) {
      const res = await post(proxied, PUBLIC, { key: invented(), forwardedFor: '203.0.113.11' });
      results.push(rateLimited(res) ? 'RATE_LIMITED' : `${code(res)} ${res.cache}`);
    }
    expect(count(results)).toEqual({ 'OK hit': LIMIT, RATE_LIMITED: 50 - LIMIT });
  });

  it("invented keys that share a real key's first 47 characters (its ids) do not touch that key's budget", async () => {
    const { adminKey } = await proxied.createOrganization('Prefix Target');
    const prefix = adminKey.slice(0, 47);
    expect(prefix).toMatch(/^cwk_[A-Za-z0-9_-]{43}$/);
    for (let i = 0; i < 20; i += 1) {
      const forged = `${prefix}_${randomBytes(32).toString('base64url')}`;
      const res = await post(proxied, '{ me { role } }', { key: forged, forwardedFor: '203.0.113.20' });
      expect(code(res) === 'UNAUTHENTICATED' || rateLimited(res)).toBe(true);
    }
    // The same address is now over its budget, and the real key still has all of its own.
    expect(rateLimited(await post(proxied, PUBLIC, { forwardedFor: '203.0.113.20' }))).toBe(true);
    for (let i = 0; i < LIMIT; i += 1) expect(code(await post(proxied, '{ me { role } }', { key: adminKey, forwardedFor: '203.0.113.20' }))).toBe('OK');
    const over = await post(proxied, '{ me { role } }', { key: adminKey, forwardedFor: '203.0.113.20' });
    expect(over.errors![0].message).toMatch(/^rate limit: at most 5 operations per 60 s for this key; retry in \d+ s$/);
  });

  it('a verified key is not charged to its address: a keyless client there keeps its whole budget', async () => {
    const { adminKey } = await proxied.createOrganization('Busy Key');
    for (let i = 0; i < LIMIT; i += 1) expect(code(await post(proxied, '{ me { role } }', { key: adminKey, forwardedFor: '203.0.113.30' }))).toBe('OK');
    // Read-cache hits with the key spend the key's budget too, not the address's.
    expect(rateLimited(await post(proxied, PUBLIC, { key: adminKey, forwardedFor: '203.0.113.30' }))).toBe(true);
    for (let i = 0; i < LIMIT; i += 1) expect(code(await post(proxied, PUBLIC, { forwardedFor: '203.0.113.30' }))).toBe('OK');
    expect(rateLimited(await post(proxied, PUBLIC, { forwardedFor: '203.0.113.30' }))).toBe(true);
  });

  it('behind a trusted proxy, two clients have two budgets, in GraphQL and in the read cache alike', async () => {
    const first: string[] = [];
    for (let i = 0; i <= LIMIT; i += 1) first.push(code(await post(proxied, PUBLIC, { forwardedFor: '198.51.100.41' })));
    expect(first).toEqual([...Array(LIMIT).fill('OK'), 'FORBIDDEN']);
    const second = [];
    for (let i = 0; i < LIMIT; i += 1) second.push(await post(proxied, PUBLIC, { forwardedFor: '198.51.100.42' }));
    expect(second.map(code)).toEqual(Array(LIMIT).fill('OK'));
    expect(second.map((r) => r.cache)).toContain('hit');
    for (let i = 0; i < LIMIT; i += 1) expect(code(await post(proxied, '{ me { role } }', { key: invented(), forwardedFor: '198.51.100.43' }))).toBe('UNAUTHENTICATED');
  });

  it('without TRUST_PROXY, X-Forwarded-For is ignored: a client cannot invent addresses to get more budget', async () => {
    const codes: string[] = [];
    for (let i = 0; i <= LIMIT; i += 1) codes.push(code(await post(direct, PUBLIC, { forwardedFor: `198.51.100.${i + 1}` })));
    expect(codes).toEqual([...Array(LIMIT).fill('OK'), 'FORBIDDEN']);
  });
});

describe('API keys: verification cache, revocation, expiry, listing', () => {
  let primary: TestServer;
  let replica: TestServer;
  let admin: string;
  beforeAll(async () => {
    primary = await startTestServer();
    replica = await startTestServer({ replicaOf: primary });
    admin = (await primary.createOrganization('Keys Inc')).adminKey;
  });
  afterAll(async () => {
    await replica?.close();
    await primary?.close();
  });

  const ok = async (t: TestServer, query: string, variables: Record<string, unknown> = {}, key = admin) => {
    const res = await t.gql(query, variables, key);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const create = async (name: string, expiresAt?: string) =>
    (await ok(primary, `mutation($n: String!, $e: DateTime) { createApiKey(role: EDITOR, name: $n, expiresAt: $e) { id secret expiresAt } }`, { n: name, e: expiresAt ?? null })).createApiKey;

  it('a verified key needs no SQL on its next requests; an unknown one is looked up', async () => {
    const key = await create('cached');
    await ok(primary, '{ me { role } }', {}, key.secret);
    const counter = primary.server.queryCounter;
    const keyLookups = () => [...counter.byText.keys()].filter((sql) => sql.includes('secret_hash')).length;
    counter.record = true;
    try {
      counter.reset();
      await ok(primary, '{ me { role } }', {}, key.secret);
      expect(counter.statements).toBeGreaterThan(0); // `me` reads the organization's name
      expect(keyLookups()).toBe(0);
      counter.reset();
      await primary.gql('{ me { role } }', {}, invented());
      expect(keyLookups()).toBe(1);
    } finally {
      counter.record = false;
    }
  });

  it('a revoked key is refused on its next request, on this server and on a replica that had it cached', async () => {
    const key = await create('to revoke');
    expect((await ok(primary, '{ me { keyId } }', {}, key.secret)).me.keyId).toBe(key.id);
    expect((await ok(replica, '{ me { keyId } }', {}, key.secret)).me.keyId).toBe(key.id); // now verified, cached there
    expect((await ok(replica, '{ me { keyId } }', {}, key.secret)).me.keyId).toBe(key.id);
    expect((await ok(primary, 'mutation($id: ID!) { revokeApiKey(id: $id) }', { id: key.id })).revokeApiKey).toBe(true);
    expect(code(await primary.gql('{ me { role } }', {}, key.secret))).toBe('UNAUTHENTICATED');
    // The replica hears the revocation through the database (NOTIFY at commit); give the notification a moment.
    const deadline = Date.now() + 3_000;
    let res = await replica.gql('{ me { role } }', {}, key.secret);
    while (code(res) !== 'UNAUTHENTICATED' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      res = await replica.gql('{ me { role } }', {}, key.secret);
    }
    expect(res.errors![0]).toMatchObject({ message: 'the API key is not valid (unknown, revoked or malformed)', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('trusts no cached verification while its revocation watch is down: a revocation it could not hear still counts', async () => {
    const key = await create('watch lost');
    expect(code(await replica.gql('{ me { role } }', {}, key.secret))).toBe('OK'); // verified and cached on the replica
    const watch = replica.server.app.get(KeyRevocationWatch);
    expect(watch.up).toBe(true);
    const [{ killed }] = await replica.db.query<{ killed: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS killed FROM pg_stat_activity
        WHERE application_name = 'crosswalk-key-watch' AND datname = current_database()`,
    ); // both servers' watches (they share this database); the replica's is the one under test
    expect(killed).toBeGreaterThan(0);
    const deadline = Date.now() + 3_000;
    while (watch.up && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    // Revoked while nobody on the replica listens (straight in the database, as another tool might): no notification
    // reaches it, yet its next request is refused because the cache was dropped with the watch.
    await replica.db.query(`UPDATE api_key SET revoked_at = now() WHERE id = $1`, [key.id]);
    expect(code(await replica.gql('{ me { role } }', {}, key.secret))).toBe('UNAUTHENTICATED');
    // And it comes back by itself.
    while (!watch.up && Date.now() < deadline + 3_000) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(watch.up).toBe(true);
  });

  it('an expired key is refused, saying when it expired, even though it was verified (and cached) before', async () => {
    const expiresAt = new Date(Date.now() + 1_500).toISOString();
    const key = await create('short-lived', expiresAt);
    expect(key.expiresAt).toBe(expiresAt);
    expect(code(await primary.gql('{ me { role } }', {}, key.secret))).toBe('OK');
    await new Promise((resolve) => setTimeout(resolve, Date.parse(expiresAt) - Date.now() + 50));
    const res = await primary.gql('{ me { role } }', {}, key.secret);
    expect(res.errors![0]).toMatchObject({
      message: `the API key expired at ${expiresAt}; an ADMIN of your organization can create a new one`,
      extensions: { code: 'UNAUTHENTICATED' },
    });
    // Someone without the whole secret learns nothing about it: a forged one gets the plain refusal.
    const forged = await primary.gql('{ me { role } }', {}, `${key.secret.slice(0, 48)}${randomBytes(32).toString('base64url')}`);
    expect(forged.errors![0].message).toBe('the API key is not valid (unknown, revoked or malformed)');
  });

  it.each([
    ['in the past', '2020-01-01T00:00:00Z'],
    ['now-ish', new Date(Date.now() - 1000).toISOString()],
    ['not a date', 'next tuesday'],
    ['past the year 9999', '+010000-01-01T00:00:00Z'],
    ['that the calendar does not have', '2031-02-30T00:00:00Z'],
    ['that is only a year', '2031'],
    ['given as epoch milliseconds', 1_990_000_000_000],
  ])('refuses an expiresAt %s, naming the field, and creates nothing', async (_what, expiresAt) => {
    const before = (await ok(primary, '{ apiKeys { id } }')).apiKeys.length;
    const res = await primary.gql(`mutation($e: DateTime) { createApiKey(role: AUDITOR, name: "bad expiry", expiresAt: $e) { id } }`, { e: expiresAt }, admin);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expiresAt' });
    expect(res.errors![0].message).toMatch(/^expiresAt: must be an ISO-8601 date-time in the future and before the year 10000, such as \d{4}-\d\d-\d\dT00:00:00Z$/);
    expect((await ok(primary, '{ apiKeys { id } }')).apiKeys).toHaveLength(before);
  });

  it("apiKeys lists the organization's keys with their role, dates and last use, and never another organization's", async () => {
    const other = await primary.createOrganization('Other Org');
    const otherKey = (await ok(primary, 'mutation { createApiKey(role: AUDITOR, name: "other auditor") { id } }', {}, other.adminKey)).createApiKey;
    const used = await create('used');
    const unused = await create('unused', '2099-01-01T00:00:00.000Z');
    await ok(primary, '{ me { role } }', {}, used.secret);
    const list = async (): Promise<any[]> => (await ok(primary, '{ apiKeys { id name role createdAt lastUsedAt revokedAt expiresAt } }')).apiKeys;
    const deadline = Date.now() + 3_000; // the last use is recorded off the request path
    let keys = await list();
    while (!keys.find((k) => k.id === used.id)?.lastUsedAt && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      keys = await list();
    }
    expect(keys.map((k) => k.id)).not.toContain(otherKey.id);
    expect(keys[0]).toMatchObject({ name: 'first admin key', role: 'ADMIN', revokedAt: null, expiresAt: null, lastUsedAt: expect.any(String) });
    expect(keys.find((k) => k.id === used.id)).toMatchObject({ name: 'used', role: 'EDITOR', lastUsedAt: expect.any(String), expiresAt: null });
    expect(keys.find((k) => k.id === unused.id)).toEqual({ id: unused.id, name: 'unused', role: 'EDITOR', createdAt: expect.any(String), lastUsedAt: null, revokedAt: null, expiresAt: '2099-01-01T00:00:00.000Z' });
    expect(keys.find((k) => k.name === 'to revoke').revokedAt).toEqual(expect.any(String));
    expect(keys.map((k) => k.createdAt)).toEqual([...keys.map((k) => k.createdAt)].sort());
    const theirs = (await ok(primary, '{ apiKeys { id name } }', {}, other.adminKey)).apiKeys;
    expect(theirs.map((k: any) => k.name)).toEqual(['first admin key', 'other auditor']);
    expect(code(await primary.gql('{ apiKeys { id } }', {}, used.secret))).toBe('FORBIDDEN');
  });
});
