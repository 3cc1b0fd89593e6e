import { hashSecret, newSecret, parseSecret, secretMatches } from './api-key-secret';

const ORG = '0f8fad5b-d9cb-469f-a165-70867728950e';
const KEY = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

it('round-trips the ids through a secret, and the secret differs every time', () => {
  const a = newSecret(ORG, KEY);
  const b = newSecret(ORG, KEY);
  expect(a).toMatch(/^cwk_[A-Za-z0-9_-]{43}_[A-Za-z0-9_-]{43}$/);
  expect(a).not.toBe(b);
  expect(parseSecret(a)).toEqual({ organizationId: ORG, keyId: KEY });
});

it.each(['', 'Bearer x', 'cwk_short_short', `cwk_${'A'.repeat(43)}`, `xyz_${'A'.repeat(43)}_${'A'.repeat(43)}`, `cwk_${'!'.repeat(43)}_${'A'.repeat(43)}`])(
  'rejects %j as not a secret',
  (value) => {
    expect(parseSecret(value)).toBeUndefined();
  },
);

it('matches only the exact secret against its stored hash', () => {
  const secret = newSecret(ORG, KEY);
  const stored = hashSecret(secret);
  expect(stored).toMatch(/^[0-9a-f]{64}$/);
  expect(secretMatches(secret, stored)).toBe(true);
  expect(secretMatches(`${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`, stored)).toBe(false);
  expect(secretMatches(secret, 'not-hex')).toBe(false);
});
