import { createDataSource } from '@keta/db';
import { maskUrl } from '@keta/config';
import { Redis, type RedisOptions } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { WorkerConfig } from '../config/worker-config';

export const POSTGRES = Symbol('POSTGRES');
export const REDIS = Symbol('REDIS');

/** Opens PostgreSQL; a failure names the (masked) server so the operator knows which one is down. */
export async function openPostgres(config: WorkerConfig): Promise<DataSource> {
  const dataSource = createDataSource({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, applicationName: 'keta-worker' });
  try {
    return await dataSource.initialize();
  } catch (error) {
    throw new Error(`PostgreSQL at ${maskUrl(config.DATABASE_URL)} is not answering: ${messageOf(error)}`);
  }
}

/**
 * Opens Redis for health checks. It reconnects forever in the background, but a command fails at once
 * while it is down (no offline queue), so readiness answers promptly instead of hanging.
 */
export async function openRedis(config: WorkerConfig): Promise<Redis> {
  const redis = new Redis(config.REDIS_URL, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 5000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
  });
  let cause: unknown;
  redis.on('error', (error) => (cause = error)); // readiness reads the state through ping()
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch (error) {
    redis.disconnect();
    throw new Error(`Redis at ${maskUrl(config.REDIS_URL)} is not answering: ${messageOf(cause ?? error)}`);
  }
}

/** A Redis connection for queues: outages surface through the commands that fail, not as unhandled errors. */
export function quietRedis(url: string, options: RedisOptions): Redis {
  const redis = new Redis(url, options);
  redis.on('error', () => undefined);
  return redis;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
