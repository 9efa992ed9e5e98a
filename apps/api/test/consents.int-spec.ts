import request from 'supertest';
import { createReferral } from './fhir-fixtures';
import { countRows, startTestApp, type TestApp } from './test-app';

describe('consents', () => {
  let t: TestApp;
  let frontDesk: string;
  let patientId: string;

  beforeAll(async () => {
    t = await startTestApp('consents');
    frontDesk = (await t.signedIn('front-desk')).token;
    patientId = (await createReferral(t, (await t.signedIn('referrer')).token)).patient;
  });
  afterAll(() => t.close());

  const post = (path: string, body?: object) => request(t.http).post(path).set('authorization', `Bearer ${frontDesk}`).send(body);

  it('records a privacy consent naming its EHR, projects it as a Consent, and revokes it once', async () => {
    const created = await post(`/patients/${patientId}/consents`, { kind: 'privacy', recipient: { name: 'Harbor EHR', url: 'https://ehr.harbor.example/fhir/R4/' }, coversPart2: true });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'privacy', status: 'active', recipient: { name: 'Harbor EHR', url: 'https://ehr.harbor.example/fhir/R4' }, coversPart2: true });
    const [projected] = await t.db.query(`SELECT status, resource FROM fhir_resource WHERE resource_type = 'Consent' AND id = $1`, [created.body.id]);
    expect(projected).toMatchObject({ status: 'active', resource: { scope: { coding: [{ code: 'patient-privacy' }] }, patient: { reference: `Patient/${patientId}` } } });

    const revoked = await post(`/consents/${created.body.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    const [after] = await t.db.query(`SELECT status, version FROM fhir_resource WHERE id = $1`, [created.body.id]);
    expect(after).toEqual({ status: 'inactive', version: 2 });
    expect((await post(`/consents/${created.body.id}/revoke`)).status).toBe(409);
  });

  it('refuses a privacy consent without its recipient, a treatment consent with one, and an unknown patient, writing nothing', async () => {
    const before = await countRows(t.db, 'consent');
    const noRecipient = await post(`/patients/${patientId}/consents`, { kind: 'privacy' });
    expect([noRecipient.status, noRecipient.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, ['recipient']]);
    expect((await post(`/patients/${patientId}/consents`, { kind: 'treatment', recipient: { name: 'X' } })).status).toBe(400);
    expect((await post('/patients/00000000-0000-4000-8000-000000000000/consents', { kind: 'treatment' })).status).toBe(404);
    expect(await countRows(t.db, 'consent')).toBe(before);
  });
});
