import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphqlContext } from '../../graphql/request-scope';
import { KeyRateLimiter } from './key-rate-limiter';

/**
 * Rate limiting per verified API key (per client address for every other request), counted per root GraphQL
 * operation field. The key is verified first (once per request, shared with TenantGuard through the request scope; a
 * key verified lately costs no SQL); see KeyRateLimiter.tracker for who pays. (@nestjs/throttler was the first
 * choice, but as a CommonJS package requiring the ESM-only Nest 12 it cannot load under jest on Node 20.)
 */
@Injectable()
export class KeyRateLimitGuard implements CanActivate {
  constructor(private readonly limiter: KeyRateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true; // health checks are never limited
    const gql = GqlExecutionContext.create(context);
    if (!['Query', 'Mutation'].includes(gql.getInfo<{ parentType: { name: string } }>().parentType.name)) return true;
    const ctx = gql.getContext<GraphqlContext>();
    const verified = await ctx.verifiedKey();
    const refused = await this.limiter.refusal(verified, ctx.req.ip);
    if (refused) throw refused;
    return true;
  }
}
