/** serveWebApp on a bare Fastify with a stand-in build: which page answers which request, with which headers. */
import Fastify, { type FastifyInstance } from 'fastify';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { HTML_CSP, serveWebApp } from './web-app';

let root: string;
let app: FastifyInstance;

async function appOn(webRoot: string): Promise<FastifyInstance> {
  const fastify = Fastify();
  serveWebApp(fastify, { root: webRoot });
  // Stand-ins for Apollo's /graphql and for a page that sets its own policy.
  fastify.get('/graphql', async () => ({ data: 'apollo' }));
  fastify.get('/own-policy', async (_request, reply) => reply.header('content-type', 'text/html').header('content-security-policy', "default-src 'none'").send('<p>x</p>'));
  fastify.get('/json', async () => ({ ok: true }));
  await fastify.ready();
  return fastify;
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'web-app-'));
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>dashboard</title>');
  fs.writeFileSync(path.join(root, 'graphiql.html'), '<!doctype html><title>graphiql</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app-abc123.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'app-abc123.js.gz'), gzipSync('console.log(1)'));
  app = await appOn(root);
});
afterAll(async () => {
  await app.close();
  fs.rmSync(root, { recursive: true, force: true });
});

it.each(['/app', '/app/', '/app/overlap', '/app/frameworks/ISO27001/requirements/A.5.15'])('answers %s with the dashboard page, under the own-origin policy, never cached', async (url) => {
  const response = await app.inject({ url });
  expect(response.statusCode).toBe(200);
  expect(response.body).toContain('<title>dashboard</title>');
  expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(response.headers['content-security-policy']).toBe(HTML_CSP);
  expect(response.headers['cache-control']).toBe('no-cache');
});

it('serves the hashed assets for a year, and a missing asset is a 404, not the page', async () => {
  const asset = await app.inject({ url: '/app/assets/app-abc123.js' });
  expect(asset.statusCode).toBe(200);
  expect(asset.headers['content-type']).toMatch(/javascript/);
  expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect((await app.inject({ url: '/app/assets/nothing.js' })).statusCode).toBe(404);
  // The build's gzipped copy goes to a browser that accepts gzip, as the same file.
  const gzipped = await app.inject({ url: '/app/assets/app-abc123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
  expect(gzipped.headers['content-encoding']).toBe('gzip');
  expect(gunzipSync(gzipped.rawPayload).toString()).toBe('console.log(1)');
  expect(asset.headers['content-encoding']).toBeUndefined();
  expect((await app.inject({ url: '/app/assets/../index.html' })).body).not.toContain('graphiql');
});

it('gives a browser opening /graphql the IDE, and everything else on /graphql to the API', async () => {
  const ide = await app.inject({ url: '/graphql', headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
  expect(ide.body).toContain('<title>graphiql</title>');
  expect(ide.headers['content-security-policy']).toBe(HTML_CSP);
  for (const headers of [{ accept: 'application/json' }, { accept: 'application/graphql-response+json, text/html' }, {}]) {
    expect((await app.inject({ url: '/graphql', headers })).json()).toEqual({ data: 'apollo' });
  }
  expect((await app.inject({ url: '/graphql?query=%7Bx%7D', headers: { accept: 'text/html' } })).json()).toEqual({ data: 'apollo' });
  expect((await app.inject({ method: 'POST', url: '/graphql', headers: { accept: 'text/html' }, payload: {} })).statusCode).not.toBe(200);
});

it('puts the policy on every HTML answer that has none, keeps a stricter one, and leaves JSON alone', async () => {
  expect((await app.inject({ url: '/own-policy' })).headers['content-security-policy']).toBe("default-src 'none'");
  expect((await app.inject({ url: '/json' })).headers['content-security-policy']).toBeUndefined();
});

it('allows scripts, styles, fonts, images, workers and requests from the own origin only', () => {
  const directives = new Map(HTML_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
  for (const name of ['default-src', 'script-src', 'img-src', 'font-src', 'connect-src', 'worker-src']) expect([name, directives.get(name)]).toEqual([name, ["'self'"]]);
  expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  expect(HTML_CSP).not.toMatch(/https?:|data:|blob:|\*|'unsafe-eval'/);
});

it('says how to build the dashboard when the build is missing, and the API still works', async () => {
  const bare = await appOn(path.join(root, 'not-built'));
  try {
    const page = await bare.inject({ url: '/app/' });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('Run <code>npm run build</code>');
    expect(page.headers['content-security-policy']).toBe(HTML_CSP);
    expect((await bare.inject({ url: '/graphql', headers: { accept: 'text/html' } })).statusCode).toBe(503);
    expect((await bare.inject({ url: '/graphql', headers: { accept: 'application/json' } })).json()).toEqual({ data: 'apollo' });
  } finally {
    await bare.close();
  }
});
