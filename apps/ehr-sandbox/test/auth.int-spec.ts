import type { Bundle, OperationOutcome } from '@medplum/fhirtypes';
import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox, type RunningSandbox } from '../src/start-sandbox';
import { patient, uniqueSystem } from './sandbox-client';
import { backendClient, JWT_BEARER, signAssertion, smartHttp, type BackendClient, type SmartHttp } from './smart-client';

const ALL_READ_WRITE = 'system/Patient.cruds system/Observation.cruds';

/** SMART Backend Services, as Epic, Oracle Health and Medplum take system-to-system traffic. */
describe('SMART Backend Services authorization', () => {
  let sandbox: RunningSandbox;
  let http: SmartHttp;

  beforeAll(async () => {
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0, latencyMs: 0, logLevel: 'silent', auth: 'smart' });
    http = smartHttp(sandbox);
  });
  afterAll(() => sandbox.close());

  /** A registered client and a token granted for `scope`. */
  async function tokenFor(scope: string, registered = ALL_READ_WRITE, alg: 'RS384' | 'ES384' = 'ES384'): Promise<{ client: BackendClient; token: string }> {
    const client = await backendClient(alg);
    expect((await http.register(client, registered)).status).toBe(200);
    const { status, body } = await http.requestToken(client, scope);
    expect(status).toBe(200);
    return { client, token: body.access_token as string };
  }
  const tokenForm = (assertion: string, scope = 'system/Patient.rs') => ({ grant_type: 'client_credentials', client_assertion_type: JWT_BEARER, client_assertion: assertion, scope });

  it.each(['/fhir/R4/.well-known/smart-configuration', '/.well-known/smart-configuration'])('publishes its SMART configuration at %s', async (path) => {
    const { status, body } = await http.send('GET', `${http.origin}${path}`);
    expect(status).toBe(200);
    expect(body).toEqual({
      token_endpoint: http.tokenUrl,
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
      grant_types_supported: ['client_credentials'],
      scopes_supported: expect.arrayContaining(['system/*.rs']),
      capabilities: ['client-confidential-asymmetric'],
    });
  });

  it.each(['RS384', 'ES384'] as const)('grants a token for an assertion signed with %s, and counts it', async (alg) => {
    const client = await backendClient(alg);
    await http.register(client, 'system/Patient.cruds system/*.rs');
    const { status, headers, body } = await http.requestToken(client, 'system/Patient.cruds system/Observation.rs system/Encounter.c');
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body).toEqual({ access_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), token_type: 'bearer', expires_in: 300, scope: 'system/Patient.cruds system/Observation.rs' });
    const state = (await http.send<{ clients: string[]; issued: Record<string, number> }>('GET', '/$sandbox/auth')).body;
    expect(state.clients).toContain(client.clientId);
    expect(state.issued[client.clientId]).toBe(1);
  });

  it('serves several FHIR requests with one token', async () => {
    const { token } = await tokenFor('system/Patient.cruds');
    const created = await http.send<{ id: string }>('POST', '/Patient', { token, json: patient([{ system: uniqueSystem(), value: '1' }]) });
    expect(created.status).toBe(201);
    expect((await http.send('GET', `/Patient/${created.body.id}`, { token })).status).toBe(200);
    expect((await http.send('GET', `/Patient?_id=${created.body.id}`, { token })).status).toBe(200);
    expect((await http.send('DELETE', `/Patient/${created.body.id}`, { token })).status).toBe(200);
  });

  it('answers 401 without a token, before any fault is drawn, and leaves /metadata open', async () => {
    await http.send('PUT', '/$sandbox/faults', { json: { errorRate: 1 } });
    const refused = await http.send<OperationOutcome>('GET', '/Patient');
    await http.send('PUT', '/$sandbox/faults', { json: {} });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="keta-ehr-sandbox"');
    expect(refused.body.issue[0]?.code).toBe('login');
    expect((await http.send('GET', '/metadata')).status).toBe(200);
  });

  it('answers 401 invalid_token for a token it never issued, and records the refusal without the token', async () => {
    const bogus = randomUUID();
    const refused = await http.send<OperationOutcome>('GET', '/Patient', { token: bogus });
    expect([refused.status, refused.headers.get('www-authenticate'), refused.body.issue[0]?.code]).toEqual([401, 'Bearer error="invalid_token"', 'login']);
    const log = await http.send<{ received: { auth?: string }[] }>('GET', '/$sandbox/requests');
    expect(log.body.received.at(-1)).toMatchObject({ method: 'GET', path: '/Patient', auth: '401' });
    expect(JSON.stringify(log.body)).not.toContain(bogus);
  });

  it('answers 401 for every token issued before a revoke, and serves new ones', async () => {
    const { client, token } = await tokenFor('system/Patient.rs');
    expect((await http.send('GET', '/Patient', { token })).status).toBe(200);
    expect((await http.send<{ revoked: number }>('POST', '/$sandbox/auth/revoke')).body.revoked).toBeGreaterThanOrEqual(1);
    const refused = await http.send<OperationOutcome>('GET', '/Patient', { token });
    expect([refused.status, refused.headers.get('www-authenticate')]).toEqual([401, 'Bearer error="invalid_token"']);
    const renewed = await http.requestToken(client, 'system/Patient.rs');
    expect((await http.send('GET', '/Patient', { token: renewed.body.access_token as string })).status).toBe(200);
  });

  it('answers 401 expired once a token has outlived tokenLifetimeSeconds', async () => {
    expect((await http.send('PUT', '/$sandbox/auth', { json: { tokenLifetimeSeconds: 1 } })).body).toMatchObject({ enabled: true, tokenLifetimeSeconds: 1 });
    const { token } = await tokenFor('system/Patient.rs');
    await http.send('PUT', '/$sandbox/auth', { json: { tokenLifetimeSeconds: 300 } });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const refused = await http.send<OperationOutcome>('GET', '/Patient', { token });
    expect([refused.status, refused.headers.get('www-authenticate'), refused.body.issue[0]?.code]).toEqual([401, 'Bearer error="invalid_token"', 'expired']);
  });

  describe('refuses an assertion as invalid_client (400), and counts the refusal', () => {
    let client: BackendClient;
    beforeEach(async () => {
      client = await backendClient('RS384');
      await http.register(client, ALL_READ_WRITE);
    });

    const cases: [string, (c: BackendClient, aud: string) => Promise<string>, string][] = [
      ['signed by another key with the same kid', async (c, aud) => signAssertion({ ...(await backendClient('RS384', c.kid)), clientId: c.clientId }, aud), 'signature does not verify'],
      ['naming a kid not registered', async (c, aud) => signAssertion({ ...(await backendClient('RS384')), clientId: c.clientId }, aud), 'no key with kid'],
      ['for another audience', (c) => signAssertion(c, 'https://fhir.epic.com/oauth2/token'), 'aud must be'],
      ['expiring too far ahead', (c, aud) => signAssertion(c, aud, { exp: Math.floor(Date.now() / 1000) + 600 }), 'at most 300'],
      ['already expired', (c, aud) => signAssertion(c, aud, { exp: Math.floor(Date.now() / 1000) - 120 }), 'expired'],
      ['without jti', (c, aud) => signAssertion(c, aud, { jti: undefined }), 'jti'],
      ['whose sub is another client', (c, aud) => signAssertion(c, aud, { sub: 'someone-else' }), 'sub'],
      ['from a client never registered', (c, aud) => signAssertion({ ...c, clientId: `unknown-${randomUUID()}` }, aud), 'is registered'],
      ['signed with HS256', (c, aud) => hs256(c, aud), 'alg HS256 is not allowed'],
      ['unsigned (alg none)', (c, aud) => Promise.resolve(unsigned(c, aud)), 'alg none is not allowed'],
    ];
    it.each(cases)('%s', async (_, assertionFor, description) => {
      const { status, body } = await http.tokenRequest(tokenForm(await assertionFor(client, http.tokenUrl)));
      expect(status).toBe(400);
      expect(body).toEqual({ error: 'invalid_client', error_description: expect.stringContaining(description) });
    });

    it('replayed: the same jti twice', async () => {
      const assertion = await signAssertion(client, http.tokenUrl);
      expect((await http.tokenRequest(tokenForm(assertion))).status).toBe(200);
      expect((await http.tokenRequest(tokenForm(assertion))).body).toEqual({ error: 'invalid_client', error_description: expect.stringContaining('already used') });
      const state = (await http.send<{ issued: Record<string, number>; refused: Record<string, number> }>('GET', '/$sandbox/auth')).body;
      expect([state.issued[client.clientId], state.refused[client.clientId]]).toEqual([1, 1]);
    });
  });

  it.each<[string, Record<string, string>, string]>([
    ['an unsupported grant', { grant_type: 'password' }, 'unsupported_grant_type'],
    ['no grant_type', {}, 'invalid_request'],
    ['another assertion type', { grant_type: 'client_credentials', client_assertion_type: 'urn:x', client_assertion: 'a.b.c', scope: 'system/*.rs' }, 'invalid_request'],
    ['no scope', { grant_type: 'client_credentials', client_assertion_type: JWT_BEARER, client_assertion: 'a.b.c' }, 'invalid_request'],
  ])('refuses a token request with %s', async (_, form, error) => {
    const { status, body } = await http.tokenRequest(form);
    expect([status, body.error]).toEqual([400, error]);
  });

  it('refuses invalid_scope when none of the requested scopes is registered for the client', async () => {
    const client = await backendClient();
    await http.register(client, 'system/Patient.rs');
    const { status, body } = await http.requestToken(client, 'system/Observation.rs system/Patient.c');
    expect([status, body.error]).toEqual([400, 'invalid_scope']);
  });

  it('fetches the keys of a client registered with a jwksUrl', async () => {
    const client = await backendClient('ES384');
    const jwks = await serveJwks({ keys: [client.publicJwk] });
    try {
      expect((await http.register(client, 'system/*.rs', { jwksUrl: jwks.url })).status).toBe(200);
      const { status, body } = await http.requestToken(client, 'system/Patient.rs');
      expect([status, body.scope]).toEqual([200, 'system/Patient.rs']);
      expect(jwks.fetched()).toBeGreaterThanOrEqual(1);
    } finally {
      await jwks.close();
    }
  });

  it('answers 403 for a write with read scopes only, and stores nothing', async () => {
    const { token } = await tokenFor('system/Patient.rs');
    const system = uniqueSystem();
    const refused = await http.send<OperationOutcome>('POST', '/Patient', { token, json: patient([{ system, value: '1' }]) });
    expect(refused.status).toBe(403);
    expect(refused.body.issue[0]).toMatchObject({ code: 'forbidden', details: { text: expect.stringContaining('create of Patient') } });
    const found = await http.send<Bundle>('GET', `/Patient?identifier=${system}|`, { token });
    expect(found.body.total).toBe(0);
  });

  it('answers 403 for a transaction holding one entry the scopes do not allow, and stores none of it', async () => {
    const { token } = await tokenFor('system/Patient.cruds system/Observation.rs');
    const system = uniqueSystem();
    const transaction: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: `urn:uuid:${randomUUID()}`, resource: patient([{ system, value: '1' }]), request: { method: 'POST', url: 'Patient' } },
        { resource: { resourceType: 'Observation', status: 'final', code: { text: 'PHQ-9' } }, request: { method: 'POST', url: 'Observation' } },
      ],
    };
    const refused = await http.send<OperationOutcome>('POST', '/', { token, json: transaction });
    expect(refused.status).toBe(403);
    expect(refused.body.issue[0]?.details?.text).toContain('create of Observation');
    expect((await http.send<Bundle>('GET', `/Patient?identifier=${system}|`, { token })).body.total).toBe(0);
  });

  it('forgets a deleted client: its tokens answer 401 and it gets no more', async () => {
    const { client, token } = await tokenFor('system/Patient.rs');
    expect((await http.send('DELETE', `/$sandbox/auth/clients/${client.clientId}`)).status).toBe(204);
    expect((await http.send('GET', '/Patient', { token })).status).toBe(401);
    expect((await http.requestToken(client, 'system/Patient.rs')).body.error).toBe('invalid_client');
    expect((await http.send('DELETE', `/$sandbox/auth/clients/${client.clientId}`)).status).toBe(404);
  });

  it('refuses bad control bodies with 400, changing nothing', async () => {
    const client = await backendClient();
    const refused = await http.send('PUT', `/$sandbox/auth/clients/${client.clientId}`, { json: { jwks: { keys: [client.publicJwk] } } });
    expect([refused.status, refused.body.error]).toEqual([400, expect.stringContaining('scopes')]);
    expect((await http.send('PUT', '/$sandbox/auth/clients/bad%20id', { json: {} })).status).toBe(400);
    expect((await http.send('PUT', '/$sandbox/auth', { json: { enabled: 'no' } })).status).toBe(400);
    const state = (await http.send<{ enabled: boolean; clients: string[] }>('GET', '/$sandbox/auth')).body;
    expect([state.enabled, state.clients.includes(client.clientId)]).toEqual([true, false]);
  });

  it('resets the counters', async () => {
    await tokenFor('system/Patient.rs');
    expect((await http.send('DELETE', '/$sandbox/auth/counters')).status).toBe(204);
    expect((await http.send('GET', '/$sandbox/auth')).body).toMatchObject({ issued: {}, refused: {} });
  });
});

