import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { parseSecret } from '../../organizations/api-key-secret';

export const RATE_LIMIT_PER_MINUTE = Symbol('RATE_LIMIT_PER_MINUTE');

/**
 * Rate limiting per API key (per client address for keyless, public requests), counted per root GraphQL operation
 * field, with rate-limiter-flexible's in-memory limiter: each replica limits on its own. (@nestjs/throttler was the
 * first choice, but as a CommonJS package requiring the ESM-only Nest 12 it cannot load under jest on Node 20.)
 */
@Injectable()
export class KeyRateLimitGuard implements CanActivate {
  private readonly limiter: RateLimiterMemory;

  constructor(@Inject(RATE_LIMIT_PER_MINUTE) private readonly perMinute: number) {
    this.limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true; // health checks are never limited
    const gql = GqlExecutionContext.create(context);
    if (!['Query', 'Mutation'].includes(gql.getInfo<{ parentType: { name: string } }>().parentType.name)) return true;
    const req = gql.getContext<{ req: { headers: Record<string, string | undefined>; ip?: string } }>().req;
    const ids = parseSecret(String(req.headers.authorization ?? '').replace(/^Bearer\s+/i, '').trim());
    const tracker = ids ? `key:${ids.organizationId}:${ids.keyId}` : `ip:${req.ip ?? 'unknown'}`;
    try {
      await this.limiter.consume(tracker);
      return true;
    } catch (result) {
      if (!(result instanceof RateLimiterRes)) throw result;
      const seconds = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
      const error = new DomainError(ErrorCode.FORBIDDEN, `rate limit: at most ${this.perMinute} operations per 60 s for this key; retry in ${seconds} s`);
      throw Object.assign(error, { retryAfterSeconds: seconds });
    }
  }
}
