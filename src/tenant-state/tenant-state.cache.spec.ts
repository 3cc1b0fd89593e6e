import { jest } from '@jest/globals';
import { TenantStateCache } from './tenant-state.cache';

interface Value {
  name: string;
  bytes: number;
}

const CATALOG = { version: 1 };

function watching(maxBytes = 1_000, maxEntries?: number): TenantStateCache<Value> {
  const cache = new TenantStateCache<Value>({ maxBytes, maxEntries, sizeOf: (v) => v.bytes });
  cache.setWatching(true);
  return cache;
}

/** A load that resolves when told, counting how often it ran. */
function deferredLoads() {
  const resolvers: Array<(v: Value) => void> = [];
  const load = jest.fn(() => new Promise<Value>((resolve) => resolvers.push(resolve)));
  return { load, resolve: (i: number, v: Value) => resolvers[i](v) };
}

const value = (name: string, bytes = 10): Value => ({ name, bytes });

it('loads an organization once and serves it until it is invalidated', async () => {
  const cache = watching();
  const load = jest.fn(async () => value('first'));
  expect(await cache.get('org-a', CATALOG, load)).toEqual(value('first'));
  expect(await cache.get('org-a', CATALOG, load)).toEqual(value('first'));
  expect(load).toHaveBeenCalledTimes(1);
  cache.invalidate('org-a');
  expect(cache.has('org-a')).toBe(false);
  const reload = jest.fn(async () => value('second'));
  expect(await cache.get('org-a', CATALOG, reload)).toEqual(value('second'));
  expect(reload).toHaveBeenCalledTimes(1);
});

it('keeps organizations apart: invalidating one leaves the other', async () => {
  const cache = watching();
  await cache.get('org-a', CATALOG, async () => value('a'));
  await cache.get('org-b', CATALOG, async () => value('b'));
  cache.invalidate('org-a');
  expect([cache.has('org-a'), cache.has('org-b')]).toEqual([false, true]);
  expect(await cache.get('org-b', CATALOG, async () => value('not read'))).toEqual(value('b'));
});

it('shares one load among concurrent requests for one organization', async () => {
  const cache = watching();
  const { load, resolve } = deferredLoads();
  const answers = [cache.get('org-a', CATALOG, load), cache.get('org-a', CATALOG, load), cache.get('org-a', CATALOG, load)];
  expect(load).toHaveBeenCalledTimes(1);
  resolve(0, value('shared'));
  const values = await Promise.all(answers);
  expect(values.every((v) => v === values[0])).toBe(true);
  expect(cache.has('org-a')).toBe(true);
});

it('returns a load that an invalidation overtook to its callers, but does not keep it', async () => {
  const cache = watching();
  const { load, resolve } = deferredLoads();
  const early = cache.get('org-a', CATALOG, load); // may read before the write commits
  cache.invalidate('org-a'); // the write commits
  const late = cache.get('org-a', CATALOG, load); // a new generation: does not join the old load
  expect(load).toHaveBeenCalledTimes(2);
  resolve(0, value('before the write'));
  expect(await early).toEqual(value('before the write'));
  expect(cache.has('org-a')).toBe(false);
  resolve(1, value('after the write'));
  expect(await late).toEqual(value('after the write'));
  expect(await cache.get('org-a', CATALOG, async () => value('not read'))).toEqual(value('after the write'));
});

