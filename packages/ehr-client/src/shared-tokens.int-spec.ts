import { KeyRingCipher } from '@keta/db';
import { Redis } from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { SharedTokens } from './shared-tokens';

/** The shared token store against the real Redis, under a key prefix of this file's own. */
describe('SharedTokens', () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const prefix = `test-shared-tokens-${randomUUID()}`;
  const tokens = new SharedTokens(redis, new KeyRingCipher([`c1:${randomBytes(32).toString('base64')}`], 'Credential'), prefix);
  const stored = (connectionId: string) => `${prefix}:ehr-token:${connectionId}`;

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('keeps a token whose expiry and margin are not whole milliseconds, until the margin before expiry', async () => {
    const connectionId = randomUUID();
    const expiresAt = Date.now() + 90_000.6;
    const kept = await tokens.write(connectionId, { accessToken: 'tok-1', expiresAt }, 'fp', 18_000.2);
    expect(await tokens.read(connectionId)).toEqual(kept);
    const ttl = await redis.pttl(stored(connectionId));
    expect(ttl).toBeGreaterThan(60_000);
    expect(ttl).toBeLessThanOrEqual(72_001);
  });

  it('seals the token: Redis never holds it in the clear', async () => {
    const connectionId = randomUUID();
    await tokens.write(connectionId, { accessToken: 'secret-token-value', expiresAt: Date.now() + 60_000 }, 'fp', 1_000);
    const raw = await redis.get(stored(connectionId));
    expect(raw).toBeTruthy();
    expect(raw).not.toContain('secret-token-value');
    expect((await tokens.read(connectionId))?.accessToken).toBe('secret-token-value');
  });

  it('drops a refused token only while it is still the one kept', async () => {
    const connectionId = randomUUID();
    await tokens.write(connectionId, { accessToken: 'newer', expiresAt: Date.now() + 60_000 }, 'fp', 1_000);
    await tokens.drop(connectionId, 'older');
    expect((await tokens.read(connectionId))?.accessToken).toBe('newer');
    await tokens.drop(connectionId, 'newer');
    expect(await tokens.read(connectionId)).toBeUndefined();
  });

  it('gives the lock to one holder at a time, and only its holder releases it', async () => {
    const connectionId = randomUUID();
    const first = await tokens.lock(connectionId, 5_000);
    expect(first).toBeDefined();
    expect(await tokens.lock(connectionId, 5_000)).toBeUndefined();
    await tokens.unlock(connectionId, 'not-the-holder');
    expect(await tokens.lock(connectionId, 5_000)).toBeUndefined();
    await tokens.unlock(connectionId, first!);
    expect(await tokens.lock(connectionId, 5_000)).toBeDefined();
  });
});
