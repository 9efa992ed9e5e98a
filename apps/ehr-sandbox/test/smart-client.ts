import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload, type KeyLike } from 'jose';
import { randomUUID } from 'node:crypto';
import type { RunningSandbox } from '../src/start-sandbox';

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** A backend client as a real one holds it: an id, a key pair, the public half published with a kid. */
export interface BackendClient {
  clientId: string;
  alg: 'RS384' | 'ES384';
  kid: string;
  privateKey: KeyLike;
  publicJwk: JWK;
}

export async function backendClient(alg: 'RS384' | 'ES384' = 'ES384', kid = `key-${randomUUID()}`): Promise<BackendClient> {
  const { publicKey, privateKey } = await generateKeyPair(alg);
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg };
  return { clientId: `client-${randomUUID()}`, alg, kid, privateKey, publicJwk };
}

/** A client assertion as SMART Backend Services wants it; `claims` and `header` override the defaults. */
export function signAssertion(client: BackendClient, aud: string, claims: JWTPayload = {}, header: Record<string, unknown> = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: client.clientId, sub: client.clientId, aud, exp: now + 240, jti: randomUUID(), ...claims })
    .setProtectedHeader({ alg: client.alg, kid: client.kid, typ: 'JWT', ...header })
    .sign(client.privateKey);
}

export interface HttpAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** The sandbox's token endpoint, control API and FHIR base, with or without a bearer token. */
export function smartHttp(sandbox: RunningSandbox) {
  const origin = new URL(sandbox.baseUrl).origin;
  const tokenUrl = `${origin}/auth/token`;
  async function send<T = Record<string, unknown>>(method: string, url: string, init: { token?: string; json?: unknown; form?: Record<string, string> } = {}): Promise<HttpAnswer<T>> {
    const headers: Record<string, string> = init.token ? { authorization: `Bearer ${init.token}` } : {};
    if (init.json !== undefined) headers['content-type'] = 'application/fhir+json';
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const body = init.form ? new URLSearchParams(init.form).toString() : init.json === undefined ? undefined : JSON.stringify(init.json);
    const res = await fetch(url.startsWith('http') ? url : `${url.startsWith('/$sandbox') ? origin : sandbox.baseUrl}${url}`, { method, headers, body });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
  }
  return {
    origin,
    tokenUrl,
    send,
    /** POST /auth/token with these form fields. */
    tokenRequest: (form: Record<string, string>) => send('POST', tokenUrl, { form }),
    /** A token request for `client` with a fresh, valid assertion. */
    async requestToken(client: BackendClient, scope: string) {
      const assertion = await signAssertion(client, tokenUrl);
      return send('POST', tokenUrl, { form: { grant_type: 'client_credentials', client_assertion_type: JWT_BEARER, client_assertion: assertion, scope } });
    },
    register: (client: BackendClient, scopes: string, keys: object = { jwks: { keys: [client.publicJwk] } }) =>
      send('PUT', `/$sandbox/auth/clients/${client.clientId}`, { json: { ...keys, scopes } }),
  };
}

export type SmartHttp = ReturnType<typeof smartHttp>;
