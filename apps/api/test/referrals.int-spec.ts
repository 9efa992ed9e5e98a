import request from 'supertest';
import { referralBody } from './referral-fixtures';
import { countRows, startTestApp, type TestApp } from './test-app';

const TABLES = ['patient', 'patient_identifier', 'referral', 'fhir_resource', 'outbox'];

describe('referral intake', () => {
  let t: TestApp;
  let referrer: { user: { id: string }; token: string };
  let clinician: string;

  beforeAll(async () => {
    t = await startTestApp('referrals');
    referrer = await t.signedIn('referrer');
    clinician = (await t.signedIn('clinician')).token;
  });
  afterAll(() => t.close());

  const post = (token: string, body: object) => request(t.http).post('/referrals').set('authorization', `Bearer ${token}`).send(body);
  const get = (token: string, id: string) => request(t.http).get(`/referrals/${id}`).set('authorization', `Bearer ${token}`);
  const counts = async () => Object.fromEntries(await Promise.all(TABLES.map(async (table) => [table, await countRows(t.db, table)])));

  it('writes patient, referral, their FHIR projection and outbox rows together, and answers 201 with the id', async () => {
    const before = await counts();
    const res = await post(referrer.token, referralBody());
    expect(res.status).toBe(201);
    expect(Object.keys(res.body)).toEqual(['id']);
    expect(await counts()).toEqual({
      patient: before.patient + 1, patient_identifier: before.patient_identifier + 1, referral: before.referral + 1,
      fhir_resource: before.fhir_resource + 4, outbox: before.outbox + 4,
    });
    const projection = await t.db.query(
      `SELECT resource_type, version, resource FROM fhir_resource WHERE patient_id = (SELECT patient_id FROM referral WHERE id = $1) ORDER BY resource_type`, [res.body.id]);
    expect(projection.map((p: { resource_type: string }) => p.resource_type)).toEqual(['Condition', 'Patient', 'ServiceRequest', 'Task']);
    expect(projection[0].resource).toMatchObject({ code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F33.1' }] }, clinicalStatus: { coding: [{ code: 'active' }] } });
    expect(projection[2].resource).toMatchObject({ id: res.body.id, status: 'active', intent: 'order', meta: { versionId: '1' } });
  });

  it('shows the referral, its patient and its sync state per enabled clinic EHR', async () => {
    const admin = (await t.signedIn('admin')).token;
    const connection = await request(t.http).post('/ehr-connections').set('authorization', `Bearer ${admin}`)
      .send({ name: 'Clinic EHR', baseUrl: 'http://127.0.0.1:9/fhir/R4/', kind: 'clinic-ehr' });
    expect(connection.status).toBe(201);
    expect(connection.body.baseUrl).toBe('http://127.0.0.1:9/fhir/R4');
    const { body: { id } } = await post(referrer.token, referralBody());
    const res = await get(clinician, id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id, status: 'received',
      indication: { code: 'F33.1', display: 'Major depressive disorder, recurrent' },
      patient: { demographics: { name: { family: 'Reyes' }, birthDate: '1984-02-29' } },
      referrer: { npi: '1234567893' },
    });
    expect(res.body.sync).toEqual([expect.objectContaining({ connectionId: connection.body.id, state: 'pending' })]);
    expect(res.body.sync[0].records.map((r: { resourceType: string }) => r.resourceType)).toEqual(['Patient', 'ServiceRequest', 'Task']);
    await t.db.query(
      `INSERT INTO sync_ledger (connection_id, resource_type, resource_id, local_version, remote_id, remote_version, status, attempts)
       SELECT $1, resource_type, id, version, 'remote-' || id, '1', 'synced', 1 FROM fhir_resource
        WHERE id IN (SELECT unnest(ARRAY[id, task_id, patient_id]) FROM referral WHERE id = $2)`, [connection.body.id, id]);
    expect((await get(clinician, id)).body.sync[0].state).toBe('synced');
  });

  it('lets a referrer read only the referrals they sent', async () => {
    const { body: { id } } = await post(referrer.token, referralBody());
    expect((await get(referrer.token, id)).status).toBe(200);
    const other = await t.signedIn('referrer');
    expect((await get(other.token, id)).status).toBe(404);
  });

  it('attaches a second referral to the same patient by identifier', async () => {
    const mrn = `MRN-${Date.now()}`;
    const first = await post(referrer.token, referralBody({ mrn }));
    const second = await post(clinician, referralBody({ mrn }));
    expect(second.status).toBe(201);
    const rows = await t.db.query(`SELECT DISTINCT patient_id FROM referral WHERE id = ANY($1::uuid[])`, [[first.body.id, second.body.id]]);
    expect(rows).toHaveLength(1);
  });

  it('refuses, writing nothing, a referral whose identifier belongs to a patient with another birth date', async () => {
    const mrn = `MRN-${Date.now()}-x`;
    await post(referrer.token, referralBody({ mrn }));
    const before = await counts();
    const res = await post(referrer.token, referralBody({ mrn, birthDate: '1990-01-01' }));
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.body)).not.toMatch(/1990|1984|Reyes/);
    expect(await counts()).toEqual(before);
  });

  it.each([
    [{ indication: { system: 'http://snomed.info/sct', code: '37796009' } }, 'indication.code'],
    [{ referrer: { name: 'Dr Lee', npi: '1234567890' } }, 'referrer.npi'],
    [{ reason: '' }, 'reason'],
  ])('refuses %j naming %s, writing nothing', async (change, field) => {
    const before = await counts();
    const res = await post(referrer.token, { ...referralBody(), ...change });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    expect(await counts()).toEqual(before);
  });
});
