import { EhrAuthorizer } from '@keta/ehr-client';
import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config';
import { POSTGRES, REDIS, openPostgres, openRedis } from './connections';

/**
 * PostgreSQL and Redis, opened (and so checked) before the worker starts, closed when it stops; and what
 * authenticates the worker to each EHR, over both.
 */
@Global()
@Module({})
export class ConnectionsModule implements OnApplicationShutdown {
  constructor(
    @Inject(POSTGRES) private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  static forRoot(config: WorkerConfig): DynamicModule {
    return {
      module: ConnectionsModule,
      providers: [
        { provide: WORKER_CONFIG, useValue: config },
        { provide: POSTGRES, useFactory: () => openPostgres(config) },
        { provide: REDIS, useFactory: () => openRedis(config) },
        {
          provide: EhrAuthorizer,
          inject: [POSTGRES, REDIS],
          useFactory: (db: DataSource, redis: Redis) => new EhrAuthorizer({
            db, redis, credentialKeys: config.CREDENTIAL_KEYS, keyPrefix: config.QUEUE_PREFIX, timeoutMs: config.EHR_REQUEST_TIMEOUT_MS,
          }),
        },
      ],
      exports: [WORKER_CONFIG, POSTGRES, REDIS, EhrAuthorizer],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
    await this.db.destroy();
  }
}
