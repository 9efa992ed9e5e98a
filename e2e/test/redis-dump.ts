import { Redis } from 'ioredis';

/** Every key and value in a (private) Redis as text, whatever their types: for scanning it for PHI. */
export async function dumpRedis(url: string): Promise<string> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const parts: string[] = [];
    for (const key of await redis.keys('*')) {
      parts.push(key, JSON.stringify(await valueOf(redis, key)));
    }
    return parts.join('\n');
  } finally {
    redis.disconnect();
  }
}

async function valueOf(redis: Redis, key: string): Promise<unknown> {
  switch (await redis.type(key)) {
    case 'string': return redis.get(key);
    case 'hash': return redis.hgetall(key);
    case 'list': return redis.lrange(key, 0, -1);
    case 'set': return redis.smembers(key);
    case 'zset': return redis.zrange(key, 0, -1, 'WITHSCORES');
    case 'stream': return redis.xrange(key, '-', '+');
    default: return null;
  }
}
