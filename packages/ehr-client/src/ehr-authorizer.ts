import { EhrConnectionEntity, KeyRingCipher, authRefusalOf, currentSigningKey, recordAuthRefused } from '@keta/db';
import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { authorizationFor } from './bearer-token';
import { clientAssertion } from './client-assertion';
import { EhrError } from './ehr-error';
import { SharedTokens, type CachedToken } from './shared-tokens';
import { discoverTokenUrl, forgetTokenUrl } from './smart-configuration';
import { requestToken } from './token-request';

/** What the authorizer reads of a connection; `version` tells a refusal of old credentials from one of the current. */
export type EhrCredentials = Pick<EhrConnectionEntity, 'id' | 'baseUrl' | 'authKind' | 'authTokenEnv' | 'authSmart' | 'authRefusedCode' | 'version'>;

export interface EhrAuthorizerOptions {
  db: DataSource;
  redis: Redis;
  /** CREDENTIAL_KEYS: opens the signing keys, seals the shared tokens. */
  credentialKeys: readonly string[];
  /** The deployment's Redis prefix (QUEUE_PREFIX). */
  keyPrefix: string;
  timeoutMs: number;
  env?: Record<string, string | undefined>;
}

export interface SendOptions {
  /**
   * Whether a 403 (after one new token) means the EHR refuses Keta's credentials and holds the connection:
   * true for the sync's writes; false for reads, where one resource may be forbidden (a record under consent)
   * while the rest is not.
   */
  forbiddenRefuses?: boolean;
}

const WAIT_STEP_MS = 50;

/**
 * The Authorization header for each EHR request, by the connection's auth kind. A SMART client's token is
 * fetched once for every process (SharedTokens; one fetch per process at a time, one process at a time),
 * reused until shortly before it expires, and renewed once when the EHR answers 401 or 403. Credentials the
 * EHR refuses hold the connection (recorded on it, for ops): it is not asked again until they change or ops
 * retry, so a bad key is never retried forever.
 */
export class EhrAuthorizer {
  private readonly tokens: SharedTokens;
  private readonly cipher: KeyRingCipher;
  /** This process's copy of each shared token: most requests need no round trip to Redis. */
  private readonly held = new Map<string, CachedToken>();
  /** The fetch this process has under way, per connection: its other jobs wait for it. */
  private readonly fetching = new Map<string, Promise<CachedToken>>();
  /** Long enough for discovery and a token request to time out, so a slow fetch is not run twice at once. */
  private readonly lockMs: number;

  constructor(private readonly options: EhrAuthorizerOptions) {
    this.cipher = new KeyRingCipher(options.credentialKeys, 'Credential');
    this.tokens = new SharedTokens(options.redis, this.cipher, options.keyPrefix);
    this.lockMs = 2 * options.timeoutMs + 5000;
  }

  /** The header to send, if any; throws an auth EhrError (refused: now recorded on the connection, which is held). */
  async authorization(connection: EhrCredentials): Promise<string | undefined> {
    try {
      if (connection.authRefusedCode) throw EhrError.refused(connection.authRefusedCode);
      if (connection.authKind !== 'smart-backend') return authorizationFor({ authKind: connection.authKind, authTokenEnv: connection.authTokenEnv }, this.options.env);
      return `Bearer ${(await this.token(connection)).accessToken}`;
    } catch (error) {
      if (error instanceof EhrError && error.refused && !connection.authRefusedCode) await this.hold(connection, error.code);
      throw error;
    }
  }

  /**
   * Runs one request with the connection's Authorization. A SMART client answered 401 or 403 drops its token
   * (if no other process already has), takes a new one and tries once more; a second 401 is a refusal, and a
   * second 403 too when `forbiddenRefuses`.
   */
  async send<T>(connection: EhrCredentials, request: (authorization: string | undefined) => Promise<T>, { forbiddenRefuses = true }: SendOptions = {}): Promise<T> {
    const authorization = await this.authorization(connection);
    try {
      return await request(authorization);
    } catch (error) {
      if (connection.authKind !== 'smart-backend' || !isStatus(error, 401, 403)) throw error;
    }
    await this.forget(connection, authorization!.slice('Bearer '.length));
    const renewed = await this.authorization(connection);
    try {
      return await request(renewed);
    } catch (error) {
      if (isStatus(error, 401)) throw await this.refuse(connection, 'ehr_auth_token_rejected');
      if (isStatus(error, 403) && forbiddenRefuses) throw await this.refuse(connection, 'ehr_auth_forbidden');
      throw error;
    }
  }