it('does not keep a load that failed, and the next request loads again', async () => {
  const cache = watching();
  await expect(cache.get('org-a', CATALOG, async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
  expect(cache.has('org-a')).toBe(false);
  expect(await cache.get('org-a', CATALOG, async () => value('back'))).toEqual(value('back'));
});

it('reads again when the catalog changed: an entry is kept for the catalog it was built on', async () => {
  const cache = watching();
  await cache.get('org-a', CATALOG, async () => value('old catalog'));
  const next = { version: 2 };
  const load = jest.fn(async () => value('new catalog'));
  expect(await cache.get('org-a', next, load)).toEqual(value('new catalog'));
  expect(load).toHaveBeenCalledTimes(1);
  expect(await cache.get('org-a', next, async () => value('not read'))).toEqual(value('new catalog'));
});

it('does not keep a load on the old catalog that a load on the new one overtook', async () => {
  const cache = watching();
  const { load, resolve } = deferredLoads();
  const old = cache.get('org-a', CATALOG, load);
  const next = { version: 2 };
  const fresh = cache.get('org-a', next, load);
  resolve(1, value('new catalog'));
  await fresh;
  resolve(0, value('old catalog'));
  await old;
  expect(await cache.get('org-a', next, async () => value('not read'))).toEqual(value('new catalog'));
});

it('evicts the least recently used organizations when the estimated bytes pass the bound', async () => {
  const cache = watching(100);
  await cache.get('org-a', CATALOG, async () => value('a', 40));
  await cache.get('org-b', CATALOG, async () => value('b', 40));
  await cache.get('org-a', CATALOG, async () => value('not read')); // a is now the most recently used
  await cache.get('org-c', CATALOG, async () => value('c', 40)); // 120 bytes: b goes
  expect(['org-a', 'org-b', 'org-c'].map((o) => cache.has(o))).toEqual([true, false, true]);
  expect(cache.bytes).toBe(80);
  // One entry larger than the whole bound is served but not kept.
  expect(await cache.get('org-d', CATALOG, async () => value('huge', 101))).toEqual(value('huge', 101));
  expect(cache.has('org-d')).toBe(false);
});

it('evicts by count too', async () => {
  const cache = watching(1_000, 2);
  for (const org of ['org-a', 'org-b', 'org-c']) await cache.get(org, CATALOG, async () => value(org, 1));
  expect(cache.size).toBe(2);
  expect(cache.has('org-a')).toBe(false);
});

it('counts an entry again when it grew, and evicts others to make room', async () => {
  const cache = watching(100);
  const a = value('a', 30);
  await cache.get('org-a', CATALOG, async () => a);
  await cache.get('org-b', CATALOG, async () => value('b', 30));
  a.bytes = 60; // a memoized status made it bigger
  cache.resize('org-a', a);
  expect(cache.bytes).toBe(90);
  a.bytes = 80;
  cache.resize('org-a', a);
  expect([cache.has('org-a'), cache.has('org-b')]).toEqual([true, false]);
  // A value that is not the one kept changes nothing.
  cache.resize('org-a', value('other', 1));
  expect(cache.bytes).toBe(80);
});

it('keeps and serves nothing while the watch is down, and starts empty when it is back', async () => {
  const cache = watching();
  await cache.get('org-a', CATALOG, async () => value('watched'));
  const { load, resolve } = deferredLoads();
  const inFlight = cache.get('org-b', CATALOG, load);
  cache.setWatching(false);
  expect(cache.enabled).toBe(false);
  expect(cache.has('org-a')).toBe(false);
  const down = jest.fn(async () => value('from the database'));
  expect(await cache.get('org-a', CATALOG, down)).toEqual(value('from the database'));
  expect(await cache.get('org-a', CATALOG, down)).toEqual(value('from the database'));
  expect(down).toHaveBeenCalledTimes(2); // every request reads
  expect(cache.size).toBe(0);
  cache.setWatching(true);
  resolve(0, value('started before the loss'));
  await inFlight;
  expect(cache.has('org-b')).toBe(false); // a notification may have been missed while it ran
  const up = jest.fn(async () => value('after'));
  await cache.get('org-a', CATALOG, up);
  await cache.get('org-a', CATALOG, up);
  expect(up).toHaveBeenCalledTimes(1);
});

it('keeps nothing before the watch is first up, and nothing at all with 0 bytes', async () => {
  const fresh = new TenantStateCache<Value>({ maxBytes: 1_000, sizeOf: (v) => v.bytes });
  const load = jest.fn(async () => value('x'));
  await fresh.get('org-a', CATALOG, load);
  await fresh.get('org-a', CATALOG, load);
  expect(load).toHaveBeenCalledTimes(2);
  const off = watching(0);
  expect(off.enabled).toBe(false);
  await off.get('org-a', CATALOG, load);
  await off.get('org-a', CATALOG, load);
  expect(load).toHaveBeenCalledTimes(4);
  expect(() => new TenantStateCache<Value>({ maxBytes: -1, sizeOf: () => 1 })).toThrow('maxBytes must be 0 or more');
});
