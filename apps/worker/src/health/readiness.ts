import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';

export type Dependency = 'postgres' | 'redis';

export interface Readiness {
  ready: boolean;
  checks: Record<Dependency, 'up' | 'down'>;
}

const CHECK_TIMEOUT_MS = 2000;

/** The worker is ready when both PostgreSQL (the outbox) and Redis (the queues) answer. */
export async function checkReadiness(db: DataSource, redis: Redis): Promise<Readiness> {
  const [postgres, redisState] = await Promise.all([
    probe(() => db.query('SELECT 1')),
    probe(() => redis.ping()),
  ]);
  return { ready: postgres === 'up' && redisState === 'up', checks: { postgres, redis: redisState } };
}

async function probe(check: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
