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
import { httpErrors } from './common/http/http-errors.middleware';
import { loadCatalog } from './mappings/catalog-loader';
import { CatalogVersionWatcher } from './catalog/catalog-version.watcher';
import { KeyRateLimiter } from './common/rate-limit/key-rate-limiter';
import { PublicReadCache } from './graphql/public-read-cache';

export interface RunningServer {
  app: INestApplication;
  url: string;
  databaseUrl: string;
  queryCounter: QueryCounter;
  /** The keyless catalog response cache in front of Express; undefined when CATALOG_CACHE_ENTRIES=0. */
  readCache?: PublicReadCache;
  /** Stops taking requests, lets those in flight finish, closes the pool, and stops an embedded database it started. */
  close(): Promise<void>;
}

export interface StartOptions {
  log?: (message: string) => void;
  logger?: LoggerService | false;
}

export async function startServer(config: AppConfig, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? (() => undefined);
  const database = await openDatabaseServer(config, log);
  const queryCounter = new QueryCounter((message) => log(message));
  let app: NestExpressApplication | undefined;
  let watcher: CatalogVersionWatcher | undefined;
  let readCache: PublicReadCache | undefined;
  try {
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ config, databaseUrl: database.url, queryCounter }),
      { logger: options.logger ?? ['error', 'warn'], abortOnError: false, bodyParser: false },
    );
    app.disable('x-powered-by');
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
      watcher = new CatalogVersionWatcher(database.url, log);
      await watcher.start();
      readCache = new PublicReadCache(watcher, app.get(KeyRateLimiter), {
        maxEntries: config.catalogCacheEntries,
        maxBytes: 64 * 1024 * 1024,
        maxKeyBytes: Math.min(config.bodyLimitBytes, 64 * 1024),
      });
      putInFront(app.getHttpServer(), readCache);
    }
    await app.listen(config.port, config.host);
  } catch (error) {
    await app?.close().catch(() => undefined);
    await watcher?.stop();
    await database.release();
    throw error;
  }
  const address = app.getHttpServer().address() as AddressInfo;
  const running = app;
  let closing: Promise<void> | undefined;
  return {
    app: running,
    url: `http://${config.host}:${address.port}`,
    databaseUrl: database.url,
    queryCounter,
    readCache,
    close: () => {
      closing ??= (async () => {
        await running.close();
        await watcher?.stop();
        await database.release();
      })();
      return closing;
    },
  };
}

/** Makes the cache the HTTP server's request listener, passing what it does not answer on to Express. */
function putInFront(server: Server, cache: PublicReadCache): void {
  const [express] = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  if (!express) throw new Error('the HTTP server has no request listener to put the cache in front of');
  server.removeListener('request', express);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => cache.handle(req, res, express));
}
