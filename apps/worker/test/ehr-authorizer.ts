import { EhrAuthorizer } from '@keta/ehr-client';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { WorkerConfig } from '../src/config/worker-config';

/**
 * An authorizer as the worker builds one, for tests that run the processor by hand. Its Redis connects only
 * when a SMART connection needs the shared token; `close()` ends it.
 */
export function testAuthorizer(db: DataSource, config: WorkerConfig): EhrAuthorizer & { close(): void } {
  const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  const authorizer = new EhrAuthorizer({ db, redis, credentialKeys: config.CREDENTIAL_KEYS, keyPrefix: config.QUEUE_PREFIX, timeoutMs: config.EHR_REQUEST_TIMEOUT_MS });
  return Object.assign(authorizer, { close: () => redis.disconnect() });
}
