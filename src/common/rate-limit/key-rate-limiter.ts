import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError, ErrorCode } from '../errors/domain-error';

export const RATE_LIMIT_PER_MINUTE = Symbol('RATE_LIMIT_PER_MINUTE');

/** The ids of an API key that authentication has verified (a Principal). */
export interface VerifiedKeyIds {
  organizationId: string;
  keyId: string;
}

/**
 * The budget of root GraphQL operations per API key (per client address for every other request) per minute, kept
 * in memory with rate-limiter-flexible: each replica limits on its own. KeyRateLimitGuard spends it for requests
 * GraphQL executes, the public read cache for the ones it answers itself, so a cached answer costs the same budget.
 */
@Injectable()
export class KeyRateLimiter {
  private readonly limiter: RateLimiterMemory;

  constructor(@Inject(RATE_LIMIT_PER_MINUTE) readonly perMinute: number) {
    this.limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  }

  /**
   * Who pays: a key only once it is verified, and then the key alone; anything else (no key, a malformed, unknown,
   * forged, revoked or expired one) pays on the client address. Charging the ids a key merely claims would let a
   * fresh invented key per request go unlimited, and let anyone who knows a key's ids (its first 47 characters, which
   * `me` and the audit trail show) spend that key's budget. `address` is the client address as Fastify sees it
   * (request.ip, which follows TRUST_PROXY).
   */
  static tracker(verified: VerifiedKeyIds | undefined, address: string | undefined): string {
    return verified ? `key:${verified.organizationId}:${verified.keyId}` : `ip:${address ?? 'unknown'}`;
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

  /**
   * Spends one point for the caller (the verified key, else the client address): undefined when allowed, else the
   * coded refusal clients see, FORBIDDEN with `retryAfterSeconds`, worded the same for GraphQL and HTTP routes.
   */
  async refusal(verified: VerifiedKeyIds | undefined, address: string | undefined): Promise<DomainError | undefined> {
    const refused = await this.spend(KeyRateLimiter.tracker(verified, address));
    if (!refused) return undefined;
    const { retryAfterSeconds } = refused;
    return new DomainError(
      ErrorCode.FORBIDDEN,
      `rate limit: at most ${this.perMinute} operations per 60 s for this ${verified ? 'key' : 'client address'}; retry in ${retryAfterSeconds} s`,
      undefined,
      { retryAfterSeconds },
    );
  }
}
