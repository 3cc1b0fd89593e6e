import { KeyRateLimiter } from './key-rate-limiter';

const ORG = '0b5d2c4e-8f6a-4a57-9c1e-3d2f1a0b9c8d';
const KEY = '7e6f5d4c-3b2a-4190-8f7e-6d5c4b3a2918';

describe('KeyRateLimiter.tracker: who pays', () => {
  it('a verified key pays on its own budget, whatever the address', () => {
    expect(KeyRateLimiter.tracker({ organizationId: ORG, keyId: KEY }, '203.0.113.7')).toBe(`key:${ORG}:${KEY}`);
    expect(KeyRateLimiter.tracker({ organizationId: ORG, keyId: KEY }, '198.51.100.1')).toBe(`key:${ORG}:${KEY}`);
  });

  it('anything not verified pays on the client address, like a keyless request', () => {
    expect(KeyRateLimiter.tracker(undefined, '203.0.113.7')).toBe('ip:203.0.113.7');
    expect(KeyRateLimiter.tracker(undefined, undefined)).toBe('ip:unknown');
  });
});

describe('KeyRateLimiter.spend', () => {
  it('allows perMinute points per payer, then says how long to wait; payers do not share', async () => {
    const limiter = new KeyRateLimiter(3);
    for (let i = 0; i < 3; i += 1) expect(await limiter.spend('ip:a')).toBeUndefined();
    expect(await limiter.spend('ip:a')).toEqual({ retryAfterSeconds: expect.any(Number) });
    expect(await limiter.spend('ip:b', 3)).toBeUndefined();
    expect(await limiter.spend(`key:${ORG}:${KEY}`, 4)).toEqual({ retryAfterSeconds: expect.any(Number) });
  });
});
