import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/**
 * CORS for browser clients (web GRC tools that call the API from a page), off unless CORS_ORIGINS lists origins.
 * An allow-list of exact origins, never `*`: a listed origin gets `Access-Control-Allow-Origin: <that origin>`, any
 * other gets no CORS header, so the browser keeps the answer from its page. No credentials: keys travel in the
 * Authorization header, which the page sets itself.
 *
 * Fastify answers through Nest's enableCors (@fastify/cors) with `corsOptions`; the public read cache, which answers
 * some requests before Fastify, adds `corsHeaders` of the request in hand and never replays the ones stored with an answer.
 */
export function corsOptions(origins: readonly string[]) {
  return {
    origin: [...origins],
    // Strings, written as they are: @fastify/cors would join lists with ", " where Express's cors wrote ",".
    methods: 'GET,POST,OPTIONS',
    allowedHeaders: 'content-type,authorization,apollo-require-preflight,x-apollo-operation-name',
    maxAge: 600,
    credentials: false,
  };
}

/** The CORS headers of an actual (not preflight) response to `request`, as the cors middleware writes them. */
export function corsHeaders(origins: readonly string[], request: IncomingHttpHeaders): OutgoingHttpHeaders {
  const origin = request.origin;
  return typeof origin === 'string' && origins.includes(origin) ? { 'access-control-allow-origin': origin } : {};
}

/** Whether a response header is a CORS header: they depend on the request's Origin, so a stored answer drops them. */
export function isCorsHeader(name: string): boolean {
  return name.toLowerCase().startsWith('access-control-');
}
