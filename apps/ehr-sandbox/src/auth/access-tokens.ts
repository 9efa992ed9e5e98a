import { randomBytes } from 'node:crypto';
import type { SystemScope } from './scopes';

/** What an access token stands for. */
export interface AccessGrant {
  clientId: string;
  scopes: readonly SystemScope[];
  expiresAtMs: number;
}

export type TokenLookup = { state: 'valid'; grant: AccessGrant } | { state: 'unknown' | 'expired' | 'revoked' };

/** Expired tokens are kept this long (to answer "expired" rather than "unknown"), then forgotten. */
const FORGET_AFTER_MS = 60 * 60 * 1000;

/** The opaque access tokens this server issued, as its token store would hold them; never logged. */
export class AccessTokens {
  private readonly tokens = new Map<string, AccessGrant & { revoked: boolean }>();

  issue(clientId: string, scopes: readonly SystemScope[], lifetimeSeconds: number, nowMs = Date.now()): string {
    for (const [token, grant] of this.tokens) if (grant.expiresAtMs + FORGET_AFTER_MS < nowMs) this.tokens.delete(token);
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, { clientId, scopes, expiresAtMs: nowMs + lifetimeSeconds * 1000, revoked: false });
    return token;
  }

  lookup(token: string, nowMs = Date.now()): TokenLookup {
    const entry = this.tokens.get(token);
    if (!entry) return { state: 'unknown' };
    if (entry.revoked) return { state: 'revoked' };
    if (entry.expiresAtMs <= nowMs) return { state: 'expired' };
    return { state: 'valid', grant: entry };
  }

  /** Revokes every token issued so far, or only one client's; answers how many were still valid. */
  revoke(clientId?: string, nowMs = Date.now()): number {
    let revoked = 0;
    for (const entry of this.tokens.values()) {
      if (entry.revoked || (clientId !== undefined && entry.clientId !== clientId)) continue;
      if (entry.expiresAtMs > nowMs) revoked += 1;
      entry.revoked = true;
    }
    return revoked;
  }
}
