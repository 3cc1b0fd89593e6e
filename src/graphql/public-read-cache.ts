import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { CatalogVersionWatcher } from '../catalog/catalog-version.watcher';
import { corsHeaders, isCorsHeader } from '../common/http/cors';
import { httpErrorBody, parseJsonBody, PARSED_BODY, type WithParsedBody } from '../common/http/http-errors.middleware';
import { KeyRateLimiter, type VerifiedKeyIds } from '../common/rate-limit/key-rate-limiter';

/**
 * A response cache for public catalog reads, in front of Fastify and Apollo.
 *
 * GRC tools poll the catalog with the same few queries; without a key, the answer to a query depends only on the
 * query text, its variables and the catalog version. So the answer to a keyless POST /graphql is kept, keyed by the
 * exact request body and the Accept header (by which Apollo picks application/json or application/graphql-response+json),
 * when Apollo executed it as a query (never a mutation) without any error and with status 200; the next identical
 * request gets those bytes back without Fastify, Apollo or a SQL statement.
 *
 * Only keyless answers are stored, so no tenant data can reach the cache: a query that touches a tenant field fails
 * without a key. A request with a key may be answered from an entry all the same. An entry exists only for a body that
 * succeeded without a key, so it reads public fields alone, and public fields answer the same with any key, valid or
 * not, or none (the attacker suite walks every public type to prove it). GRC tools send their key on every request.
 *
 * Correctness rests on the catalog version. Every entry records the version it was computed under and is served only
 * while CatalogVersionWatcher reports that same version; a catalog load notifies the watcher when it commits, and
 * all entries go. While the watcher's connection is down (a notification may be missed), nothing is served from the
 * cache. A cached answer spends the same rate-limit budget as an executed one, counted per root field, from the same
 * payer (KeyRateLimiter.tracker): a verified key, else the client address as Fastify reads it (request.ip).
 *
 * Everything the cache does not take on (other paths and methods, other content types, compressed or chunked bodies,
 * conditional requests, bodies over `maxKeyBytes`) goes to Fastify untouched. A body the cache read goes on to Fastify
 * parsed (PARSED_BODY), and the service's JSON parser (readBodiesAsExpress) takes it as it is; what it cannot parse
 * gets the same coded 400 as from that parser.
 */
export interface PublicReadCacheOptions {
  /** Most entries kept; the least recently used go first. 0 turns the cache off. */
  maxEntries: number;
  /** Most response bytes kept, all entries together. */
  maxBytes: number;
  /** Largest single entry (response and key): a bigger answer is served but not kept, so it cannot evict the rest. */
  maxEntryBytes: number;
  /** Longest request body (the cache key) the cache takes on; never more than the body limit. */
  maxKeyBytes: number;
  /** Verifies an Authorization header (OrganizationsService.authenticate): a verified key pays a hit from its budget. */
  authenticate: (header: string) => Promise<VerifiedKeyIds>;
  /** The client address, as Fastify works it out (TRUST_PROXY): every other request pays from its budget. */
  clientAddress: (req: IncomingMessage) => string | undefined;
  /** CORS_ORIGINS: a hit gets the CORS headers of its own request's Origin (src/common/http/cors.ts). */
  corsOrigins?: readonly string[];
}

interface Entry {
  version: number;
  body: Buffer;
  headers: OutgoingHttpHeaders;
  /** Root fields of the query: the rate-limit points a hit spends, as executing it would. */
  operations: number;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Set on the request by the Apollo plugin when the response may be stored; removed again if it has errors. */
const CACHEABLE = Symbol('crosswalk.cacheable');
type Marked = WithParsedBody & { [CACHEABLE]?: { operations: number } };

const JSON_UTF8 = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;
/** Headers a stored response does not carry over: the server writes its own. */
const NOT_REPLAYED = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'x-cache']);