describe('with authorization off (the default)', () => {
  let sandbox: RunningSandbox;
  let http: SmartHttp;

  beforeAll(async () => {
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0, latencyMs: 0, logLevel: 'silent' });
    http = smartHttp(sandbox);
  });
  afterAll(() => sandbox.close());

  it('serves FHIR without a token, and still publishes its SMART configuration', async () => {
    expect((await http.send('GET', '/$sandbox/auth')).body).toEqual({ enabled: false, tokenLifetimeSeconds: 300, clients: [], issued: {}, refused: {} });
    expect((await http.send('POST', '/Patient', { json: patient([]) })).status).toBe(201);
    expect((await http.send('GET', `${http.origin}/.well-known/smart-configuration`)).status).toBe(200);
  });

  it('is switched on and off at run time', async () => {
    expect((await http.send('PUT', '/$sandbox/auth', { json: { enabled: true } })).body).toMatchObject({ enabled: true });
    expect((await http.send('GET', '/Patient')).status).toBe(401);
    await http.send('PUT', '/$sandbox/auth', { json: { enabled: false } });
    expect((await http.send('GET', '/Patient')).status).toBe(200);
  });
});

function hs256(client: BackendClient, aud: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: client.clientId, sub: client.clientId, aud, exp: now + 60, jti: randomUUID() })
    .setProtectedHeader({ alg: 'HS256', kid: client.kid })
    .sign(new TextEncoder().encode('a shared secret the server never agreed to'));
}

function unsigned(client: BackendClient, aud: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = { iss: client.clientId, sub: client.clientId, aud, exp: Math.floor(Date.now() / 1000) + 60, jti: randomUUID() };
  return `${part({ alg: 'none', kid: client.kid })}.${part(claims)}.`;
}

/** A client's JWKS at a URL of its own, as a real backend client publishes it. */
async function serveJwks(jwks: object): Promise<{ url: string; fetched: () => number; close: () => Promise<void> }> {
  let fetched = 0;
  const server: Server = createServer((_req, res) => {
    fetched += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  return { url, fetched: () => fetched, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
