import { roleSchema } from '@keta/domain';
import { Inject, Injectable } from '@nestjs/common';
import { SignJWT, jwtVerify } from 'jose';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import type { Principal } from './principal';

const ISSUER = 'keta';
const AUDIENCE = 'keta-api';

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/** Short-lived HS256 access tokens carrying the user id and role; nothing else. */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {
    this.key = new TextEncoder().encode(config.AUTH_TOKEN_SECRET);
  }

  async issue(principal: Principal): Promise<IssuedToken> {
    const ttl = this.config.AUTH_TOKEN_TTL_SECONDS;
    const accessToken = await new SignJWT({ role: principal.role })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(principal.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ttl}s`)
      .sign(this.key);
    return { accessToken, tokenType: 'Bearer', expiresIn: ttl };
  }

  /** The principal of a valid token, or undefined for anything expired, forged or malformed. */
  async verify(token: string): Promise<Principal | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      const role = roleSchema.safeParse(payload.role);
      return payload.sub && role.success ? { userId: payload.sub, role: role.data } : undefined;
    } catch {
      return undefined;
    }
  }
}
