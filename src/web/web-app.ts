/**
 * The dashboard and the offline GraphiQL, as built by `npm run build` into dist/web (web/README.md):
 * - /app/assets/*: the hashed bundles, cached for a year (their names change with their content), gzipped by the
 *   build for browsers that accept it;
 * - /app and every path under it: the dashboard's page, so its links and a reload work (the app routes in the browser);
 * - GET /graphql from a browser (accept: text/html, no query): GraphiQL, bundled from npm, no CDN.
 * Every HTML answer carries a Content-Security-Policy that allows the service's own origin only (HTML_CSP), and
 * answers that set their own (the start page allows even less) keep theirs.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Scripts, styles, fonts, images, workers and requests from the service's own origin only; no plugins, no framing, no
 * <base> or form posts elsewhere. GraphiQL's editor (Monaco) writes <style> elements at run time, so styles also allow
 * inline ones; scripts never do.
 */
export const HTML_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export interface WebAppOptions {
  /** dist/web: index.html, graphiql.html and assets/. */
  root: string;
}

export function serveWebApp(fastify: FastifyInstance, options: WebAppOptions): void {
  const pages = new WebPages(options.root);

  // Both hooks run on every request, the API's included: callback style, so they cost a check each and no promise.
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html') && !reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', HTML_CSP);
    }
    done(null, payload);
  });

  // A browser opening /graphql gets the IDE (answered here, so `done` is not called); API clients (JSON, or a GET
  // with a query) go on to Apollo.
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.method !== 'GET' || request.url.split('?')[0] !== '/graphql' || !wantsHtml(request) || new URL(request.url, 'http://x').searchParams.has('query')) {
      done();
      return;
    }
    pages.send(reply, 'graphiql.html');
  });

  if (fs.existsSync(path.join(options.root, 'assets'))) {
    void fastify.register(fastifyStatic, {
      root: path.join(options.root, 'assets'),
      prefix: '/app/assets/',
      index: false,
      preCompressed: true,
      immutable: true,
      maxAge: '365d',
      decorateReply: false,
    });
  }
  const app = (_request: FastifyRequest, reply: FastifyReply) => pages.send(reply, 'index.html');
  fastify.get('/app', app);
  fastify.get('/app/*', app);
}

function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html') && !accept.startsWith('application/json') && !accept.startsWith('application/graphql-response+json');
}

/** The two HTML pages, read once; a clear 503 page when the web build is missing (tsc alone was run). */
class WebPages {
  private readonly cache = new Map<string, string | null>();

  constructor(private readonly root: string) {}

  send(reply: FastifyReply, name: 'index.html' | 'graphiql.html'): FastifyReply {
    const html = this.read(name);
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff');
    if (html == null) {
      return reply
        .code(503)
        .send(`<!doctype html><html lang="en"><title>Crosswalk</title><h1>The dashboard is not built</h1><p>${name} is missing from ${escapeHtml(this.root)}. Run <code>npm run build</code> (it builds web/), then start the service again. The GraphQL API at /graphql works without it.</p></html>\n`);
    }
    return reply.code(200).send(html);
  }

  private read(name: string): string | null {
    if (!this.cache.has(name)) {
      try {
        this.cache.set(name, fs.readFileSync(path.join(this.root, name), 'utf8'));
      } catch {
        this.cache.set(name, null);
      }
    }
    return this.cache.get(name)!;
  }
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
