import DataLoader from 'dataloader';

/**
 * Dispatch a batch on the next turn of the event loop rather than after the current promise jobs. Resolvers that
 * await a guard or another load first would otherwise call `load()` a few microtasks late and start a second batch;
 * a statement count that depends on that timing is neither small nor predictable.
 */
export const BATCH_OPTIONS = { batchScheduleFn: (dispatch: () => void) => setImmediate(dispatch) };

/** A DataLoader over one batch function, with the project's batching. */
export function batchLoader<K, V>(load: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
  return new DataLoader(load, BATCH_OPTIONS);
}

/** A DataLoader by ID whose batch function returns rows in any order; missing IDs resolve to null. */
export function loaderById<T extends { id: string }>(fetch: (ids: readonly string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const byId = new Map((await fetch(ids)).map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }, BATCH_OPTIONS);
}

/**
 * A DataLoader for keys of the form (id, options), as relation fields with arguments need. Keys that share options
 * are fetched together with one call of `fetch(ids, options)`, so a list query still costs one statement per
 * distinct set of arguments, not one per row.
 */
export function loaderWithOptions<O, V>(
  fetch: (ids: string[], options: O) => Promise<Map<string, V>>,
  fallback: () => V,
): DataLoader<{ id: string; options: O }, V, string> {
  return new DataLoader(
    async (keys) => {
      const groups = new Map<string, { options: O; ids: string[] }>();
      for (const key of keys) {
        const group = JSON.stringify(key.options);
        if (!groups.has(group)) groups.set(group, { options: key.options, ids: [] });
        groups.get(group)!.ids.push(key.id);
      }
      const results = new Map<string, Map<string, V>>();
      await Promise.all(
        [...groups].map(async ([group, { options, ids }]) => results.set(group, await fetch([...new Set(ids)], options))),
      );
      return keys.map((key) => results.get(JSON.stringify(key.options))?.get(key.id) ?? fallback());
    },
    { ...BATCH_OPTIONS, cacheKeyFn: (key) => `${key.id}|${JSON.stringify(key.options)}` },
  );
}
