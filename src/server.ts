/**
 * Starts Crosswalk: finds the database (DATABASE_URL or the embedded server), applies migrations, loads mappings/
 * when its content changed, and serves HTTP. main.ts, the e2e tests and the benchmarks all start it this way.
 */
import 'reflect-metadata';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { openDatabaseServer } from './database/database-server';
import { runMigrations } from './database/migrate';
import { QueryCounter } from './database/query-counter';
import { GracefulDrain } from './common/http/graceful-drain';
import { httpErrors } from './common/http/http-errors.middleware';
import { corsOptions } from './common/http/cors';
import { loadCatalog } from './mappings/catalog-loader';
import { CatalogVersionWatcher } from './catalog/catalog-version.watcher';
import { KeyRateLimiter } from './common/rate-limit/key-rate-limiter';
import { PublicReadCache } from './graphql/public-read-cache';
import { OrganizationsService } from './organizations/organizations.service';

export interface RunningServer {
  app: INestApplication;
  url: string;
  databaseUrl: string;
  queryCounter: QueryCounter;
  /** The keyless catalog response cache in front of Express; undefined when CATALOG_CACHE_ENTRIES=0. */
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
  let app: NestExpressApplication | undefined;
  let readCache: PublicReadCache | undefined;
  let drain: GracefulDrain | undefined;
  try {
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ config, databaseUrl: database.url, queryCounter, log }),
      { logger: options.logger ?? ['error', 'warn'], abortOnError: false, bodyParser: false },
    );
    app.disable('x-powered-by');
    // Which proxies may name the client in X-Forwarded-For (TRUST_PROXY); req.ip follows it.
    app.set('trust proxy', config.trustProxy);
    if (config.corsOrigins.length > 0) app.enableCors(corsOptions(config.corsOrigins));
    drain = new GracefulDrain(app.getHttpServer());
    app.useBodyParser('json', { limit: config.bodyLimitBytes });
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
    app.use(httpErrors);
    if (config.catalogCacheEntries > 0) {
      const organizations = app.get(OrganizationsService);
      readCache = new PublicReadCache(app.get(CatalogVersionWatcher), app.get(KeyRateLimiter), {
        maxEntries: config.catalogCacheEntries,
        maxBytes: 64 * 1024 * 1024,
        maxEntryBytes: config.catalogCacheEntryBytes,
        maxKeyBytes: Math.min(config.bodyLimitBytes, 64 * 1024),
        authenticate: (header) => organizations.authenticate(header),
        clientAddress: clientAddressAsExpress(app.getHttpAdapter().getInstance()),
        corsOrigins: config.corsOrigins,
      });
      putInFront(app.getHttpServer(), app.getHttpAdapter().getInstance(), readCache);
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

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The client address Express would give a request as req.ip (honouring its `trust proxy` setting), for a request the
 * read cache answers before Express sees it: Express's own getter, read on a view of the request.
 */
function clientAddressAsExpress(express: { request: object }): (req: IncomingMessage) => string | undefined {
  return (req) => {
    const view = Object.create(express.request) as { headers: IncomingMessage['headers']; socket: IncomingMessage['socket']; ip?: string };
    view.headers = req.headers;
    view.socket = req.socket;
    return view.ip;
  };
}

/** Puts the cache in Express's place as the HTTP server's request listener; it passes what it does not answer on. */
function putInFront(server: Server, express: Listener, cache: PublicReadCache): void {
  if (!server.listeners('request').includes(express)) throw new Error('Express is not the HTTP server\'s request listener');
  server.removeListener('request', express);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => cache.handle(req, res, express));
}
