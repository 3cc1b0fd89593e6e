import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CacheWatch } from '../../database/cache-watch';
import { VerifiedKeyCache } from './verified-key.cache';

/** The channel migration ApiKeyExpiry1795898000000's trigger notifies, with `<organization id>:<key id>`. */
export const API_KEY_CHANNEL = 'crosswalk_api_key';

/**
 * Keeps this process's VerifiedKeyCache honest across replicas: LISTENs on API_KEY_CHANNEL and drops each key whose
 * row changed (a revocation, in whichever process it committed). While the connection is down the cache is off.
 */
@Injectable()
export class KeyRevocationWatch extends CacheWatch {
  constructor(@InjectDataSource() db: DataSource, private readonly cache: VerifiedKeyCache) {
    super(db, cache, {
      channel: API_KEY_CHANNEL,
      applicationName: 'crosswalk-key-watch',
      offWhileDown: 'every request verifies its API key in the database',
      loggerName: 'KeyRevocationWatch',
    });
  }

  protected notified(payload: string): void {
    const [organizationId, keyId] = payload.split(':');
    if (organizationId && keyId) this.cache.drop(organizationId, keyId);
    else this.cache.clear();
  }
}
