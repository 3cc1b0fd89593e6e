/**
 * Starts Crosswalk: finds the database (DATABASE_URL or the embedded server), applies migrations, loads mappings/
 * when its content changed, and serves HTTP. main.ts, the e2e tests and the benchmarks all start it this way.
 */
import 'reflect-metadata';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { clientAddressAsFastify, fastifyTrustProxy } from './common/http/client-address';
import { openDatabaseServer } from './database/database-server';
import { runMigrations } from './database/migrate';
import { QueryCounter } from './database/query-counter';
import { GracefulDrain } from './common/http/graceful-drain';
import { httpErrors, readBodiesAsExpress } from './common/http/http-errors.middleware';
import { corsOptions } from './common/http/cors';
import { loadCatalog } from './mappings/catalog-loader';
import { CatalogVersionWatcher } from './catalog/catalog-version.watcher';
import { KeyRateLimiter } from './common/rate-limit/key-rate-limiter';
import { PublicReadCache } from './graphql/public-read-cache';
import { OrganizationsService } from './organizations/organizations.service';
import { serveWebApp } from './web/web-app';

export interface RunningServer {
  app: INestApplication;
  url: string;
  databaseUrl: string;
  queryCounter: QueryCounter;
  /** The keyless catalog response cache in front of Fastify; undefined when CATALOG_CACHE_ENTRIES=0. */
  readCache?: PublicReadCache;
  /**
   * Stops taking requests, lets those in flight finish (up to SHUTDOWN_GRACE_SECONDS, then cuts them), closes the
   * pool, and stops an embedded database it started.
   */
  close(): Promise<void>;
}

export interface StartOptions {
  log?: (message: string) => void;
  /** Gets what LOG_LEVEL=debug shows: statements the database refused as expected. */
  debug?: (message: string) => void;
  logger?: LoggerService | false;
}

export async function startServer(config: AppConfig, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? (() => undefined);
  const database = await openDatabaseServer(config, log);
  const queryCounter = new QueryCounter((message) => log(message), options.debug);
  let app: NestFastifyApplication | undefined;
  let readCache: PublicReadCache | undefined;
  let drain: GracefulDrain | undefined;
  try {
    const adapter = new CrosswalkFastifyAdapter({
      // Which proxies may name the client in X-Forwarded-For (TRUST_PROXY); request.ip follows it.
      trustProxy: fastifyTrustProxy(config.trustProxy),
      // Requests in flight at shutdown are GracefulDrain's (SHUTDOWN_GRACE_SECONDS), not Fastify's.
      forceCloseConnections: false,
      // Node's own defaults, which the service had behind Express (Fastify's would keep idle connections 72 s and
      // never time a request out).
      keepAliveTimeout: 5_000,
      requestTimeout: 300_000,
      return503OnClosing: false,
      logger: false,
    });
    app = await NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot({ config, databaseUrl: database.url, queryCounter, log }),
      adapter,
      { logger: options.logger ?? ['error', 'warn'], abortOnError: false, bodyParser: false },
    );
    const fastify = app.getHttpAdapter().getInstance();
    readBodiesAsExpress(fastify, config.bodyLimitBytes, { prefix: '/import/', limit: config.importBodyLimitBytes, setting: 'IMPORT_BODY_LIMIT' });
    if (config.corsOrigins.length > 0) app.enableCors(corsOptions(config.corsOrigins));
    serveWebApp(fastify, { root: config.webDir });
    // Fastify's own listener, before anything else listens: the read cache goes in its place.
    const [fastifyListener] = app.getHttpServer().listeners('request') as Listener[];
    drain = new GracefulDrain(app.getHttpServer());
    const dataSource = app.get(DataSource);
    const applied = await runMigrations(dataSource);
    if (applied.length > 0) log(`applied ${applied.length} migration(s): ${applied.join(', ')}`);
    if (config.loadMappingsOnStart) {
      const result = await loadCatalog(dataSource, config.mappingsDir);
      log(
        result.changed
          ? `loaded mappings: ${result.counts!.frameworks} frameworks, ${result.counts!.requirements} requirements, ` +
              `${result.counts!.edges} edges (catalog version ${result.catalogVersion}, ${result.durationMs} ms)`
          : `mappings unchanged since the last load (catalog version ${result.catalogVersion})`,
      );
    }
    await app.init();
    if (config.catalogCacheEntries > 0) {
      const organizations = app.get(OrganizationsService);
      readCache = new PublicReadCache(app.get(CatalogVersionWatcher), app.get(KeyRateLimiter), {
        maxEntries: config.catalogCacheEntries,
        maxBytes: 64 * 1024 * 1024,
        maxEntryBytes: config.catalogCacheEntryBytes,
        maxKeyBytes: Math.min(config.bodyLimitBytes, 64 * 1024),
        authenticate: (header) => organizations.authenticate(header),
        clientAddress: clientAddressAsFastify(config.trustProxy),
        corsOrigins: config.corsOrigins,
      });
      putInFront(app.getHttpServer(), fastifyListener, readCache);
    }
    await app.listen(config.port, config.host);
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.release();
    throw error;
  }
  const address = app.getHttpServer().address() as AddressInfo;
  const running = app;
  const draining = drain!;
  let closing: Promise<void> | undefined;
  return {
    app: running,
    url: `http://${config.host}:${address.port}`,
    databaseUrl: database.url,
    queryCounter,
    readCache,
    close: () => {
      closing ??= (async () => {
        const { graceful, cut } = await draining.stop(config.shutdownGraceSeconds * 1000);
        if (!graceful) log(`${cut} request(s) still running after SHUTDOWN_GRACE_SECONDS=${config.shutdownGraceSeconds}: cut off`);
        await running.close();
        await database.release();
      })();
      return closing;
    },
  };
}

/**
 * Nest's Fastify adapter, with httpErrors as Fastify's error handler in place of Nest's. That handler only sees what
 * fails before a route runs (a body over the limit, malformed JSON, another charset: every controller's exceptions are
 * answered by Nest itself), and answers it with a coded JSON error, as httpErrors did behind Express. Installing it
 * here, where Nest installs its own, keeps Fastify from warning that one handler overrides another.
 */
class CrosswalkFastifyAdapter extends FastifyAdapter {
  override setErrorHandler(): ReturnType<FastifyAdapter['setErrorHandler']> {
    return super.setErrorHandler(httpErrors);
  }
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** Puts the cache in Fastify's place as the HTTP server's request listener; it passes what it does not answer on. */
function putInFront(server: Server, fastify: Listener, cache: PublicReadCache): void {
  if (!server.listeners('request').includes(fastify)) throw new Error('Fastify is not the HTTP server\'s request listener');
  server.removeListener('request', fastify);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => cache.handle(req, res, fastify));
}
