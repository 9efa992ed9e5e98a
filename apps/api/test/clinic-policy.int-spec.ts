import request from 'supertest';
import { ALL_CLEAR, putSettingsAsRead, referralBody } from './referral-fixtures';
import { startTestApp, type TestApp } from './test-app';

describe('an admin adjusts the clinic\'s policy preset', () => {
  let t: TestApp;
  let admin: string;
  let clinician: string;
  const settings = { name: 'Harbor Ketamine', timeZone: 'America/New_York', openingDays: ['mon', 'tue', 'wed', 'thu', 'fri'], chairs: 4, policyPreset: 'seed-003' };

  beforeAll(async () => {
    t = await startTestApp('clinic_policy');
    admin = (await t.signedIn('admin')).token;
    clinician = (await t.signedIn('clinician')).token;
  });
  afterAll(() => t.close());

  const put = (body: object) => putSettingsAsRead(t, admin, body);
  const policy = () => request(t.http).get('/clinic-settings/policy').set('authorization', `Bearer ${clinician}`);

  it('refuses adjustments that do not make a valid policy, naming each path, and keeps the settings as they were', async () => {
    expect((await put(settings)).status).toBe(200);
    const bad = await put({ ...settings, policyAdjustments: { medications: { maoi: { ifTaken: 'sometimes' } }, nonsense: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['policyAdjustments.medications.maoi.ifTaken', 'policyAdjustments.nonsense']);
    expect((await request(t.http).get('/clinic-settings').set('authorization', `Bearer ${admin}`)).body.policyAdjustments).toEqual({});
  });

  it('runs the rules under the adjusted policy, and says which values the clinic set', async () => {
    const adjusted = await put({ ...settings, policyAdjustments: { medications: { benzodiazepine: { ifTaken: 'block' } } } });
    expect(adjusted.status).toBe(200);
    const effective = await policy();
    expect(effective.status).toBe(200);
    expect(effective.body).toMatchObject({ name: 'seed-003 (adjusted)', rules: { medications: { benzodiazepine: { ifTaken: 'block' } } } });
    expect(effective.body.sources['medications.benzodiazepine.ifTaken']).toMatchObject({ note: 'adjusted by the clinic' });

    const referral = await request(t.http).post('/referrals').set('authorization', `Bearer ${clinician}`).send({ ...referralBody(), attestations: ALL_CLEAR });
    const patientId = (await request(t.http).get(`/referrals/${referral.body.id}`).set('authorization', `Bearer ${clinician}`)).body.patient.id as string;
    const added = await request(t.http).post(`/patients/${patientId}/medications`).set('authorization', `Bearer ${clinician}`).send({ name: 'lorazepam' });
    expect(added.body.advice).toMatchObject({ drugClass: 'benzodiazepine', ifTaken: 'block', finding: { severity: 'block' } });
  });

  it('screens every open referral again when the policy changes, in the change\'s own audited transaction', async () => {
    expect((await put(settings)).status).toBe(200);
    // The lorazepam of the test before blocked under its adjustment; without it, seed 003 only notes it.
    const benzodiazepine = await t.db.query(`SELECT severity, resolved_at IS NULL AS open FROM screening_finding WHERE code = 'medication.benzodiazepine' ORDER BY identified_at, open`);
    expect(benzodiazepine).toEqual([{ severity: 'block', open: false }, { severity: 'info', open: true }]);
    const referral = await request(t.http).post('/referrals').set('authorization', `Bearer ${clinician}`).send({ ...referralBody(), attestations: ALL_CLEAR });
    const statusOf = async () => ((await t.db.query(`SELECT status, version FROM referral WHERE id = $1`, [referral.body.id])) as Array<{ status: string; version: number }>)[0];
    const before = await statusOf();
    expect(before?.status).toBe('needs-information'); // seed 003 treats depression, and waits for the letter

    // The same policy again changes nothing.
    expect((await put({ ...settings, name: 'Harbor Ketamine Clinic' })).status).toBe(200);
    expect(await statusOf()).toEqual(before);

    // A pain-only policy: the depression referral is no longer one the clinic treats.
    expect((await put({ ...settings, policyPreset: 'seed-002' })).status).toBe(200);
    expect((await statusOf())?.status).toBe('declined');
    const [task] = await t.db.query(`SELECT resource FROM fhir_resource WHERE resource_type = 'Task' AND resource->'focus'->>'reference' = $1`, [`ServiceRequest/${referral.body.id}`]);
    expect(task.resource.status).toBe('rejected');
    const [settingsRow] = await t.db.query(`SELECT xmin::text AS tx FROM clinic_settings`);
    const [audit] = await t.db.query(`SELECT xmin::text AS tx, outcome FROM audit_event WHERE resource_type = 'clinic-settings' ORDER BY id DESC LIMIT 1`);
    expect(audit).toEqual({ tx: settingsRow.tx, outcome: 'success' });
    expect((await put(settings)).status).toBe(200);
  });
});
