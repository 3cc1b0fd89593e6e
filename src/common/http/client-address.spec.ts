import Fastify from 'fastify';
import * as http from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TrustProxy } from '../../config/app-config';
import { clientAddressAsFastify, fastifyTrustProxy } from './client-address';

/**
 * The read cache charges a cached answer to the address Fastify would give the request as request.ip: the two must
 * agree for every TRUST_PROXY setting, and a number of hops keeps the meaning it had behind Express. Real HTTP from
 * 127.0.0.1.
 */
async function addresses(trust: TrustProxy, forwardedFor?: string): Promise<{ fastify: string; cache?: string }> {
  const app = Fastify({ trustProxy: fastifyTrustProxy(trust) });
  let raw: IncomingMessage | undefined;
  app.get('/', async (request) => {
    raw = request.raw;
    return request.ip;
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const { port } = app.server.address() as AddressInfo;
    const fastify = await new Promise<string>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/', headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve(body));
        })
        .on('error', reject);
    });
    return { fastify, cache: clientAddressAsFastify(trust)(raw!) };
  } finally {
    await app.close();
  }
}

it.each([
  // TRUST_PROXY, X-Forwarded-For, the client address (the socket is 127.0.0.1)
  [false, '203.0.113.9', '127.0.0.1'],
  [true, '198.51.100.1, 203.0.113.9', '198.51.100.1'],
  // A number of hops: Express's meaning (Fastify given the number itself would trust no hop at all).
  [1, '198.51.100.1, 203.0.113.9', '203.0.113.9'],
  [2, '198.51.100.1, 203.0.113.9', '198.51.100.1'],
  [1, undefined, '127.0.0.1'],
  [['loopback'], '203.0.113.9', '203.0.113.9'],
  [['10.0.0.0/8'], '203.0.113.9', '127.0.0.1'],
  [['10.0.0.0/8', 'loopback'], '203.0.113.9, 10.1.2.3', '203.0.113.9'],
] as Array<[TrustProxy, string | undefined, string]>)('TRUST_PROXY=%j, X-Forwarded-For %j: the client is %s, for Fastify and the cache alike', async (trust, forwarded, client) => {
  expect(await addresses(trust, forwarded)).toEqual({ fastify: client, cache: client });
});
