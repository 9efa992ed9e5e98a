import { createLocalJWKSet, createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import type { ClientRegistration } from './client-registration';
import { parseSystemScope, splitScopes, type SystemScope } from './scopes';

/** A registered backend client: how its assertions are verified and what it may be granted. */
export interface RegisteredClient {
  registration: ClientRegistration;
  scopes: SystemScope[];
  /** Picks the key an assertion's kid names; a jwksUrl is fetched on demand and cached by jose. */
  keys: JWTVerifyGetKey;
}

interface ClientState extends RegisteredClient {
  /** jti → when its assertion expires (ms): a jti is refused again until then. */
  seenJtis: Map<string, number>;
}

/** The backend clients the EHR knows, as an EHR admin would register them (Epic's "backend systems" apps). */
export class ClientRegistry {
  private readonly clients = new Map<string, ClientState>();

  /** Replaces any earlier registration under this id, forgetting its jtis. */
  register(clientId: string, registration: ClientRegistration): void {
    const keys = 'jwks' in registration ? createLocalJWKSet(registration.jwks) : createRemoteJWKSet(new URL(registration.jwksUrl));
    const scopes = splitScopes(registration.scopes).map((text) => parseSystemScope(text)!);
    this.clients.set(clientId, { registration, scopes, keys, seenJtis: new Map() });
  }

  remove(clientId: string): boolean {
    return this.clients.delete(clientId);
  }

  get(clientId: string): RegisteredClient | undefined {
    return this.clients.get(clientId);
  }

  ids(): string[] {
    return [...this.clients.keys()].sort();
  }

  /** Records an assertion's jti; false when this client already used it within the assertion's validity (a replay). */
  firstUse(clientId: string, jti: string, expiresAtMs: number, nowMs = Date.now()): boolean {
    const seen = this.clients.get(clientId)?.seenJtis;
    if (!seen) return false;
    for (const [old, expiry] of seen) if (expiry < nowMs) seen.delete(old);
    if (seen.has(jti)) return false;
    seen.set(jti, expiresAtMs);
    return true;
  }
}
