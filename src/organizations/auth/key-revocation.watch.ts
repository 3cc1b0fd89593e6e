import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PgListener } from '../../database/pg-listener';
import { VerifiedKeyCache } from './verified-key.cache';

/** The channel migration ApiKeyExpiry1795898000000's trigger notifies, with `<organization id>:<key id>`. */
export const API_KEY_CHANNEL = 'crosswalk_api_key';

/**
 * Keeps this process's VerifiedKeyCache honest across replicas: LISTENs on API_KEY_CHANNEL and drops each key whose
 * row changed (a revocation, in whichever process it committed). While the connection is down the cache is off.
 */
@Injectable()
export class KeyRevocationWatch implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly listener: PgListener;
  private readonly logger = new Logger('KeyRevocationWatch');

  constructor(@InjectDataSource() db: DataSource, cache: VerifiedKeyCache) {
    this.listener = new PgListener(
      {
        databaseUrl: (db.options as { url: string }).url,
        channels: [API_KEY_CHANNEL],
        applicationName: 'crosswalk-key-watch',
        offWhileDown: 'every request verifies its API key in the database',
        log: (message) => this.logger.warn(message),
      },
      {
        connected: async () => () => cache.setWatching(true),
        notified: (_channel, payload) => {
          const [organizationId, keyId] = payload.split(':');
          if (organizationId && keyId) cache.drop(organizationId, keyId);
          else cache.clear();
        },
        lost: () => cache.setWatching(false),
      },
    );
  }

  get up(): boolean {
    return this.listener.up;
  }

  onApplicationBootstrap(): Promise<void> {
    return this.listener.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.listener.stop();
  }
}