export class PublicReadCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  readonly stats = { hits: 0, misses: 0, stored: 0, evicted: 0, tooLarge: 0 };

  constructor(
    private readonly watcher: CatalogVersionWatcher,
    private readonly limiter: KeyRateLimiter,
    private readonly options: PublicReadCacheOptions,
  ) {
    watcher.onChange(() => this.clear());
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  /** The server's request listener: answers from the cache when it can, else hands the request to `next` (Fastify). */
  handle(req: IncomingMessage, res: ServerResponse, next: Handler): void {
    if (!this.takesOn(req)) return next(req, res);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8');
      this.answer(text, req as Marked, res, next).catch(() => {
        // Nothing in answer() is expected to throw; if it does, the client still gets a coded answer, not a hang.
        if (res.headersSent) res.destroy();
        else sendError(res, 500);
      });
    });
  }

  private takesOn(req: IncomingMessage): boolean {
    if (this.options.maxEntries === 0 || req.method !== 'POST' || req.url !== '/graphql') return false;
    const h = req.headers;
    if (h['if-none-match'] !== undefined || h['if-modified-since'] !== undefined) return false;
    if (h['content-encoding'] !== undefined && h['content-encoding'] !== 'identity') return false;
    if (!JSON_UTF8.test(h['content-type'] ?? '')) return false;
    const length = Number(h['content-length']);
    return Number.isInteger(length) && length > 0 && length <= this.options.maxKeyBytes;
  }

  private async answer(text: string, req: Marked, res: ServerResponse, next: Handler): Promise<void> {
    const key = `${req.headers.accept ?? ''}\n${text}`;
    const version = this.watcher.version;
    const entry = version === undefined ? undefined : this.entries.get(key);
    if (entry && entry.version === version) {
      const header = req.headers.authorization;
      const verified = header === undefined ? undefined : await this.options.authenticate(header).catch(() => undefined);
      const refused = await this.limiter.spend(KeyRateLimiter.tracker(verified, this.options.clientAddress(req)), entry.operations);
      // Over budget: GraphQL answers, and the rate-limit guard words the refusal.
      if (!refused) {
        this.entries.delete(key); // least recently used first: re-insert at the end
        this.entries.set(key, entry);
        this.stats.hits += 1;
        res.writeHead(200, { ...entry.headers, ...corsHeaders(this.options.corsOrigins ?? [], req.headers), 'x-cache': 'hit' });
        res.end(entry.body);
        return;
      }
    }
    let body: unknown;
    try {
      body = parseJsonBody(text);
    } catch {
      return sendError(res, 400);
    }
    req[PARSED_BODY] = body;
    this.stats.misses += 1;
    if (version !== undefined) {
      res.setHeader('x-cache', 'miss');
      if (req.headers.authorization === undefined) this.storeWhenSent(key, version, req, res);
    }
    next(req, res);
  }

  /** Keeps the response when it is sent, if Apollo marked it cacheable and the catalog did not change meanwhile. */
  private storeWhenSent(key: string, version: number, req: Marked, res: ServerResponse): void {
    const end = res.end;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      res.end = end;
      const marked = req[CACHEABLE];
      if (marked && res.statusCode === 200 && this.watcher.version === version && (typeof chunk === 'string' || Buffer.isBuffer(chunk))) {
        const headers: OutgoingHttpHeaders = {};
        // CORS headers answer the Origin of the request that was executed: a hit gets its own.
        for (const [name, value] of Object.entries(res.getHeaders())) if (!NOT_REPLAYED.has(name) && !isCorsHeader(name)) headers[name] = value;
        this.store(key, { version, body: Buffer.from(chunk), headers, operations: marked.operations });
      }
      return (end as (...args: unknown[]) => ServerResponse).call(res, chunk, ...rest);
    }) as ServerResponse['end'];
  }

  private store(key: string, entry: Entry): void {
    const size = entry.body.length + key.length;
    if (size > this.options.maxBytes || size > this.options.maxEntryBytes) {
      this.stats.tooLarge += 1;
      return;
    }
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.body.length + key.length;
    }
    while (this.entries.size > 0 && (this.entries.size >= this.options.maxEntries || this.bytes + size > this.options.maxBytes)) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, Entry];
      this.entries.delete(oldestKey);
      this.bytes -= oldest.body.length + oldestKey.length;
      this.stats.evicted += 1;
    }
    this.entries.set(key, entry);
    this.bytes += size;
    this.stats.stored += 1;
  }
}

/** The coded JSON error httpErrors would send through Fastify, written on the bare response. */
function sendError(res: ServerResponse, status: number): void {
  const error = JSON.stringify(httpErrorBody(status));
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(error) });
  res.end(error);
}

/**
 * Marks a request's response cacheable for PublicReadCache: a query (not a mutation or subscription) whose response
 * has data and no errors. The mark also carries the number of root fields, the rate-limit points a hit spends.
 */
export const publicReadCachePlugin: ApolloServerPlugin<{ req: { raw: IncomingMessage } }> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, document, contextValue }) {
        if (operation?.operation !== 'query') return;
        (contextValue.req.raw as Marked)[CACHEABLE] = { operations: Math.max(1, countRootFields(operation.selectionSet, document)) };
      },
      async willSendResponse({ response, contextValue }) {
        const single = response.body.kind === 'single' ? response.body.singleResult : undefined;
        if (!single || single.errors?.length || single.data == null) delete (contextValue.req.raw as Marked)[CACHEABLE];
      },
    };
  },
};

/** Root fields a query selects, through fragments, as the rate-limit guard counts them (introspection fields aside). */
export function countRootFields(selectionSet: SelectionSetNode, document: DocumentNode, seen = new Set<string>()): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (!selection.name.value.startsWith('__')) count += 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countRootFields(selection.selectionSet, document, seen);
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = document.definitions.find(
        (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value,
      );
      if (fragment) count += countRootFields(fragment.selectionSet, document, seen);
    }
  }
  return count;
}
