import type { DetectedIssue, MedicationStatement } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ALL_CLEAR, referralBody, setUpClinic } from './referral-fixtures';
import { startTestApp, type TestApp } from './test-app';

describe('a clinician keeps a patient\'s current medications', () => {
  let t: TestApp;
  let clinician: string;
  let patientId: string;
  let referralId: string;

  beforeAll(async () => {
    t = await startTestApp('patient_medications');
    const admin = (await t.signedIn('admin')).token;
    clinician = (await t.signedIn('clinician')).token;
    await setUpClinic(t, admin);
    const created = await request(t.http).post('/referrals').set('authorization', `Bearer ${clinician}`).send({ ...referralBody(), attestations: ALL_CLEAR });
    referralId = created.body.id as string;
    patientId = (await request(t.http).get(`/referrals/${referralId}`).set('authorization', `Bearer ${clinician}`)).body.patient.id as string;
  });
  afterAll(() => t.close());

  const path = () => `/patients/${patientId}/medications`;
  const as = (method: 'get' | 'post' | 'patch', url: string, ifMatch?: string) => {
    const req = request(t.http)[method](url).set('authorization', `Bearer ${clinician}`);
    return ifMatch ? req.set('if-match', ifMatch) : req;
  };
  const openFindings = async () => ((await t.db.query(
    `SELECT code FROM screening_finding WHERE referral_id = $1 AND resolved_at IS NULL AND code LIKE 'medication.%'`, [referralId],
  )) as Array<{ code: string }>).map((r) => r.code);

  it('adds a medication by RxNorm code or by name, with the policy\'s advice and hold instructions, and screens again', async () => {
    const lorazepam = await as('post', path()).send({ rxnorm: '197901', name: 'lorazepam 1 MG Oral Tablet', dosage: '1 mg at night' });
    expect(lorazepam.status).toBe(201);
    expect(lorazepam.headers.etag).toBe('W/"1"');
    expect(lorazepam.body).toMatchObject({ status: 'active', version: 1, advice: { drugClass: 'benzodiazepine', finding: { code: 'medication.benzodiazepine' } } });
    const byName = await as('post', path()).send({ name: 'Sertraline 50 mg' });
    expect(byName.body).toMatchObject({ name: 'Sertraline 50 mg', advice: { drugClass: null, ifTaken: 'none', finding: null } });

    const list = await as('get', path());
    expect(list.body.medications.map((m: { name: string }) => m.name)).toEqual(['Sertraline 50 mg', 'lorazepam 1 MG Oral Tablet']);
    expect(list.body.holdInstructions).toEqual([expect.stringContaining('lorazepam')]);
    expect(await openFindings()).toEqual(['medication.benzodiazepine']);
    const [statement] = (await t.db.query(`SELECT resource FROM fhir_resource WHERE id = $1`, [lorazepam.body.id])) as Array<{ resource: MedicationStatement }>;
    expect(statement?.resource).toMatchObject({ resourceType: 'MedicationStatement', status: 'active', medicationCodeableConcept: { coding: [{ code: '197901' }] } });
  });

  it('corrects and stops a medication from the version read; the finding it made is resolved', async () => {
    const added = await as('post', path()).send({ name: 'Nardil' });
    expect(added.body.advice).toMatchObject({ drugClass: 'maoi' });
    const corrected = await as('patch', `${path()}/${added.body.id}`, added.headers.etag as string).send({ name: 'phenelzine 15 MG Oral Tablet', rxnorm: '313989' });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ name: 'phenelzine 15 MG Oral Tablet', rxnorm: '313989', version: 2 });
    expect((await as('patch', `${path()}/${added.body.id}`, added.headers.etag as string).send({ dosage: '15 mg' })).status).toBe(412);
    expect((await as('post', `${path()}/${added.body.id}/stop`)).status).toBe(428);
    expect(await openFindings()).toContain('medication.maoi');

    const stopped = await as('post', `${path()}/${added.body.id}/stop`, corrected.headers.etag as string);
    expect(stopped.body).toMatchObject({ status: 'stopped', advice: null });
    expect(await openFindings()).not.toContain('medication.maoi');
    const [issue] = (await t.db.query(`SELECT r.resource FROM fhir_resource r JOIN screening_finding f ON f.id = r.id WHERE f.referral_id = $1 AND f.code = 'medication.maoi'`, [referralId])) as Array<{ resource: DetectedIssue }>;
    expect(issue?.resource.status).toBe('mitigated');
    expect((await as('post', `${path()}/${added.body.id}/stop`, stopped.headers.etag as string)).status).toBe(422);
  });

  it('names the field at fault, and answers 404 for another patient\'s medication or no patient', async () => {
    const bad = await as('post', path()).send({ rxnorm: 'abc', dosage: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['dosage', 'rxnorm']);
    expect((await as('post', path()).send({})).body.errors).toEqual([{ field: 'name', message: 'needs an RxNorm code or a name' }]);
    expect((await as('patch', `${path()}/${randomUUID()}`, 'W/"1"').send({ name: 'x' })).status).toBe(404);
    expect((await as('get', `/patients/${randomUUID()}/medications`)).status).toBe(404);
    expect((await as('post', `/patients/${randomUUID()}/medications`).send({ name: 'x' })).status).toBe(404);
  });
});
