import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { KeyRateLimiter } from './key-rate-limiter';

/**
 * Rate limiting per API key (per client address for keyless, public requests), counted per root GraphQL operation
 * field. (@nestjs/throttler was the first choice, but as a CommonJS package requiring the ESM-only Nest 12 it cannot
 * load under jest on Node 20.)
 */
@Injectable()
export class KeyRateLimitGuard implements CanActivate {
  constructor(private readonly limiter: KeyRateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true; // health checks are never limited
    const gql = GqlExecutionContext.create(context);
    if (!['Query', 'Mutation'].includes(gql.getInfo<{ parentType: { name: string } }>().parentType.name)) return true;
    const req = gql.getContext<{ req: { headers: Record<string, string | undefined>; ip?: string } }>().req;
    const refused = await this.limiter.spend(KeyRateLimiter.tracker(req.headers.authorization, req.ip));
    if (!refused) return true;
    const { retryAfterSeconds } = refused;
    throw new DomainError(
      ErrorCode.FORBIDDEN,
      `rate limit: at most ${this.limiter.perMinute} operations per 60 s for this key; retry in ${retryAfterSeconds} s`,
      undefined,
      { retryAfterSeconds },
    );
  }
}
