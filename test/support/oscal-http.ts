import type { TestServer } from './server';

/** POSTs a body to /import/oscal/<route> over real HTTP; the status and the parsed JSON answer. */
export async function postOscal(server: TestServer, route: string, body: Buffer | string, key: string | undefined, type: string | undefined = 'application/json') {
  const response = await fetch(`${server.url}/import/oscal/${route}`, {
    method: 'POST',
    headers: { ...(type ? { 'content-type': type } : {}), ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as any };
}
