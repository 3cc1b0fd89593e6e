/**
 * CORS for web GRC tools: off by default; with CORS_ORIGINS, an allow-list. A listed origin gets
 * Access-Control-Allow-Origin on the preflight and on the answer, any other origin gets none, and an answer from the
 * public read cache carries the headers of the request in hand, never those of the request that filled the cache.
 */
import { startTestServer, type TestServer } from '../support/server';

const ALLOWED = 'https://grc.example.com';
const ALSO_ALLOWED = 'http://localhost:5173';
const OTHER = 'https://evil.example.net';

function preflight(t: TestServer, origin: string) {
  return fetch(`${t.url}/graphql`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
  });
}

function post(t: TestServer, origin: string | undefined, query: string, key?: string) {
  return fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}), ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query }),
  });
}

const acao = (response: Response) => response.headers.get('access-control-allow-origin');

describe('without CORS_ORIGINS (the default)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('sends no CORS header to anyone', async () => {
    const before = await preflight(t, ALLOWED);
    expect([...before.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    const answer = await post(t, ALLOWED, '{ frameworks { code } }');
    expect(answer.status).toBe(200);
    expect([...answer.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });
});

describe(`with CORS_ORIGINS=${ALLOWED},${ALSO_ALLOWED}`, () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { CORS_ORIGINS: `${ALLOWED}, ${ALSO_ALLOWED}` } });
  });
  afterAll(() => t.close());

  it('answers the preflight of a listed origin, with the methods and headers a client sends', async () => {
    const response = await preflight(t, ALLOWED);
    expect(response.status).toBe(204);
    expect(acao(response)).toBe(ALLOWED);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')?.split(',')).toEqual(expect.arrayContaining(['content-type', 'authorization']));
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('gives another origin no Access-Control-Allow-Origin, on the preflight or the answer', async () => {
    expect(acao(await preflight(t, OTHER))).toBeNull();
    const answer = await post(t, OTHER, '{ frameworks { version } }');
    expect(answer.status).toBe(200); // the browser, not the server, withholds it from the page
    expect(acao(answer)).toBeNull();
  });

  it('allows a listed origin on a tenant query with its key', async () => {
    const { adminKey } = await t.createOrganization('Browser Co');
    const response = await post(t, ALSO_ALLOWED, '{ me { organizationName } }', adminKey);
    expect(acao(response)).toBe(ALSO_ALLOWED);
    expect(response.headers.get('vary')).toMatch(/origin/i);
    expect(((await response.json()) as any).data.me.organizationName).toBe('Browser Co');
  });

  it('answers from the read cache with the CORS headers of the request in hand, not of the one that filled it', async () => {
    const query = '{ frameworks { code name } }';
    const first = await post(t, ALLOWED, query);
    expect([first.headers.get('x-cache'), acao(first)]).toEqual(['miss', ALLOWED]);
    const body = await first.text();
    for (const [origin, expected] of [[ALSO_ALLOWED, ALSO_ALLOWED], [OTHER, null], [undefined, null], [ALLOWED, ALLOWED]] as const) {
      const again = await post(t, origin, query);
      expect([origin, again.headers.get('x-cache'), acao(again)]).toEqual([origin, 'hit', expected]);
      expect(again.headers.get('vary')).toMatch(/origin/i);
      expect(await again.text()).toBe(body);
    }
  });

  it('does not hand a listed origin the headers of an entry filled by another origin', async () => {
    const query = '{ frameworks { code publisher } }';
    expect(acao(await post(t, OTHER, query))).toBeNull();
    const hit = await post(t, ALLOWED, query);
    expect([hit.headers.get('x-cache'), acao(hit)]).toEqual(['hit', ALLOWED]);
  });
});
