/** Liveness and readiness over HTTP. */
import { startTestServer, type TestServer } from '../support/server';

async function get(url: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

describe('with a catalog loaded', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('is live and ready', async () => {
    expect(await get(`${t.url}/health/live`)).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await get(`${t.url}/health/ready`)).toEqual({
      status: 200,
      body: { status: 'ok', database: 'ok', catalog: { version: 1, loadedAt: expect.any(String) } },
    });
  });

  it('is not ready while the database is unreachable, and ready again when it is back', async () => {
    await t.db.adminQuery(`ALTER DATABASE "${t.db.name}" ALLOW_CONNECTIONS false`);
    await t.db.adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [t.db.name]);
    const down = await get(`${t.url}/health/ready`);
    expect(down).toEqual({ status: 503, body: { status: 'unavailable', database: 'unreachable' } });
    expect((await get(`${t.url}/health/live`)).status).toBe(200);

    await t.db.adminQuery(`ALTER DATABASE "${t.db.name}" ALLOW_CONNECTIONS true`);
    expect((await get(`${t.url}/health/ready`)).status).toBe(200);
  });
});

describe('without a catalog', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ catalog: false });
  });
  afterAll(() => t.close());

  it('is live but not ready', async () => {
    expect((await get(`${t.url}/health/live`)).status).toBe(200);
    expect(await get(`${t.url}/health/ready`)).toEqual({ status: 503, body: { status: 'unavailable', database: 'ok', catalog: 'not loaded' } });
  });
});
