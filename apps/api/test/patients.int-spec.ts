import request from 'supertest';
import { createReferral } from './fhir-fixtures';
import { patchAsRead } from './if-match-fixtures';
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

  const get = (id: string) => request(t.http).get(`/patients/${id}`).set('authorization', `Bearer ${frontDesk}`);
  const patch = (id: string, body: object, ifMatch?: string) => {
    const req = request(t.http).patch(`/patients/${id}/contact`).set('authorization', `Bearer ${frontDesk}`);
    return (ifMatch ? req.set('if-match', ifMatch) : req).send(body);
  };
  const patchAsReadNow = (body: object) => patchAsRead(t, frontDesk, `/patients/${patientId}/contact`, body, `/patients/${patientId}`);

  it('changes them with the Patient\'s projection and an outbox row, so every EHR gets the new version', async () => {
    const res = await patchAsReadNow({ phone: '+1 555 0142', email: 'ana@example.org' });
    expect(res.status).toBe(200);
    expect(res.body.demographics).toMatchObject({ phone: '+1 555 0142', email: 'ana@example.org' });
    const [row] = await t.db.query(`SELECT version, resource FROM fhir_resource WHERE resource_type = 'Patient' AND id = $1`, [patientId]);
    expect(row.version).toBe(2);
    expect(row.resource.telecom).toEqual([{ system: 'phone', value: '+1 555 0142' }, { system: 'email', value: 'ana@example.org' }]);
    expect(await t.db.query(`SELECT version FROM outbox WHERE resource_id = $1 ORDER BY id`, [patientId])).toEqual([{ version: 1 }, { version: 2 }]);
    const cleared = await patchAsReadNow({ email: null });
    expect(cleared.body.demographics.email).toBeUndefined();
  });

  it('refuses a bad email, an empty change and an unknown patient, changing nothing', async () => {
    const etag = (await get(patientId)).headers.etag as string;
    expect((await patch(patientId, { email: 'not-an-email' }, etag)).body.errors).toEqual([expect.objectContaining({ field: 'email' })]);
    expect((await patch(patientId, {}, etag)).status).toBe(400);
    expect((await patch('00000000-0000-4000-8000-000000000000', { phone: '1' }, 'W/"1"')).status).toBe(404);
    const [row] = await t.db.query(`SELECT version FROM fhir_resource WHERE id = $1`, [patientId]);
    expect(row.version).toBe(3);
  });

  it('reads the patient as the change answers it, with its version as ETag, and audits the read', async () => {
    const read = await get(patientId);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: patientId, demographics: { name: { family: expect.any(String) }, phone: '+1 555 0142' }, version: expect.any(Number) });
    expect(read.headers.etag).toBe(`W/"${read.body.version}"`);
    expect((await get('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const [audit] = await t.db.query(`SELECT action, outcome FROM audit_event WHERE resource_type = 'patient' AND resource_id = $1 ORDER BY id DESC LIMIT 1`, [patientId]);
    expect(audit).toEqual({ action: 'read', outcome: 'success' });
  });

  it('changes them from the version read: none is 428, a stale one 412 and nothing changes, the current one 200 with the next ETag', async () => {
    const read = await get(patientId);
    const projected = async () => (await t.db.query(`SELECT version FROM fhir_resource WHERE id = $1`, [patientId]))[0].version as number;
    const before = await projected();
    expect((await patch(patientId, { phone: '+1 555 0199' })).status).toBe(428);
    expect((await patch(patientId, { phone: '+1 555 0199' }, `W/"${read.body.version - 1}"`)).status).toBe(412);
    expect([(await get(patientId)).body, await projected()]).toEqual([read.body, before]);
    const changed = await patch(patientId, { phone: '+1 555 0199' }, read.headers.etag as string);
    expect([changed.status, changed.body.demographics.phone, changed.headers.etag]).toEqual([200, '+1 555 0199', `W/"${read.body.version + 1}"`]);
    expect((await get(patientId)).body).toEqual(changed.body);
    expect((await patch(patientId, { phone: '+1 555 0100' }, read.headers.etag as string)).status).toBe(412);
  });
});
