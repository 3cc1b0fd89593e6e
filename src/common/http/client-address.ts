import proxyAddr from '@fastify/proxy-addr';
import type { IncomingMessage } from 'node:http';
import type { TrustProxy } from '../../config/app-config';

/**
 * TRUST_PROXY as Fastify's `trustProxy`, with Express's meaning kept: a number trusts that many hops from the socket
 * (Fastify alone would trust none for a number), and `false` trusts no X-Forwarded-For.
 */
export function fastifyTrustProxy(trust: TrustProxy): boolean | string | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  if (Array.isArray(trust)) return trust.join(',');
  return trust;
}

/**
 * The client address Fastify gives a request as request.ip (honouring TRUST_PROXY), for a request the read cache
 * answers before Fastify sees it: the same proxy-addr rule, on the raw request.
 */
export function clientAddressAsFastify(trust: TrustProxy): (req: IncomingMessage) => string | undefined {
  const setting = fastifyTrustProxy(trust);
  if (setting === false) return (req) => req.socket.remoteAddress;
  const trusted =
    setting === true ? () => true : typeof setting === 'function' ? setting : proxyAddr.compile(setting.split(',').map((entry) => entry.trim()));
  return (req) => {
    const addresses = proxyAddr.all(req, trusted);
    return addresses[addresses.length - 1];
  };
}
