import type { JSONWebKeySet } from 'jose';
import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { parseSystemScope, splitScopes } from './scopes';

/** `PUT /$sandbox/auth/clients/{clientId}`: the client's public keys (inline or at a URL) and what it may be granted. */
export type ClientRegistration = ({ jwks: JSONWebKeySet } | { jwksUrl: string }) & {
  /** Space-separated `system/...` scopes, each once. */
  scopes: string;
};

const CLIENT_ID = /^[A-Za-z0-9._~-]{1,128}$/;
const KEY_TYPES = new Set(['RSA', 'EC']);

export function clientIdProblem(clientId: string): string | undefined {
  return CLIENT_ID.test(clientId) ? undefined : 'a client id is 1 to 128 characters of A-Z a-z 0-9 . _ ~ -';
}

/** Checks a registration body strictly; answers it (scopes normalised) or what is wrong with it. */
export function parseClientRegistration(input: unknown): ClientRegistration | string {
  if (!isObject(input)) return 'expected a JSON object';
  const { jwks, jwksUrl, scopes, ...unknown } = input;
  const extra = Object.keys(unknown);
  if (extra.length > 0) return `unknown client field: ${extra.join(', ')}`;
  if ((jwks === undefined) === (jwksUrl === undefined)) return 'give exactly one of jwks and jwksUrl';
  const problem = scopesProblem(scopes) ?? (jwks === undefined ? jwksUrlProblem(jwksUrl) : jwksProblem(jwks));
  if (problem) return problem;
  const keys = jwks === undefined ? { jwksUrl: jwksUrl as string } : { jwks: jwks as JSONWebKeySet };
  return { ...keys, scopes: splitScopes(scopes as string).join(' ') };
}

function scopesProblem(scopes: unknown): string | undefined {
  if (typeof scopes !== 'string' || splitScopes(scopes).length === 0) return 'scopes must be a string of space-separated system scopes';
  const bad = splitScopes(scopes).find((scope) => parseSystemScope(scope) === undefined);
  return bad === undefined ? undefined : `scopes: ${bad} is not a system scope (system/Patient.cruds, system/*.rs, system/Patient.read)`;
}

function jwksUrlProblem(url: unknown): string | undefined {
  const ok = typeof url === 'string' && URL.canParse(url) && ['http:', 'https:'].includes(new URL(url).protocol);
  return ok ? undefined : 'jwksUrl must be an http or https URL';
}

/** Public RSA or EC keys, each with a kid (assertions name their key by it), each one Node can import. */
function jwksProblem(jwks: unknown): string | undefined {
  const keys = isObject(jwks) ? jwks.keys : undefined;
  if (!Array.isArray(keys) || keys.length === 0) return 'jwks must be {"keys": [...]} with at least one key';
  for (const [index, key] of keys.entries()) {
    const problem = keyProblem(key);
    if (problem) return `jwks.keys[${index}] ${problem}`;
  }
  const kids = keys.map((key: { kid: string }) => key.kid);
  return new Set(kids).size === kids.length ? undefined : 'jwks: two keys share a kid';
}

function keyProblem(key: unknown): string | undefined {
  if (!isObject(key)) return 'is not an object';
  if (typeof key.kty !== 'string' || !KEY_TYPES.has(key.kty)) return 'must have kty RSA or EC';
  if (typeof key.kid !== 'string' || key.kid === '') return 'must have a kid';
  if ('d' in key) return 'is a private key: register public keys only';
  try {
    createPublicKey({ key: key as JsonWebKey, format: 'jwk' });
  } catch {
    return `is not a usable ${key.kty} public key`;
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
