import Fastify, { type FastifyInstance } from 'fastify';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as zlib from 'node:zlib';
import { httpErrorBody, httpErrors, PARSED_BODY, readBodiesAsExpress, type WithParsedBody } from './http-errors.middleware';

/** A Fastify app on 127.0.0.1 that reads bodies as the service does and echoes what it read; `limit` bytes at most. */
async function echo(limit = 1000, setup?: (app: FastifyInstance) => void): Promise<{ app: FastifyInstance; port: number }> {
  const app = Fastify();
  readBodiesAsExpress(app, limit);
  app.setErrorHandler(httpErrors);
  setup?.(app);
  app.post('/', async (request) => ({ body: request.body === undefined ? 'undefined' : request.body }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, port: (app.server.address() as AddressInfo).port };
}

/** POSTs over real HTTP; without a content-length header the body goes chunked. */
function post(port: number, payload: string | Buffer, headers: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function send(payload: string | Buffer, headers: Record<string, string>, limit?: number, setup?: (app: FastifyInstance) => void) {
  const { app, port } = await echo(limit, setup);
  try {
    const chunked = headers['transfer-encoding'] === 'chunked';
    return await post(port, payload, chunked ? headers : { ...headers, 'content-length': String(Buffer.byteLength(payload)) });
  } finally {
    await app.close();
  }
}

const JSON_TYPE = { 'content-type': 'application/json' };

it('reads a JSON object or array, with or without charset=utf-8, and an empty body as {}', async () => {
  expect(await send('{"query":"{ a }"}', JSON_TYPE)).toEqual({ status: 200, json: { body: { query: '{ a }' } } });
  expect(await send('[1]', { 'content-type': 'application/json; charset=UTF-8' })).toEqual({ status: 200, json: { body: [1] } });
  expect(await send('', JSON_TYPE)).toEqual({ status: 200, json: { body: {} } });
});

it.each(['{"query": ', '"{ a }"', '42', 'null', '\u0000'])('answers %j with the coded 400, as express.json (strict) did', async (payload) => {
  expect(await send(payload, JSON_TYPE)).toEqual({ status: 400, json: httpErrorBody(400) });
});

it('answers a charset other than UTF-8 with the coded 415', async () => {
  const res = await send('{"query":"{ a }"}', { 'content-type': 'application/json; charset=latin1' });
  expect(res).toEqual({ status: 415, json: httpErrorBody(415) });
  expect((res.json.errors as Array<{ message: string }>)[0].message).toMatch(/charset.*UTF-8/);
});

it('answers a body over the limit with the coded 413, whether its length is declared or not', async () => {
  const big = JSON.stringify({ query: 'x'.repeat(2000) });
  expect(await send(big, JSON_TYPE)).toEqual({ status: 413, json: httpErrorBody(413) });
  expect(await send(big, { ...JSON_TYPE, 'transfer-encoding': 'chunked' })).toEqual({ status: 413, json: httpErrorBody(413) });
  // The limit is on the inflated body.
  expect(await send(zlib.gzipSync(big), { ...JSON_TYPE, 'content-encoding': 'gzip' })).toEqual({ status: 413, json: httpErrorBody(413) });
});

it('inflates gzip, deflate and br bodies, and answers another encoding with the coded 415', async () => {
  const body = '{"query":"{ a }"}';
  expect(await send(zlib.gzipSync(body), { ...JSON_TYPE, 'content-encoding': 'gzip' })).toEqual({ status: 200, json: { body: { query: '{ a }' } } });
  expect(await send(zlib.deflateSync(body), { ...JSON_TYPE, 'content-encoding': 'deflate' })).toEqual({ status: 200, json: { body: { query: '{ a }' } } });
  expect(await send(zlib.brotliCompressSync(body), { ...JSON_TYPE, 'content-encoding': 'br' })).toEqual({ status: 200, json: { body: { query: '{ a }' } } });
  expect(await send(body, { ...JSON_TYPE, 'content-encoding': 'compress' })).toEqual({ status: 415, json: httpErrorBody(415) });
  expect(await send('not gzip', { ...JSON_TYPE, 'content-encoding': 'gzip' })).toEqual({ status: 400, json: httpErrorBody(400) });
});

it('reads other content types within the limit but leaves them unparsed, for Apollo to answer', async () => {
  expect(await send('{"query":"{ a }"}', { 'content-type': 'text/plain' })).toEqual({ status: 200, json: { body: 'undefined' } });
  expect(await send('x'.repeat(2000), { 'content-type': 'text/plain' })).toEqual({ status: 413, json: httpErrorBody(413) });
});

it('takes a body the public read cache already parsed as it is, without reading the stream again', async () => {
  const res = await send('{"query":"on the wire"}', JSON_TYPE, 1000, (app) =>
    app.addHook('onRequest', async (request) => {
      (request.raw as WithParsedBody)[PARSED_BODY] = { query: 'parsed before' };
    }),
  );
  expect(res).toEqual({ status: 200, json: { body: { query: 'parsed before' } } });
});

it('answers any other failure before a route as a coded JSON error, never a stack trace', async () => {
  const res = await send('{}', JSON_TYPE, 1000, (app) =>
    app.addHook('onRequest', async () => {
      throw Object.assign(new Error('secret internals'), { statusCode: 200 });
    }),
  );
  expect(res).toEqual({ status: 500, json: httpErrorBody(500) });
});
