import type { KeyRingCipher } from '@keta/db';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { IssuedToken } from './token-request';

export interface CachedToken {
  accessToken: string;
  expiresAt: number;
  /** When to stop sending it and take a new one: a margin before `expiresAt`. */
  renewAt: number;
  /** The credentials it was issued for: a change of client id, scopes or token URL makes it useless. */
  fingerprint: string;
}

/** Deletes the key only if it still holds this value (a lock, or a token), so nobody drops another's. */
const DELETE_IF_SAME = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

/**
 * Each connection's access token, one for every process, in Redis: sealed with the credential key ring (a
 * token is a credential, and Redis is not where credentials are kept in the clear), expiring there shortly
 * before the EHR's expiry. A lock lets one process fetch a new token while the others wait for it.
 */
export class SharedTokens {
  constructor(
    private readonly redis: Redis,
    private readonly cipher: KeyRingCipher,
    private readonly prefix: string,
  ) {}

  async read(connectionId: string): Promise<CachedToken | undefined> {
    const stored = await this.redis.get(this.key(connectionId));
    if (!stored) return undefined;
    try {
      const [keyId, iv, authTag, ciphertext] = stored.split('.').map((part, i) => (i === 0 ? part : Buffer.from(part, 'base64url'))) as [string, Buffer, Buffer, Buffer];
      return JSON.parse(this.cipher.open({ keyId, iv, authTag, ciphertext }, this.key(connectionId)).toString()) as CachedToken;
    } catch {
      return undefined; // sealed with a key no longer configured: fetch a new one
    }
  }

  /** Kept until `marginMs` before the EHR's expiry, so nobody sends a token about to lapse. */
  async write(connectionId: string, token: IssuedToken, fingerprint: string, marginMs: number): Promise<CachedToken> {
    const cached = { ...token, fingerprint, renewAt: token.expiresAt - marginMs };
    const ttl = Math.max(1, Math.floor(cached.renewAt - Date.now())); // Redis takes whole milliseconds only
    const sealed = this.cipher.seal(Buffer.from(JSON.stringify(cached)), this.key(connectionId));
    const stored = [sealed.keyId, ...[sealed.iv, sealed.authTag, sealed.ciphertext].map((b) => b.toString('base64url'))].join('.');
    await this.redis.set(this.key(connectionId), stored, 'PX', ttl);
    return cached;
  }

  /** Drops the token the EHR refused, unless another process already replaced it. */
  async drop(connectionId: string, accessToken: string): Promise<void> {
    const current = await this.read(connectionId);
    if (current?.accessToken === accessToken) await this.redis.del(this.key(connectionId));
  }

  /** Drops whatever token is kept (the EHR refused the credentials it was issued for). */
  async dropAny(connectionId: string): Promise<void> {
    await this.redis.del(this.key(connectionId));
  }

  /** The right to fetch the next token, for `holdMs` at most; undefined when another process holds it. */
  async lock(connectionId: string, holdMs: number): Promise<string | undefined> {
    const id = randomUUID();
    return (await this.redis.set(`${this.key(connectionId)}:lock`, id, 'PX', holdMs, 'NX')) ? id : undefined;
  }

  async unlock(connectionId: string, id: string): Promise<void> {
    await this.redis.eval(DELETE_IF_SAME, 1, `${this.key(connectionId)}:lock`, id);
  }

  private key(connectionId: string): string {
    return `${this.prefix}:ehr-token:${connectionId}`;
  }
}
