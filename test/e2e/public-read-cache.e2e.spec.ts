/**
 * The public read cache (src/graphql/public-read-cache.ts) over real HTTP: what it answers, what it must never
 * answer or keep (anything with a key, errors, mutations), and that a catalog load or a lost watch connection takes
 * its answers away.
 */
import { gzipSync } from 'node:zlib';
import { CatalogVersionWatcher } from '../../src/catalog/catalog-version.watcher';
import { until } from '../support/service-process';
import { startTestServer, type TestServer } from '../support/server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

interface Raw {
  status: number;
  cache: string | null;
  headers: Headers;
  text: string;
  json: { data?: any; errors?: Array<{ message: string; extensions: { code: string } }> };
}

async function post(server: TestServer, body: string, headers: Record<string, string> = {}): Promise<Raw> {
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  return { status: response.status, cache: response.headers.get('x-cache'), headers: response.headers, text, json: JSON.parse(text) };
}

const ask = (server: TestServer, query: string, headers?: Record<string, string>) => post(server, JSON.stringify({ query }), headers);

/** Asks until `done` holds for the answer (the shared `until` polls), and returns that answer. */
async function askUntil(what: string, query: string, done: (answer: Raw) => boolean, ms: number): Promise<Raw> {
  let last: Raw | undefined;
  await until(what, async () => done((last = await ask(t, query))), ms, 25);
  return last!;
}

it('answers a repeated keyless catalog query from the cache: the same bytes and headers, without a SQL statement', async () => {
  const query = '{ frameworks { code version requirementCount } }';
  const first = await ask(t, query);
  expect(first).toMatchObject({ status: 200, cache: 'miss' });
  expect(first.json.errors).toBeUndefined();
  t.server.queryCounter.reset();
  const hits = t.server.readCache!.stats.hits;
  const second = await ask(t, query);
  expect(t.server.readCache!.stats.hits).toBe(hits + 1);
  expect(second).toMatchObject({ status: 200, cache: 'hit', text: first.text });
  expect(t.server.queryCounter.statements).toBe(0);
  for (const name of ['content-type', 'content-length', 'etag']) expect([name, second.headers.get(name)]).toEqual([name, first.headers.get(name)]);
  // A different body (variables included) is a different entry.
  const other = await post(t, JSON.stringify({ query, variables: { unused: 1 } }));
  expect(other).toMatchObject({ status: 200, cache: 'miss', text: first.text });
});

it('keeps one answer per Accept header: the media type Apollo chose for it', async () => {
  const query = '{ frameworks { code kind } }';
  for (const accept of ['application/graphql-response+json', 'application/json', 'application/graphql-response+json']) {
    const res = await ask(t, query, { accept });
    expect([accept, res.headers.get('content-type')]).toEqual([accept, `${accept}; charset=utf-8`]);
  }
  expect((await ask(t, query, { accept: 'application/json' })).cache).toBe('hit');
});

