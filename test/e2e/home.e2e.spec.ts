/** GET / is a small self-contained page that links what a newcomer needs; the guide and schema it links are served. */
import * as fs from 'node:fs';
import { HTML_CSP } from '../../src/web/web-app';
import { startTestServer, type TestServer } from '../support/server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

it('answers GET / with an HTML page offering the dashboard and linking GraphQL, health and the docs, every link working', async () => {
  const response = await fetch(`${t.url}/`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(response.headers.get('x-powered-by')).toBeNull();
  expect(response.headers.get('content-security-policy')).toBe(HTML_CSP);
  const html = await response.text();
  const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
  expect(links).toEqual(['/app/', '/graphql', '/docs/api.md', '/schema.gql', '/health/live', '/health/ready']);
  expect(html).not.toMatch(/<script|src=|https?:\/\//); // no scripts, no external assets
  for (const link of links.filter((l) => l !== '/graphql')) expect([link, (await fetch(`${t.url}${link}`)).status]).toEqual([link, 200]);
  const graphql = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ frameworks { code } }"}' });
  expect(graphql.status).toBe(200);
});

it('serves docs/api.md as markdown and schema.gql as text, byte for byte', async () => {
  const docs = await fetch(`${t.url}/docs/api.md`);
  expect(docs.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
  expect(await docs.text()).toBe(fs.readFileSync('docs/api.md', 'utf8'));
  const schema = await fetch(`${t.url}/schema.gql`);
  expect(schema.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  expect(await schema.text()).toBe(fs.readFileSync('schema.gql', 'utf8'));
});

it('still answers an unknown path with a coded 404', async () => {
  const response = await fetch(`${t.url}/nothing-here`);
  expect(response.status).toBe(404);
});
