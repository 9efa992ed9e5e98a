import { SignJWT, exportJWK, generateKeyPair, type JWK, type KeyLike } from 'jose';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { TestApp } from './test-app';

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** One signing key of an EHR: the private half stays with the EHR, the public JWK is registered with Keta. */
export interface SigningKey {
  kid: string;
  alg: 'RS384' | 'ES384';
  privateKey: KeyLike;
  publicJwk: JWK;
}

/** A key pair as an EHR makes one, with the public half as it would publish it. */
export async function signingKey(alg: 'RS384' | 'ES384', kid = `${alg.toLowerCase()}-${randomUUID()}`): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** The private half as a JWK: what an EHR must never send us. */
export async function privateJwk(key: SigningKey): Promise<JWK> {
  return { ...(await exportJWK(key.privateKey)), kid: key.kid };
}

/** Serves the test app on a port of its own (supertest alone never listens), for fetch and MedplumClient. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(t.http.address() as AddressInfo).port}`;
}

/** Registers a client through the admin API, as an admin would; answers its client_id. */
export async function registerClient(t: TestApp, adminToken: string, keys: SigningKey[], scopes: string[]): Promise<string> {
  const res = await request(t.http)
    .post('/ehr-clients')
    .set('authorization', `Bearer ${adminToken}`)
    .send({ name: 'Harbor Hospital EHR', jwks: { keys: keys.map((k) => k.publicJwk) }, scopes });
  if (res.status !== 201) throw new Error(`POST /ehr-clients answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export interface AssertionClaims {
  iss?: string;
  sub?: string;
  aud?: string;
  /** Seconds from now; null leaves exp out. */
  expiresIn?: number | null;
  /** null leaves jti out. */
  jti?: string | null;
}

/** The authentication JWT of SMART Backend Services, signed as the client would sign it. */
export function signAssertion(
  key: { privateKey: KeyLike | Uint8Array; kid?: string },
  alg: string,
  claims: AssertionClaims & { iss: string; aud: string },
): Promise<string> {
  const { iss, sub = iss, aud, expiresIn = 240, jti = randomUUID() } = claims;
  const jwt = new SignJWT(jti === null ? {} : { jti })
    .setProtectedHeader({ alg, typ: 'JWT', ...(key.kid ? { kid: key.kid } : {}) })
    .setIssuer(iss)
    .setSubject(sub)
    .setAudience(aud);
  if (expiresIn !== null) jwt.setExpirationTime(Math.floor(Date.now() / 1000) + expiresIn);
  return jwt.sign(key.privateKey);
}

/** The form of a client_credentials request with this assertion; `overrides` may drop a field with undefined. */
export function tokenForm(assertion: string, scope: string, overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const form: Record<string, string | undefined> = {
    grant_type: 'client_credentials',
    client_assertion_type: JWT_BEARER,
    client_assertion: assertion,
    scope,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(form).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export interface TokenAnswer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** POSTs a form to the token endpoint over HTTP, as any OAuth client does. */
export async function postToken(base: string, form: Record<string, string> | URLSearchParams): Promise<TokenAnswer> {
  const res = await fetch(`${base}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/** The whole dance: sign a fresh assertion with this key, trade it for a token, answer the access token. */
export async function obtainToken(base: string, clientId: string, key: SigningKey, scope: string): Promise<string> {
  const assertion = await signAssertion(key, key.alg, { iss: clientId, aud: `${base}/oauth2/token` });
  const answer = await postToken(base, tokenForm(assertion, scope));
  if (answer.status !== 200) throw new Error(`The token endpoint answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.access_token as string;
}