it('keeps only keyless answers, and answers a keyed request from one: public fields answer alike with any key', async () => {
  const { adminKey } = await t.createOrganization('Keyed');
  const query = '{ frameworks { code publisher } }';
  // A keyed answer is never kept.
  for (let i = 0; i < 2; i += 1) {
    t.server.queryCounter.reset();
    expect((await ask(t, query, { authorization: `Bearer ${adminKey}` })).cache).toBe('miss');
    expect(t.server.queryCounter.statements).toBeGreaterThan(0);
  }
  const keyless = await ask(t, query);
  expect(keyless.cache).toBe('miss');
  // Once a keyless answer is kept, any key gets it: valid, forged or garbage (executed, each gets exactly this too).
  for (const authorization of [`Bearer ${adminKey}`, `Bearer ${adminKey.slice(0, -1)}${adminKey.endsWith('A') ? 'B' : 'A'}`, 'Bearer not-a-key', '']) {
    const keyed = await ask(t, query, { authorization });
    expect({ authorization, cache: keyed.cache, text: keyed.text }).toEqual({ authorization, cache: 'hit', text: keyless.text });
  }
  // Tenant data is executed every time, with a key, and never answered without one.
  const tenant = '{ frameworks { code } me { organizationId role } }';
  for (let i = 0; i < 2; i += 1) {
    t.server.queryCounter.reset();
    const res = await ask(t, tenant, { authorization: `Bearer ${adminKey}` });
    expect(res.cache).toBe('miss');
    expect(res.json.data.me.role).toBe('ADMIN');
    expect(t.server.queryCounter.statements).toBeGreaterThan(0);
  }
  const anonymous = await ask(t, tenant);
  expect(anonymous.json.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  expect(anonymous.text).not.toContain('ADMIN');
});

it('never keeps an answer with errors, or a mutation', async () => {
  const mixed = '{ frameworks { code } controls(first: 1) { totalCount } }';
  for (let i = 0; i < 3; i += 1) {
    const res = await ask(t, mixed);
    expect(res.cache).toBe('miss');
    expect(res.json.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  }
  const mutation = 'mutation { createControl(input: { code: "C-1", title: "t" }) { id } }';
  for (let i = 0; i < 3; i += 1) {
    const res = await ask(t, mutation);
    expect(res.cache).toBe('miss');
    expect(res.json.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  }
  const unknownField = '{ frameworks { nope } }';
  for (let i = 0; i < 2; i += 1) expect(await ask(t, unknownField)).toMatchObject({ status: 400, cache: 'miss' });
});

it('reads bodies it takes on as express.json would: malformed JSON and bare JSON values get the same 400', async () => {
  for (const body of ['{"query": "{ frameworks { code } }"', '"{ frameworks { code } }"', '42', 'null', '\u0000']) {
    const res = await post(t, body);
    expect(res.status).toBe(400);
    expect(res.json.errors?.[0]).toEqual({
      message: 'request body: not valid JSON; send {"query": "...", "variables": {...}}',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  // An empty body, a charset other than UTF-8, and a compressed body go to Fastify, which reads them as express.json did.
  const empty = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '' });
  expect(empty.status).toBe(400);
  const latin1 = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json; charset=latin1' }, body: '{"query":"{ frameworks { code } }"}' });
  expect(latin1.status).toBe(415);
  expect(latin1.headers.get('x-cache')).toBeNull();
  expect(((await latin1.json()) as { errors: unknown[] }).errors).toEqual([
    { message: expect.stringMatching(/^request body: unsupported charset .*send UTF-8 JSON/), extensions: { code: 'BAD_USER_INPUT' } },
  ]);
  const gzipped = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    body: gzipSync('{"query":"{ frameworks { code } }"}'),
  });
  expect(gzipped.status).toBe(200);
  expect(((await gzipped.json()) as { data: { frameworks: unknown[] } }).data.frameworks.length).toBeGreaterThan(0);
});

it('drops every answer when a catalog load commits: the next read shows the new catalog', async () => {
  const query = '{ framework(framework: "ISO9001") { code name } }';
  const before = await ask(t, query);
  expect((await ask(t, query)).cache).toBe('hit');
  const name = before.json.data.framework.name as string;
  // What a load does, in one transaction: change the catalog, bump catalog_state.version.
  await t.db.query(`BEGIN; UPDATE framework SET name = name || ' (renamed)' WHERE code = 'ISO9001';
    UPDATE catalog_state SET version = version + 1 WHERE id = 1; COMMIT`);
  try {
    const after = await askUntil('the new name', query, (r) => r.json.data?.framework.name !== name, 2000);
    expect(after.json.data.framework.name).toBe(`${name} (renamed)`);
    expect(after.cache).toBe('miss');
    expect((await ask(t, query)).cache).toBe('hit');
  } finally {
    await t.db.query(`UPDATE framework SET name = $1 WHERE code = 'ISO9001'`, [name]);
    const [{ version }] = await t.db.query<{ version: number }>(`UPDATE catalog_state SET version = version + 1 WHERE id = 1 RETURNING version`);
    // The notification is asynchronous: wait until the service has seen it, or it may empty the cache in the next test.
    const watcher = t.server.app.get(CatalogVersionWatcher);
    await until('the service to see the restoring load', async () => watcher.version === Number(version), 2000, 10);
  }
});

it('answers nothing from the cache while its watch on catalog loads is down, and comes back by itself', async () => {
  const query = '{ frameworks { code name } }';
  await ask(t, query);
  expect((await ask(t, query)).cache).toBe('hit');
  const [{ killed }] = await t.db.query<{ killed: number }>(
    `SELECT count(pg_terminate_backend(pid))::int AS killed FROM pg_stat_activity
      WHERE application_name = 'crosswalk-catalog-watch' AND datname = current_database()`,
  );
  expect(killed).toBe(1);
  // A notification could be missed while the watch is down: no hits (and no x-cache at all) until it is back.
  await askUntil('the cache to stand aside', query, (r) => r.cache === null, 2000);
  const back = await askUntil('the cache to come back', query, (r) => r.cache === 'hit', 5000);
  expect(back.json.errors).toBeUndefined();
});

describe('with a rate limit of 5 operations a minute', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
  });
  afterAll(() => limited.close());

  it("a cached answer to a keyed request spends that key's budget", async () => {
    const { adminKey } = await limited.createOrganization('Limited');
    const query = '{ frameworks { version } }';
    expect((await ask(limited, query)).cache).toBe('miss'); // kept, on this address's budget
    const answers = [];
    for (let i = 0; i < 6; i += 1) answers.push(await ask(limited, query, { authorization: `Bearer ${adminKey}` }));
    expect(answers.map((a) => a.cache)).toEqual(['hit', 'hit', 'hit', 'hit', 'hit', 'miss']);
    expect(answers[5].json.errors?.[0].message).toMatch(/^rate limit: at most 5 operations per 60 s for this key/);
  });

  it('a cached answer spends the budget as an executed one does, one point per root field', async () => {
    const query = '{ frameworks { code } a: framework(framework: "SOC2") { code } }'; // 2 points each time
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await ask(limited, query));
    expect(answers.map((a) => a.cache)).toEqual(['miss', 'hit', 'miss']);
    expect(answers[2].json.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(answers[2].json.errors?.[0].message).toMatch(/^rate limit: at most 5 operations per 60 s/);
  });
});
