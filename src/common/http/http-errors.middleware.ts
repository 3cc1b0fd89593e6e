import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The JSON answer, in the GraphQL error shape with a code, for a request that could not be read (or a failure). */
export function httpErrorBody(status: number, detail?: string): { errors: Array<{ message: string; extensions: { code: string } }> } {
  let message = status < 500 ? 'request: could not be read' : 'Internal server error';
  if (detail !== undefined) message = detail;
  else if (status === 413) message = 'request body: larger than the server accepts (REQUEST_BODY_LIMIT); send a smaller query';
  else if (status === 400) message = 'request body: not valid JSON; send {"query": "...", "variables": {...}}';
  else if (status === 415) message = 'request body: unsupported charset or content encoding; send UTF-8 JSON, uncompressed or gzip, deflate or br';
  return { errors: [{ message, extensions: { code: status < 500 ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR' } }] };
}

/** An error that answers with `status` and httpErrorBody(status). */
export class HttpBodyError extends Error {
  constructor(
    readonly statusCode: number,
    /** The message, when not the status's usual one (a file upload's limit is another setting). */
    readonly detail?: string,
  ) {
    super(httpErrorBody(statusCode, detail).errors[0].message);
  }
}

/**
 * The last word on errors that happen before GraphQL sees the request (a body over the limit, malformed JSON, a
 * charset other than UTF-8): a JSON answer in the GraphQL error shape, with a code, and never a stack trace. Installed
 * as Fastify's error handler; what Nest handles itself (its controllers' exceptions) never reaches it.
 */
export function httpErrors(error: unknown, _request: FastifyRequest, reply: FastifyReply): void {
  const e = error as { status?: number; statusCode?: number; getStatus?: () => number };
  const given = e.getStatus?.() ?? e.statusCode ?? e.status ?? 500;
  const status = Number.isInteger(given) && given >= 400 && given <= 599 ? given : 500;
  const detail = error instanceof HttpBodyError ? error.detail : undefined;
  void reply.code(status).type('application/json; charset=utf-8').send(httpErrorBody(status, detail));
}

/** Set on the raw request by the public read cache when it has read and parsed the body already. */
export const PARSED_BODY = Symbol('crosswalk.parsedBody');
export type WithParsedBody = IncomingMessage & { [PARSED_BODY]?: unknown };

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

/** The charset a Content-Type names, in lower case; undefined when it names none. */
export function contentTypeCharset(contentType: string): string | undefined {
  return CHARSET.exec(contentType)?.[1]?.toLowerCase();
}

/**
 * Reads request bodies as Express's `express.json({ limit })` did, so clients see the same answers:
 * - `application/json`: UTF-8 only (another charset: 415), identity, gzip, deflate or br (another encoding: 415),
 *   at most `limit` bytes once inflated (413), an object or an array (anything else, or malformed JSON: 400); an empty
 *   body reads as `{}`;
 * - any other content type is read (within the limit) and left unparsed, so Apollo answers it (CSRF prevention,
 *   "POST body missing") as it did behind Express.
 * A body the public read cache has already parsed (PARSED_BODY) is taken as it is.
 *
 * `files`: the routes that take a file (POST /import/…): any body there, JSON too (an OSCAL document), is read as bytes
 * (a Buffer), inflated like JSON, at most `files.limit` bytes (IMPORT_BODY_LIMIT: else 413 naming that setting), and
 * left to the route to read by its content type.
 */
export function readBodiesAsExpress(fastify: FastifyInstance, limit: number, files?: { prefix: string; limit: number; setting: string }): void {
  fastify.removeAllContentTypeParsers();
  const fileMessages = files && {
    tooLarge: `request body: larger than ${files.limit} bytes, the most the server takes in a file (${files.setting}); split the file`,
    unreadable: 'request body: the compressed body could not be inflated; send it uncompressed, or as valid gzip, deflate or br',
  };
  fastify.addContentTypeParser('application/json', (request: FastifyRequest, payload: IncomingMessage, done: (err: Error | null, body?: unknown) => void) => {
    // A JSON file (an OSCAL document) sent to an import route: bytes within the file limit, for the route to parse.
    if (files && request.url.startsWith(files.prefix)) return readBytes(request, payload, files.limit, (error, bytes) => done(error ?? null, bytes), fileMessages);
    const raw = request.raw as WithParsedBody;
    if (PARSED_BODY in raw) return done(null, raw[PARSED_BODY]);
    const charset = contentTypeCharset(request.headers['content-type'] ?? '') ?? 'utf-8';
    if (charset !== 'utf-8' && charset !== 'utf8') return discard(payload, () => done(new HttpBodyError(415)));
    readBody(request, payload, limit, (error, text) => {
      if (error) return done(error);
      let body: unknown;
      try {
        body = parseJsonBody(text!);
      } catch (failure) {
        return done(failure as Error);
      }
      done(null, body);
    });
  });
  fastify.addContentTypeParser('*', (request: FastifyRequest, payload: IncomingMessage, done: (err: Error | null, body?: unknown) => void) => {
    if (files && request.url.startsWith(files.prefix)) return readBytes(request, payload, files.limit, (error, bytes) => done(error ?? null, bytes), fileMessages);
    readBody(request, payload, limit, (error) => done(error ?? null, undefined));
  });
}

/** Parses a JSON body as express.json (strict) does; throws HttpBodyError(400) for what it refuses. */
export function parseJsonBody(text: string): unknown {
  if (text.length === 0) return {};
  // JSON's own whitespace (space, tab, LF, CR) may come first; String.trimStart would take more.
  let i = 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i += 1;
  if (text[i] !== '{' && text[i] !== '[') throw new HttpBodyError(400);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpBodyError(400);
  }
}

/** Reads the (inflated) body as UTF-8 text, at most `limit` bytes: else HttpBodyError 413, or 415 for an unknown encoding. */
function readBody(request: FastifyRequest, payload: IncomingMessage, limit: number, done: (error: Error | null, text?: string) => void): void {
  readBytes(request, payload, limit, (error, bytes) => done(error, bytes?.toString('utf8')));
}

/**
 * Reads the (inflated) body, at most `limit` bytes: else HttpBodyError 413, 400 when it cannot be inflated (with
 * `messages` when given), or 415 for an unknown encoding.
 */
function readBytes(
  request: FastifyRequest,
  payload: IncomingMessage,
  limit: number,
  done: (error: Error | null, bytes?: Buffer) => void,
  messages: { tooLarge?: string; unreadable?: string } = {},
): void {
  const { tooLarge, unreadable } = messages;
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return discard(payload, () => done(new HttpBodyError(413, tooLarge)));
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
  let stream: Readable = payload;
  if (encoding === 'gzip' || encoding === 'x-gzip') stream = payload.pipe(zlib.createGunzip());
  else if (encoding === 'deflate') stream = payload.pipe(zlib.createInflate());
  else if (encoding === 'br') stream = payload.pipe(zlib.createBrotliDecompress());
  else if (encoding !== 'identity') return discard(payload, () => done(new HttpBodyError(415)));
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  let finished = false;
  const finish = (error: Error | null, bytes?: Buffer) => {
    if (finished) return;
    finished = true;
    done(error, bytes);
  };
  stream.on('data', (chunk: Buffer) => {
    if (over) return; // read to the end and dropped, so the connection stays usable
    size += chunk.length;
    if (size <= limit) {
      chunks.push(chunk);
      return;
    }
    over = true;
    chunks.length = 0;
    if (stream !== payload) {
      // An inflated body: stop inflating, drain the compressed bytes.
      stream.destroy();
      discard(payload, () => finish(new HttpBodyError(413, tooLarge)));
    }
  });
  stream.on('error', () => finish(over ? new HttpBodyError(413, tooLarge) : new HttpBodyError(400, unreadable)));
  stream.on('end', () => finish(over ? new HttpBodyError(413, tooLarge) : null, Buffer.concat(chunks)));
}

/** Drains what is left of a body nobody reads, so the connection stays usable, then calls `then`. */
function discard(payload: IncomingMessage, then: () => void): void {
  payload.unpipe();
  payload.removeAllListeners('data');
  if (payload.readableEnded) return then();
  payload.once('end', then);
  payload.resume();
  payload.once('error', then);
}
