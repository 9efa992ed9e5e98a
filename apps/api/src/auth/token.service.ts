import { EHR_CLIENT_ROLE, formatSmartScope, parseSmartScopes, roleSchema, type SmartScope } from '@keta/domain';
import { Inject, Injectable } from '@nestjs/common';
import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import type { Caller, Principal } from './principal';

const ISSUER = 'keta';
const AUDIENCE = 'keta-api';
/** SMART Backend Services tokens live five minutes (the SMART spec recommends no more); a client asks again. */
export const CLIENT_TOKEN_TTL_SECONDS = 300;

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/**
 * Short-lived HS256 access tokens. A user's carries the user id and role; an EHR client's carries its
 * client id, the role `ehr-client` and the granted scopes. Nothing else.
 */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {
    this.key = new TextEncoder().encode(config.AUTH_TOKEN_SECRET);
  }

  issue(principal: Principal): Promise<IssuedToken> {
    return this.sign({ role: principal.role }, principal.userId, this.config.AUTH_TOKEN_TTL_SECONDS);
  }

  issueForClient(clientId: string, scopes: readonly SmartScope[]): Promise<IssuedToken> {
    const claims = { role: EHR_CLIENT_ROLE, client_id: clientId, scope: scopes.map(formatSmartScope).join(' ') };
    return this.sign(claims, clientId, CLIENT_TOKEN_TTL_SECONDS);
  }

  /**
   * A token for one purpose only (its own audience, e.g. opening the raw queue view): the API never takes it
   * as an access token, nor it as one of these.
   */
  async issueFor(purpose: string, userId: string, ttl: number): Promise<string> {
    return (await this.sign({}, userId, ttl, `keta-${purpose}`)).accessToken;
  }

  /** The user a purpose token was issued to, or undefined for anything expired, forged, malformed or meant elsewhere. */
  async verifyFor(purpose: string, token: string): Promise<string | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: `keta-${purpose}`, algorithms: ['HS256'] });
      return payload.sub;
    } catch {
      return undefined;
    }
  }

  /** The caller of a valid token, or undefined for anything expired, forged or malformed. */
  async verify(token: string): Promise<Caller | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      if (!payload.sub) return undefined;
      if (payload.role === EHR_CLIENT_ROLE) return clientOf(payload.sub, payload);
      const role = roleSchema.safeParse(payload.role);
      return role.success ? { userId: payload.sub, role: role.data } : undefined;
    } catch {
      return undefined;
    }
  }

  private async sign(claims: JWTPayload, subject: string, ttl: number, audience = AUDIENCE): Promise<IssuedToken> {
    const accessToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(subject)
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(`${ttl}s`)
      .sign(this.key);
    return { accessToken, tokenType: 'Bearer', expiresIn: ttl };
  }
}

function clientOf(clientId: string, payload: JWTPayload): Caller | undefined {
  const scopes = typeof payload.scope === 'string' ? parseSmartScopes(payload.scope) : [];
  return scopes.length ? { clientId, role: EHR_CLIENT_ROLE, scopes } : undefined;
}
