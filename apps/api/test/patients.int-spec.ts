import request from 'supertest';
import { createReferral } from './fhir-fixtures';
import { startTestApp, type TestApp } from './test-app';

describe('a patient\'s contact details', () => {
  let t: TestApp;
  let frontDesk: string;
  let patientId: string;

  beforeAll(async () => {
    t = await startTestApp('patients');
    frontDesk = (await t.signedIn('front-desk')).token;
    patientId = (await createReferral(t, (await t.signedIn('referrer')).token)).patient;
  });
  afterAll(() => t.close());

  const patch = (id: string, body: object) => request(t.http).patch(`/patients/${id}/contact`).set('authorization', `Bearer ${frontDesk}`).send(body);

  it('changes them with the Patient\'s projection and an outbox row, so every EHR gets the new version', async () => {
    const res = await patch(patientId, { phone: '+1 555 0142', email: 'ana@example.org' });
    expect(res.status).toBe(200);
    expect(res.body.demographics).toMatchObject({ phone: '+1 555 0142', email: 'ana@example.org' });
    const [row] = await t.db.query(`SELECT version, resource FROM fhir_resource WHERE resource_type = 'Patient' AND id = $1`, [patientId]);
    expect(row.version).toBe(2);
    expect(row.resource.telecom).toEqual([{ system: 'phone', value: '+1 555 0142' }, { system: 'email', value: 'ana@example.org' }]);
    expect(await t.db.query(`SELECT version FROM outbox WHERE resource_id = $1 ORDER BY id`, [patientId])).toEqual([{ version: 1 }, { version: 2 }]);
    const cleared = await patch(patientId, { email: null });
    expect(cleared.body.demographics.email).toBeUndefined();
  });

  it('refuses a bad email, an empty change and an unknown patient, changing nothing', async () => {
    expect((await patch(patientId, { email: 'not-an-email' })).body.errors).toEqual([expect.objectContaining({ field: 'email' })]);
    expect((await patch(patientId, {})).status).toBe(400);
    expect((await patch('00000000-0000-4000-8000-000000000000', { phone: '1' })).status).toBe(404);
    const [row] = await t.db.query(`SELECT version FROM fhir_resource WHERE id = $1`, [patientId]);
    expect(row.version).toBe(3);
  });
});
