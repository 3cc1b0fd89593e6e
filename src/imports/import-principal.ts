import type { FastifyRequest } from 'fastify';
import { type KeyRateLimiter } from '../common/rate-limit/key-rate-limiter';
import type { RequestScope } from '../graphql/request-scope';
import { type RequestScopeFactory } from '../graphql/request-scope.factory';
import type { Principal } from '../organizations/auth/principal';
import { requireRole } from '../organizations/auth/require-role';

/**
 * Who may import through the POST /import/… routes: a key with role ADMIN or EDITOR (else UNAUTHENTICATED or
 * FORBIDDEN), charged one point of its rate-limit budget per request, as one GraphQL operation is, whatever the file
 * holds. The import itself may take as long and as much memory as its body limit allows, so the request scope is
 * unbounded.
 */
export async function importPrincipal(scopes: RequestScopeFactory, limiter: KeyRateLimiter, req: FastifyRequest): Promise<Principal> {
  return (await importScope(scopes, limiter, req)).principal;
}

/** importPrincipal, with the request scope it was read from, for an import that reads the catalog as the key's organization does. */
export async function importScope(scopes: RequestScopeFactory, limiter: KeyRateLimiter, req: FastifyRequest): Promise<{ scope: RequestScope; principal: Principal }> {
  const scope = await scopes.create(req, { maxMs: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY });
  const refused = await limiter.refusal(await scope.verifiedKey(), req.ip);
  if (refused) throw refused;
  const principal = await scope.principal();
  requireRole(principal, ['ADMIN', 'EDITOR']);
  return { scope, principal };
}
