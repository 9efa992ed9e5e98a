import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JWK } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { clientAssertion } from './client-assertion';

describe('the SMART client assertion', () => {
  const TOKEN_URL = 'https://ehr.example/oauth2/token';

  it.each(['RS384', 'ES384'] as const)('is signed %s with the named key, for this client and token endpoint, under five minutes', async (algorithm) => {
    const pair = algorithm === 'RS384' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const key = { kid: 'k-1', algorithm, privateKey: pair.privateKey };
    const now = Date.now();
    const assertion = await clientAssertion(key, 'keta-client', TOKEN_URL, now);
    const jwks = createLocalJWKSet({ keys: [{ ...(pair.publicKey.export({ format: 'jwk' }) as JWK), kid: 'k-1', alg: algorithm }] });
    const { payload } = await jwtVerify(assertion, jwks, { algorithms: [algorithm], issuer: 'keta-client', subject: 'keta-client', audience: TOKEN_URL });
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: algorithm, kid: 'k-1', typ: 'JWT' });
    expect(payload.exp! - Math.floor(now / 1000)).toBeGreaterThan(0);
    expect(payload.exp! - Math.floor(now / 1000)).toBeLessThanOrEqual(300);
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never repeats its jti', async () => {
    const key = { kid: 'k-1', algorithm: 'ES384' as const, privateKey: generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey };
    const jtis = await Promise.all([1, 2, 3].map(async () => JSON.parse(Buffer.from((await clientAssertion(key, 'c', TOKEN_URL)).split('.')[1]!, 'base64url').toString()).jti));
    expect(new Set(jtis).size).toBe(3);
  });
});
