/**
 * GraphiQL's storage, with headers kept out of it. GraphiQL leaves the headers editor out of its saved tabs unless
 * the user turns "persist headers" on in its settings (`shouldPersistHeaders`), but it saves every query of its
 * history and favourites WITH its headers, so an API key would land in localStorage after one run. This storage
 * drops `headers` from those lists before they are written, unless the user turned persisting headers on.
 */
import type { Storage } from '@graphiql/toolkit';

const LISTS_WITH_HEADERS = ['graphiql:queries', 'graphiql:favorites'];
const PERSIST_HEADERS = 'graphiql:shouldPersistHeaders';

export function headerlessStorage(backing: globalThis.Storage): Storage {
  return {
    getItem: (key) => backing.getItem(key),
    setItem(key, value) {
      backing.setItem(key, LISTS_WITH_HEADERS.includes(key) && backing.getItem(PERSIST_HEADERS) !== 'true' ? withoutHeaders(value) : value);
    },
    removeItem: (key) => backing.removeItem(key),
    clear: () => backing.clear(),
    get length() {
      return backing.length;
    },
  };
}

function withoutHeaders(value: string): string {
  try {
    const parsed = JSON.parse(value) as Record<string, unknown>;
    for (const list of Object.values(parsed)) {
      if (Array.isArray(list)) for (const item of list) if (item && typeof item === 'object') delete (item as { headers?: unknown }).headers;
    }
    return JSON.stringify(parsed);
  } catch {
    // Not the JSON GraphiQL writes: keep nothing rather than something that may hold a key.
    return '{}';
  }
}
