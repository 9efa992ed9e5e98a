import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  listen, postToken, registerClient, signAssertion, signingKey, tokenForm, type AssertionClaims, type SigningKey,
} from './smart-fixtures';
import { patchAsRead } from './if-match-fixtures';
import { startTestApp, type TestApp } from './test-app';

const SCOPE = 'system/Patient.rs';

/** Every way a token request can be wrong, each answered with its RFC 6749 §5.2 error, never a token, never a 500. */
describe('POST /oauth2/token refuses', () => {
  let t: TestApp;
  let base: string;
  let admin: string;
  let rsa: SigningKey;
  let clientId: string;

  beforeAll(async () => {
    // Many refusals from one client and one address: the throttle has its own test below.
    t = await startTestApp('smart_refusals', { SIGN_IN_MAX_ATTEMPTS: '1000', SIGN_IN_MAX_ATTEMPTS_PER_IP: '100000' });
    base = await listen(t);
    admin = (await t.signedIn('admin')).token;
    rsa = await signingKey('RS384');
    clientId = await registerClient(t, admin, [rsa, await signingKey('ES384')], [SCOPE, 'system/ServiceRequest.rs']);
  });
  afterAll(() => t.close());

  const aud = () => `${base}/oauth2/token`;
  const assertion = (claims: AssertionClaims = {}, key: { privateKey: SigningKey['privateKey'] | Uint8Array; kid?: string } = rsa, alg = 'RS384') =>
    signAssertion(key, alg, { iss: clientId, aud: aud(), ...claims });

  async function expectRefusal(form: Record<string, string> | URLSearchParams, error: string): Promise<string> {
    const answer = await postToken(base, form);
    expect({ status: answer.status, error: answer.body.error }).toEqual({ status: 400, error });
    expect(answer.body.error_description).toEqual(expect.any(String));
    expect(answer.body).not.toHaveProperty('access_token');
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    return answer.body.error_description as string;
  }

  const invalidClient: Array<[string, () => Promise<string>, RegExp]> = [
    ['an HS256 assertion', () => assertion({}, { privateKey: new TextEncoder().encode('s'.repeat(48)), kid: rsa.kid }, 'HS256'), /RS384 or ES384/],
    ['an RS256 assertion', () => assertion({}, rsa, 'RS256'), /RS384 or ES384/],
    ['an unknown kid', () => assertion({}, { privateKey: rsa.privateKey, kid: 'no-such-key' }), /kid/],
    ['no kid', () => assertion({}, { privateKey: rsa.privateKey }), /kid/],
    ['a key not in the JWKS (under a registered kid)', async () => assertion({}, { privateKey: (await signingKey('RS384')).privateKey, kid: rsa.kid }), /signature/],
    ['iss not equal to sub', () => assertion({ sub: randomUUID() }), /sub must equal iss/],
    ['another audience', () => assertion({ aud: 'https://elsewhere.example/oauth2/token' }), /aud must be this token endpoint/],
    ['the FHIR base as audience', () => assertion({ aud: `${base}/fhir/R4` }), /aud/],
    ['exp more than five minutes ahead', () => assertion({ expiresIn: 10 * 60 }), /at most 5 minutes/],
    ['an expired assertion', () => assertion({ expiresIn: -120 }), /expired/],
    ['no exp', () => assertion({ expiresIn: null }), /exp/],
    ['no jti', () => assertion({ jti: null }), /jti/],
    ['an unregistered client', () => assertion({ iss: randomUUID() }), /registered/],
    ['an assertion that is no JWT', async () => 'not.a.jwt', /JWT/],
  ];

  it.each(invalidClient)('%s as invalid_client', async (_case, make, description) => {
    expect(await expectRefusal(tokenForm(await make(), SCOPE), 'invalid_client')).toMatch(description);
  });

  it('a reused jti as invalid_client, even for a request that would otherwise pass', async () => {
    const once = await assertion();
    expect((await postToken(base, tokenForm(once, SCOPE))).status).toBe(200);
    expect(await expectRefusal(tokenForm(once, SCOPE), 'invalid_client')).toMatch(/already used/);
    const sameJti = await assertion({ jti: 'fixed-jti' });
    expect((await postToken(base, tokenForm(sameJti, SCOPE))).status).toBe(200);
    await expectRefusal(tokenForm(await assertion({ jti: 'fixed-jti' }), SCOPE), 'invalid_client');
  });

  it('a disabled client as invalid_client, and serves it again once enabled', async () => {
    const key = await signingKey('ES384');
    const id = await registerClient(t, admin, [key], [SCOPE]);
    const patch = (enabled: boolean) => patchAsRead(t, admin, `/ehr-clients/${id}`, { enabled });
    expect((await patch(false)).status).toBe(200);
    const signed = () => signAssertion(key, 'ES384', { iss: id, aud: aud() });
    expect(await expectRefusal(tokenForm(await signed(), SCOPE), 'invalid_client')).toMatch(/enabled/);
    expect((await patch(true)).status).toBe(200);
    expect((await postToken(base, tokenForm(await signed(), SCOPE))).status).toBe(200);
  });

  it('a client_id other than the assertion iss as invalid_client', async () => {
    await expectRefusal(tokenForm(await assertion(), SCOPE, { client_id: randomUUID() }), 'invalid_client');
  });

  it('another grant type as unsupported_grant_type, and none as invalid_request', async () => {
    await expectRefusal(tokenForm(await assertion(), SCOPE, { grant_type: 'authorization_code' }), 'unsupported_grant_type');
    await expectRefusal(tokenForm(await assertion(), SCOPE, { grant_type: undefined }), 'invalid_request');
  });

  it('another client assertion type as invalid_client, and none as invalid_request', async () => {
    const saml = 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer';
    await expectRefusal(tokenForm(await assertion(), SCOPE, { client_assertion_type: saml }), 'invalid_client');
    await expectRefusal(tokenForm(await assertion(), SCOPE, { client_assertion_type: undefined }), 'invalid_request');
  });

  it('a missing assertion or scope, or a repeated parameter, as invalid_request', async () => {
    await expectRefusal(tokenForm('', SCOPE, { client_assertion: undefined }), 'invalid_request');
    await expectRefusal(tokenForm(await assertion(), SCOPE, { scope: undefined }), 'invalid_request');
    const repeated = new URLSearchParams(tokenForm(await assertion(), SCOPE));
    repeated.append('scope', 'system/Task.rs');
    expect(await expectRefusal(repeated, 'invalid_request')).toMatch(/scope is sent more than once/);
  });

  it('scopes the client does not have as invalid_scope when none is left, and grants the rest otherwise', async () => {
    expect(await expectRefusal(tokenForm(await assertion(), 'system/Task.rs system/Patient.c'), 'invalid_scope')).toMatch(/scopes/);
    await expectRefusal(tokenForm(await assertion(), 'user/Patient.rs patient/*.read'), 'invalid_scope');
    const partly = await postToken(base, tokenForm(await assertion(), 'system/Task.rs system/Patient.r'));
    expect(partly).toMatchObject({ status: 200, body: { scope: 'system/Patient.r' } });
  });

  it('a body that is not a form, or none, as invalid_request: never problem+json, never a 500', async () => {
    const json = await request(t.http).post('/oauth2/token').send(tokenForm(await assertion(), SCOPE));
    const empty = await request(t.http).post('/oauth2/token');
    for (const res of [json, empty]) {
      expect({ status: res.status, type: res.headers['content-type'], error: res.body.error }).toEqual({
        status: 400, type: 'application/json; charset=utf-8', error: 'invalid_request',
      });
    }
  });

  it('and audits every refusal by ids and codes only', async () => {
    const unregistered = randomUUID();
    await postToken(base, tokenForm(await assertion({ iss: unregistered }), SCOPE));
    await postToken(base, tokenForm(await assertion({ aud: 'https://elsewhere.example/oauth2/token' }), SCOPE));
    const rows = await t.db.query(
      `SELECT actor_client_id, actor_role, resource_id, outcome, error_code FROM audit_event
        WHERE resource_type = 'oauth-client' AND action = 'sign-in' ORDER BY id DESC LIMIT 2`,
    );
    expect(rows).toEqual([
      { actor_client_id: clientId, actor_role: 'ehr-client', resource_id: clientId, outcome: 'denied', error_code: 'invalid_client' },
      { actor_client_id: null, actor_role: null, resource_id: unregistered, outcome: 'denied', error_code: 'invalid_client' },
    ]);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE resource_type = 'oauth-client'`);
    expect(n).toBeGreaterThan(invalidClient.length);
  });
});

describe('POST /oauth2/token throttles', () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp('smart_throttle', { SIGN_IN_MAX_ATTEMPTS: '3', SIGN_IN_WINDOW_SECONDS: '600' });
    base = await listen(t);
  });
  afterAll(() => t.close());

  it('failed attempts per client: 429 with Retry-After, still an OAuth error, and audited', async () => {
    const key = await signingKey('RS384');
    const clientId = await registerClient(t, (await t.signedIn('admin')).token, [key], [SCOPE]);
    const wrongAudience = () => signAssertion(key, 'RS384', { iss: clientId, aud: 'https://elsewhere.example/oauth2/token' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await postToken(base, tokenForm(await wrongAudience(), SCOPE))).status);
    expect(statuses).toEqual([400, 400, 400, 429]);
    const good = await signAssertion(key, 'RS384', { iss: clientId, aud: `${base}/oauth2/token` });
    const limited = await postToken(base, tokenForm(good, SCOPE));
    expect({ status: limited.status, error: limited.body.error }).toEqual({ status: 429, error: 'invalid_client' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const [last] = await t.db.query(`SELECT outcome, error_code FROM audit_event WHERE resource_id = $1 ORDER BY id DESC LIMIT 1`, [clientId]);
    expect(last).toEqual({ outcome: 'denied', error_code: 'rate_limited' });
  });
});
