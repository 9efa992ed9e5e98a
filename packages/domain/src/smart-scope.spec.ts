import { newEhrClientSchema } from './ehr-client';
import { formatSmartScope, intersectSmartScopes, parseSmartScopes, smartScopeSchema, smartScopesAllow } from './smart-scope';

const scopes = (list: string) => parseSmartScopes(list);
const text = (list: ReturnType<typeof scopes>) => list.map(formatSmartScope).join(' ');

describe('SMART system scopes', () => {
  it.each(['system/Patient.rs', 'system/*.cruds', 'system/Task.s', 'system/ServiceRequest.r', 'system/Patient.cd'])('accepts %s', (scope) => {
    expect(smartScopeSchema.safeParse(scope).success).toBe(true);
  });

  it.each([
    'system/Patient.sr', 'system/Patient.', 'system/Patient.read', 'user/Patient.rs', 'patient/*.rs', 'system/patient.rs',
    'system/Patient.rs?category=x', 'system/Patient.rr', 'launch', ' system/Patient.rs',
  ])('refuses %s', (scope) => {
    expect(smartScopeSchema.safeParse(scope).success).toBe(false);
  });

  it.each([
    ['system/Patient.rs system/Task.s', 'system/Patient.rs', 'system/Patient.rs'],
    ['system/Patient.rs', 'system/*.r', 'system/Patient.r'],
    ['system/*.rs', 'system/Patient.rs system/Task.s', 'system/Patient.rs system/Task.s'],
    ['system/*.rs', 'system/*.cruds', 'system/*.rs'],
    ['system/Patient.s system/Patient.r', 'system/*.cruds', 'system/Patient.rs'],
    ['system/Task.s', 'system/Patient.rs', ''],
    ['system/Patient.c', 'system/Patient.rs', ''],
    ['launch user/Patient.rs system/Patient.rs', 'system/Patient.rs', 'system/Patient.rs'],
  ])('requested %s of registered %s grants "%s"', (requested, registered, granted) => {
    expect(text(intersectSmartScopes(scopes(requested), scopes(registered)))).toBe(granted);
  });

  it('allows an interaction on a type by the type or by *', () => {
    expect(smartScopesAllow(scopes('system/Patient.rs'), 'Patient', 'r')).toBe(true);
    expect(smartScopesAllow(scopes('system/Patient.rs'), 'Task', 's')).toBe(false);
    expect(smartScopesAllow(scopes('system/Patient.r'), 'Patient', 's')).toBe(false);
    expect(smartScopesAllow(scopes('system/*.s'), 'Task', 's')).toBe(true);
  });
});

describe('EHR client registration', () => {
  const rsa = { kty: 'RSA', kid: 'k1', n: 'AQAB', e: 'AQAB' };
  const ec = { kty: 'EC', kid: 'k2', crv: 'P-384', x: 'AQAB', y: 'AQAB' };
  const fieldsAtFault = (jwks: unknown) => {
    const result = newEhrClientSchema.safeParse({ name: 'EHR', jwks, scopes: ['system/Patient.rs'] });
    return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
  };

  it('takes public RSA and P-384 keys', () => {
    expect(fieldsAtFault({ keys: [rsa, ec] })).toEqual([]);
  });

  it.each([
    [{ keys: [{ ...rsa, d: 'AQAB' }] }, 'jwks.keys.0.d'],
    [{ keys: [{ ...ec, d: 'AQAB' }] }, 'jwks.keys.0.d'],
    [{ keys: [{ kty: 'oct', kid: 'k', k: 'AQAB' }] }, 'jwks.keys.0.kty'],
    [{ keys: [{ ...ec, crv: 'P-256' }] }, 'jwks.keys.0.crv'],
    [{ keys: [{ ...rsa, kid: undefined }] }, 'jwks.keys.0.kid'],
    [{ keys: [{ ...rsa, alg: 'RS256' }] }, 'jwks.keys.0.alg'],
    [{ keys: [{ ...rsa, alg: 'ES384' }] }, 'jwks.keys.0.alg'],
    [{ keys: [rsa, { ...ec, kid: 'k1' }] }, 'jwks.keys'],
    [{ keys: [] }, 'jwks.keys'],
  ])('refuses %j at %s', (jwks, field) => {
    expect(fieldsAtFault(jwks)).toContain(field);
  });
});