  private async token(connection: EhrCredentials): Promise<CachedToken> {
    const fingerprint = fingerprintOf(connection);
    const mine = this.held.get(connection.id);
    if (mine && mine.fingerprint === fingerprint && mine.renewAt > Date.now()) return mine;
    const underway = this.fetching.get(connection.id);
    if (underway) return underway;
    const fetch = this.shared(connection, fingerprint).finally(() => this.fetching.delete(connection.id));
    this.fetching.set(connection.id, fetch);
    return fetch;
  }

  /** The shared token, or a new one fetched under the lock while other processes wait for it. */
  private async shared(connection: EhrCredentials, fingerprint: string): Promise<CachedToken> {
    const deadline = Date.now() + this.lockMs;
    for (;;) {
      const shared = await this.tokens.read(connection.id);
      if (shared?.fingerprint === fingerprint && shared.renewAt > Date.now()) return this.keep(connection.id, shared);
      const lock = await this.tokens.lock(connection.id, this.lockMs);
      if (lock) {
        try {
          // Another process may have been refused while this one waited: the EHR is not asked again.
          const refusal = await authRefusalOf(this.options.db.manager, connection.id);
          if (refusal) throw EhrError.refused(refusal);
          return this.keep(connection.id, await this.fetch(connection, fingerprint));
        } catch (error) {
          // Recorded before the lock is let go: a process waiting for it then finds the refusal, not the EHR.
          if (error instanceof EhrError && error.refused) await this.hold(connection, error.code);
          throw error;
        } finally {
          await this.tokens.unlock(connection.id, lock);
        }
      }
      if (Date.now() > deadline) throw new EhrError('ehr_token_wait_timeout', 'temporary');
      await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
    }
  }

  private async fetch(connection: EhrCredentials, fingerprint: string): Promise<CachedToken> {
    const smart = connection.authSmart!;
    const key = await currentSigningKey(this.options.db.manager, this.cipher, connection.id);
    if (!key) throw EhrError.refused('ehr_auth_no_signing_key');
    const tokenUrl = smart.tokenUrl ?? (await discoverTokenUrl(connection.baseUrl, this.options.timeoutMs));
    try {
      const issued = await requestToken(tokenUrl, await clientAssertion(key, smart.clientId, tokenUrl), smart.scopes, this.options.timeoutMs);
      return await this.tokens.write(connection.id, issued, fingerprint, marginMs(issued));
    } catch (error) {
      forgetTokenUrl(connection.baseUrl); // the EHR may have moved it: discover it again next time
      throw error;
    }
  }

  private keep(connectionId: string, token: CachedToken): CachedToken {
    this.held.set(connectionId, token);
    return token;
  }

  private async forget(connection: EhrCredentials, accessToken: string): Promise<void> {
    this.held.delete(connection.id);
    await this.tokens.drop(connection.id, accessToken);
  }

  /** A refused token is dropped everywhere, so the first request after ops retry takes a new one. */
  private async refuse(connection: EhrCredentials, code: string): Promise<EhrError> {
    this.held.delete(connection.id);
    await this.tokens.dropAny(connection.id);
    await this.hold(connection, code);
    return EhrError.refused(code);
  }

  private hold(connection: EhrCredentials, code: string): Promise<void> {
    return recordAuthRefused(this.options.db.manager, connection.id, code, connection.version);
  }
}

/** A fifth of a new token's life, at most a minute: it is renewed before it can lapse in flight. */
function marginMs(token: { expiresAt: number }): number {
  return Math.min(60_000, Math.max(0, Math.round((token.expiresAt - Date.now()) / 5)));
}

function fingerprintOf(connection: EhrCredentials): string {
  const { clientId, tokenUrl, scopes } = connection.authSmart!;
  return createHash('sha256').update(JSON.stringify([connection.baseUrl, clientId, tokenUrl, scopes])).digest('base64url');
}

function isStatus(error: unknown, ...statuses: number[]): boolean {
  return error instanceof EhrError && statuses.some((status) => error.code === `ehr_http_${status}`);
}
