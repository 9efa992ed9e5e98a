import request from 'supertest';
import { createReferral, fhirGet, issuesOf, type ReferralIds } from './fhir-fixtures';
import { patchAsRead } from './if-match-fixtures';
import { listen, obtainToken, registerClient, signingKey, type SigningKey } from './smart-fixtures';
import { startTestApp, type TestApp } from './test-app';

/** What a client token opens: /fhir/R4 reads and searches within its scopes, nothing else. */
describe('EHR client tokens on the API', () => {
  let t: TestApp;
  let base: string;
  let admin: string;
  let ids: ReferralIds;
  let key: SigningKey;
  let clientId: string;

  beforeAll(async () => {
    t = await startTestApp('smart_scopes');
    base = await listen(t);
    admin = (await t.signedIn('admin')).token;
    ids = await createReferral(t, (await t.signedIn('referrer')).token);
    key = await signingKey('ES384');
    clientId = await registerClient(t, admin, [key], ['system/*.rs']);
  });
  afterAll(() => t.close());

  const tokenFor = (scope: string) => obtainToken(base, clientId, key, scope);
  const setClient = (change: object) => patchAsRead(t, admin, `/ehr-clients/${clientId}`, change);

  async function expectForbidden(path: string, token: string, scope: string): Promise<void> {
    const res = await fhirGet(t, path, token);
    expect({ path, status: res.status }).toEqual({ path, status: 403 });
    expect(res.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
    expect(issuesOf(res.body)).toEqual([expect.objectContaining({ code: 'forbidden', diagnostics: expect.stringContaining(scope) })]);
  }

  it('reads with r and searches with s, per type', async () => {
    const token = await tokenFor('system/Patient.rs system/ServiceRequest.rs system/Task.r');
    expect((await fhirGet(t, `Patient/${ids.patient}`, token)).status).toBe(200);
    expect((await fhirGet(t, `Patient?_id=${ids.patient}`, token)).status).toBe(200);
    expect((await fhirGet(t, `ServiceRequest?patient=${ids.patient}`, token)).status).toBe(200);
    expect((await fhirGet(t, `Task/${ids.task}`, token)).status).toBe(200);
    await expectForbidden(`Task?_id=${ids.task}`, token, 'system/Task.s');
  });

  it('answers 403 naming the missing scope: no Patient.r, no Patient read', async () => {
    const token = await tokenFor('system/Patient.s system/ServiceRequest.rs');
    expect((await fhirGet(t, 'Patient', token)).status).toBe(200);
    await expectForbidden(`Patient/${ids.patient}`, token, 'system/Patient.r');
    await expectForbidden(`Task/${ids.task}`, token, 'system/Task.r');
  });

  it('records a denial against the client, not a user', async () => {
    const token = await tokenFor('system/Patient.s');
    await fhirGet(t, `ServiceRequest/${ids.serviceRequest}`, token);
    const [row] = await t.db.query(
      `SELECT actor_user_id, actor_client_id, actor_role, outcome, error_code FROM audit_event
        WHERE resource_type = 'fhir:ServiceRequest' AND resource_id = $1 ORDER BY id DESC LIMIT 1`,
      [ids.serviceRequest],
    );
    expect(row).toEqual({ actor_user_id: null, actor_client_id: clientId, actor_role: 'ehr-client', outcome: 'denied', error_code: 'forbidden' });
  });

  it.each([
    ['GET', '/users'], ['GET', '/auth/me'], ['GET', '/audit-events'], ['GET', '/ehr-clients'], ['POST', '/referrals'],
    ['GET', `/referrals/00000000-0000-4000-8000-000000000000`],
  ])('is refused on %s %s, which is no FHIR route', async (method, path) => {
    const token = await tokenFor('system/*.rs');
    const res = await request(t.http)[method.toLowerCase() as 'get'](path).set('authorization', `Bearer ${token}`);
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'forbidden' });
  });

  it('holds only what the registration still allows: narrowing it binds tokens already issued', async () => {
    const token = await tokenFor('system/Patient.rs');
    expect((await fhirGet(t, `Patient/${ids.patient}`, token)).status).toBe(200);
    expect((await setClient({ scopes: ['system/Patient.s'] })).status).toBe(200);
    await expectForbidden(`Patient/${ids.patient}`, token, 'system/Patient.r');
    expect((await fhirGet(t, 'Patient', token)).status).toBe(200);
    expect((await setClient({ scopes: ['system/*.rs'] })).status).toBe(200);
  });

  it('stops at once when the client is disabled after its token was issued', async () => {
    const token = await tokenFor('system/Patient.rs');
    expect((await setClient({ enabled: false })).status).toBe(200);
    const res = await fhirGet(t, `Patient/${ids.patient}`, token);
    expect(res.status).toBe(401);
    expect(issuesOf(res.body)).toEqual([expect.objectContaining({ code: 'login' })]);
    expect((await setClient({ enabled: true })).status).toBe(200);
    expect((await fhirGet(t, `Patient/${ids.patient}`, token)).status).toBe(200);
  });

  it('leaves clinicians their access', async () => {
    const clinician = (await t.signedIn('clinician')).token;
    expect((await fhirGet(t, `Patient/${ids.patient}`, clinician)).status).toBe(200);
    expect((await fhirGet(t, `Task?_id=${ids.task}`, clinician)).status).toBe(200);
  });
});
