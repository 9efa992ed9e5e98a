import { MedplumClient } from '@medplum/core';
import type { Bundle, CapabilityStatement, Patient, ServiceRequest } from '@medplum/fhirtypes';
import { createReferral, type ReferralIds } from './fhir-fixtures';
import { listen, obtainToken, postToken, registerClient, signAssertion, signingKey, tokenForm, type SigningKey } from './smart-fixtures';
import { startTestApp, type TestApp } from './test-app';

/** An EHR's whole trip, the way any EHR makes it: discovery, a signed assertion, a token, then plain FHIR calls. */
describe('SMART Backend Services: an EHR client end to end', () => {
  let t: TestApp;
  let base: string;
  let ids: ReferralIds;
  let rsa: SigningKey;
  let ec: SigningKey;
  let clientId: string;

  beforeAll(async () => {
    t = await startTestApp('smart_flow');
    base = await listen(t);
    ids = await createReferral(t, (await t.signedIn('referrer')).token);
    [rsa, ec] = [await signingKey('RS384'), await signingKey('ES384')];
    const admin = (await t.signedIn('admin')).token;
    clientId = await registerClient(t, admin, [rsa, ec], ['system/Patient.rs', 'system/ServiceRequest.rs']);
  });
  afterAll(() => t.close());

  function medplumWith(token: string): MedplumClient {
    const medplum = new MedplumClient({ baseUrl: base, fhirUrlPath: 'fhir/R4', fetch: (url: string, init: RequestInit) => fetch(url, init) });
    medplum.setAccessToken(token);
    return medplum;
  }

  it.each(['/.well-known/smart-configuration', '/fhir/R4/.well-known/smart-configuration'])('publishes its SMART configuration at %s', async (path) => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      token_endpoint: `${base}/oauth2/token`,
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
      grant_types_supported: ['client_credentials'],
      scopes_supported: expect.arrayContaining(['system/Patient.rs', 'system/ServiceRequest.r', 'system/Task.s', 'system/*.rs']),
      capabilities: ['client-confidential-asymmetric'],
    });
  });

  it('trades an RS384 assertion for a five-minute bearer token, not cached', async () => {
    const assertion = await signAssertion(rsa, 'RS384', { iss: clientId, aud: `${base}/oauth2/token` });
    const answer = await postToken(base, tokenForm(assertion, 'system/Patient.rs system/ServiceRequest.rs'));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      access_token: expect.any(String), token_type: 'bearer', expires_in: 300, scope: 'system/Patient.rs system/ServiceRequest.rs',
    });
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('lets MedplumClient, unchanged, read the CapabilityStatement, search ServiceRequest and read a Patient', async () => {
    const medplum = medplumWith(await obtainToken(base, clientId, rsa, 'system/Patient.rs system/ServiceRequest.rs'));
    const statement = await medplum.get<CapabilityStatement>(medplum.fhirUrl('metadata'));
    expect(statement.resourceType).toBe('CapabilityStatement');
    expect(statement.rest?.[0]?.security?.extension?.[0]?.extension).toEqual([{ url: 'token', valueUri: `${base}/oauth2/token` }]);
    const bundle: Bundle<ServiceRequest> = await medplum.search('ServiceRequest', { _id: ids.serviceRequest });
    expect(bundle.entry?.map((e) => e.resource?.id)).toEqual([ids.serviceRequest]);
    const patient: Patient = await medplum.readResource('Patient', ids.patient);
    expect(patient).toMatchObject({ resourceType: 'Patient', id: ids.patient });
  });

  it('takes an ES384 assertion too, and grants only what was both asked for and registered', async () => {
    const assertion = await signAssertion(ec, 'ES384', { iss: clientId, aud: `${base}/oauth2/token` });
    const answer = await postToken(base, tokenForm(assertion, 'system/Patient.r system/Task.rs launch', { client_id: clientId }));
    expect(answer).toMatchObject({ status: 200, body: { scope: 'system/Patient.r' } });
    const patient: Patient = await medplumWith(answer.body.access_token as string).readResource('Patient', ids.patient);
    expect(patient.id).toBe(ids.patient);
  });

  it('audits each token request and each FHIR call by ids only: no token, no assertion', async () => {
    const token = await obtainToken(base, clientId, ec, 'system/Patient.rs');
    await medplumWith(token).readResource('Patient', ids.patient);
    const rows: Array<Record<string, unknown>> = await t.db.query(
      `SELECT actor_user_id, actor_client_id, actor_role, action, resource_type, resource_id, outcome, error_code
         FROM audit_event WHERE actor_client_id = $1 ORDER BY id DESC LIMIT 2`,
      [clientId],
    );
    const actor = { actor_user_id: null, actor_client_id: clientId, actor_role: 'ehr-client' };
    expect(rows).toEqual([
      { ...actor, action: 'read', resource_type: 'fhir:Patient', resource_id: ids.patient, outcome: 'success', error_code: null },
      { ...actor, action: 'sign-in', resource_type: 'oauth-client', resource_id: clientId, outcome: 'success', error_code: null },
    ]);
    const [everything] = await t.db.query(`SELECT string_agg(row_to_json(a)::text, '') AS text FROM audit_event a`);
    expect(everything.text).not.toContain(token);
    expect(everything.text).not.toMatch(/eyJ/);
  });
});
