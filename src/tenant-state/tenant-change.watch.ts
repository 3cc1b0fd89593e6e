import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CacheWatch } from '../database/cache-watch';
import { TenantStateCache } from './tenant-state.cache';

/** The channel migration TenantChangeNotify1795900000000's triggers notify, with the organization id. */
export const TENANT_CHANNEL = 'crosswalk_tenant';

/** application_name of the watch's connection, to find it in pg_stat_activity. */
export const TENANT_WATCH_APPLICATION_NAME = 'crosswalk-tenant-watch';

type Cache = Pick<TenantStateCache<unknown>, 'invalidate' | 'clear' | 'setWatching'>;

/**
 * Keeps this process's TenantStateCache honest across replicas: LISTENs on TENANT_CHANNEL and drops the organization
 * each notification names (a write committed by any process, or by hand in SQL). While the connection is down the
 * cache keeps and serves nothing; once LISTEN is back it starts empty, since a notification may have been missed.
 */
@Injectable()
export class TenantChangeWatch extends CacheWatch {
  constructor(@InjectDataSource() db: DataSource, @Inject(TenantStateCache) private readonly cache: Cache) {
    super(db, cache, {
      channel: TENANT_CHANNEL,
      applicationName: TENANT_WATCH_APPLICATION_NAME,
      offWhileDown: 'every coverage request reads its organization from the database',
      loggerName: 'TenantChangeWatch',
    });
  }

  protected notified(organizationId: string): void {
    if (organizationId) this.cache.invalidate(organizationId);
    else this.cache.clear();
  }
}
