import { VerifiedKeyCache } from './verified-key.cache';
import type { Principal } from './principal';

const alice: Principal = { organizationId: 'org-a', keyId: 'key-1', role: 'ADMIN' };
const bob: Principal = { organizationId: 'org-a', keyId: 'key-2', role: 'AUDITOR' };

function watching(): VerifiedKeyCache {
  const cache = new VerifiedKeyCache(3);
  cache.setWatching(true);
  return cache;
}

it('serves a verified key until it is dropped', () => {
  const cache = watching();
  cache.put('h1', alice, undefined, cache.ticket());
  cache.put('h2', bob, undefined, cache.ticket());
  expect(cache.get('h1')).toBe(alice);
  cache.drop('org-a', 'key-1');
  expect(cache.get('h1')).toBeUndefined();
  expect(cache.get('h2')).toBe(bob);
});

it('drops by organization and key together: the same key id in another organization stays', () => {
  const cache = watching();
  cache.put('h1', alice, undefined, cache.ticket());
  cache.drop('org-b', 'key-1');
  expect(cache.get('h1')).toBe(alice);
});

it('honours expiry on every read', () => {
  const cache = watching();
  cache.put('h1', alice, 1_000, cache.ticket());
  expect(cache.get('h1', 999)).toBe(alice);
  expect(cache.get('h1', 1_000)).toBeUndefined();
  expect(cache.get('h1', 0)).toBeUndefined(); // gone for good once seen expired
});

it('keeps nothing verified before a drop: a read that raced a revocation cannot bring the key back', () => {
  const cache = watching();
  const ticket = cache.ticket(); // the database read starts
  cache.drop('org-a', 'key-1'); // the revocation commits and is heard meanwhile
  cache.put('h1', alice, undefined, ticket);
  expect(cache.get('h1')).toBeUndefined();
  cache.put('h1', alice, undefined, cache.ticket());
  expect(cache.get('h1')).toBe(alice);
});

it('is not trusted, and keeps nothing, while revocations are not heard', () => {
  const cache = new VerifiedKeyCache();
  cache.put('h1', alice, undefined, cache.ticket());
  expect(cache.get('h1')).toBeUndefined(); // never watching yet
  cache.setWatching(true);
  cache.put('h1', alice, undefined, cache.ticket());
  const ticket = cache.ticket();
  cache.setWatching(false); // the watch connection is lost
  expect(cache.get('h1')).toBeUndefined();
  cache.setWatching(true); // back: what was cached before may have been revoked meanwhile
  expect(cache.get('h1')).toBeUndefined();
  cache.put('h1', alice, undefined, ticket);
  expect(cache.get('h1')).toBeUndefined();
});

it('is bounded: the oldest entry goes first', () => {
  const cache = watching();
  for (let i = 0; i < 4; i += 1) cache.put(`h${i}`, { ...alice, keyId: `k${i}` }, undefined, cache.ticket());
  expect(cache.size).toBe(3);
  expect(cache.get('h0')).toBeUndefined();
  expect(cache.get('h3')?.keyId).toBe('k3');
});
