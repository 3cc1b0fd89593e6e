import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { parseSecret } from '../../organizations/api-key-secret';

export const RATE_LIMIT_PER_MINUTE = Symbol('RATE_LIMIT_PER_MINUTE');

/**
 * The budget of root GraphQL operations per API key (per client address for keyless, public requests) per minute,
 * kept in memory with rate-limiter-flexible: each replica limits on its own. KeyRateLimitGuard spends it for requests
 * GraphQL executes, the public read cache for the ones it answers itself, so a cached answer costs the same budget.
 */
@Injectable()
export class KeyRateLimiter {
  private readonly limiter: RateLimiterMemory;

  constructor(@Inject(RATE_LIMIT_PER_MINUTE) readonly perMinute: number) {
    this.limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  }

  /**
   * Who pays: the key the Authorization header names (not yet checked: an unknown key pays on its own budget and
   * fails authentication anyway), else the client address. `address` is Express's req.ip, which with Express's
   * default (no trusted proxy) is the socket's remote address.
   */
  static tracker(authorization: string | undefined, address: string | undefined): string {
    const ids = parseSecret(String(authorization ?? '').replace(/^Bearer\s+/i, '').trim());
    return ids ? `key:${ids.organizationId}:${ids.keyId}` : `ip:${address ?? 'unknown'}`;
  }

  /** Spends `points`; resolves with undefined when allowed, else with the seconds until the budget allows it. */
  async spend(tracker: string, points = 1): Promise<{ retryAfterSeconds: number } | undefined> {
    try {
      await this.limiter.consume(tracker, points);
      return undefined;
    } catch (result) {
      if (!(result instanceof RateLimiterRes)) throw result;
      return { retryAfterSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)) };
    }
  }
}
