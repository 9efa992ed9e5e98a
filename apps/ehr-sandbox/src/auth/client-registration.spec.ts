import { generateKeyPairSync } from 'node:crypto';
import { clientIdProblem, parseClientRegistration } from './client-registration';

const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const ecKey = { ...publicKey.export({ format: 'jwk' }), kid: 'ec-1' };
const privateJwk = { ...privateKey.export({ format: 'jwk' }), kid: 'ec-private' };
const rsaKey = { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' }), kid: 'rsa-1' };
const scopes = 'system/Patient.cruds system/*.rs';

describe('a client registration', () => {
  it('takes inline public keys and normalises the scopes', () => {
    expect(parseClientRegistration({ jwks: { keys: [ecKey, rsaKey] }, scopes: ` ${scopes}  system/*.rs ` })).toEqual({
      jwks: { keys: [ecKey, rsaKey] },
      scopes,
    });
  });

  it('takes a JWKS URL', () => {
    expect(parseClientRegistration({ jwksUrl: 'http://127.0.0.1:9/jwks.json', scopes })).toEqual({ jwksUrl: 'http://127.0.0.1:9/jwks.json', scopes });
  });

  it.each<[string, unknown, string]>([
    ['not an object', [], 'expected a JSON object'],
    ['both key sources', { jwks: { keys: [ecKey] }, jwksUrl: 'http://x/jwks', scopes }, 'exactly one of jwks and jwksUrl'],
    ['no key source', { scopes }, 'exactly one of jwks and jwksUrl'],
    ['an unknown field', { jwks: { keys: [ecKey] }, scopes, secret: 'x' }, 'unknown client field: secret'],
    ['no scopes', { jwks: { keys: [ecKey] } }, 'scopes must be'],
    ['a patient scope', { jwks: { keys: [ecKey] }, scopes: 'patient/*.rs' }, 'patient/*.rs is not a system scope'],
    ['an empty key set', { jwks: { keys: [] }, scopes }, 'at least one key'],
    ['a key without kid', { jwks: { keys: [{ ...ecKey, kid: undefined }] }, scopes }, 'jwks.keys[0] must have a kid'],
    ['a symmetric key', { jwks: { keys: [{ kty: 'oct', k: 'c2VjcmV0', kid: 'h' }] }, scopes }, 'must have kty RSA or EC'],
    ['a private key', { jwks: { keys: [privateJwk] }, scopes }, 'is a private key'],
    ['a broken key', { jwks: { keys: [{ ...ecKey, x: 'AAAA' }] }, scopes }, 'is not a usable EC public key'],
    ['two keys with one kid', { jwks: { keys: [ecKey, { ...rsaKey, kid: 'ec-1' }] }, scopes }, 'two keys share a kid'],
    ['a file URL', { jwksUrl: 'file:///etc/passwd', scopes }, 'jwksUrl must be an http or https URL'],
  ])('refuses %s, saying what is wrong', (_, input, problem) => {
    expect(parseClientRegistration(input)).toEqual(expect.stringContaining(problem));
  });

  it.each([['keta-worker', true], ['a.b_c~d-1', true], ['', false], ['has space', false], ['x'.repeat(129), false]])(
    'client id %j is acceptable: %s',
    (clientId, ok) => {
      expect(clientIdProblem(clientId) === undefined).toBe(ok);
    },
  );
});
