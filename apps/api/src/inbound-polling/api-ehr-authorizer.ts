import { EhrAuthorizer } from '@keta/ehr-client';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { API_CONFIG, type ApiConfig } from '../config/api-config';

/**
 * The worker's way to an EHR, for the API's polls: the same credentials, and the same SMART token, shared
 * through Redis. Redis is opened on the first SMART poll only, so an API without SMART connections still
 * serves everything while Redis is down.
 */
@Injectable()
export class ApiEhrAuthorizer extends EhrAuthorizer implements OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(@Inject(API_CONFIG) config: ApiConfig, @InjectDataSource() db: DataSource) {
    const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000 });
    redis.on('error', () => undefined); // a poll that needs it fails with the error, and is tried again
    super({ db, redis, credentialKeys: config.CREDENTIAL_KEYS, keyPrefix: config.QUEUE_PREFIX, timeoutMs: config.EHR_REQUEST_TIMEOUT_MS });
    this.redis = redis;
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
