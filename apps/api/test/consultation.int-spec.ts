import request from 'supertest';
import { acceptedReferral, zoneAtNoon } from './scheduling-fixtures';
import { startTestApp, type TestApp } from './test-app';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
const READY = {
  vitals: { systolic: 124, diastolic: 80, heartRate: 70, spo2: 98 }, lastFoodAt: hoursAgo(8), lastLiquidAt: hoursAgo(4), lastWaterAt: hoursAgo(3),
  driverConfirmed: true, pregnancy: 'not-applicable', painScore: 6,
};

/** Where the policy holds a consultation before treatment (seed 001), the first infusion waits until one took place. */
describe('a consultation before treatment', () => {
  let t: TestApp;
  let clinician: string;
  let clinicianId: string;
  let frontDesk: string;
  let formId: string;

  beforeAll(async () => {
    t = await startTestApp('consultation');
    const admin = (await t.signedIn('admin')).token;
    const c = await t.signedIn('clinician');
    [clinician, clinicianId] = [c.token, c.user.id];
    frontDesk = (await t.signedIn('front-desk')).token;
    const settings = {
      name: 'Harbor Ketamine', timeZone: zoneAtNoon(), openingDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], chairs: 4, policyPreset: 'seed-003',
      policyAdjustments: { referral: { consultationBeforeTreatment: true } },
    };
    expect((await request(t.http).put('/clinic-settings').set('authorization', `Bearer ${admin}`).send(settings)).status).toBe(200);
    const form = await request(t.http).post('/consent-forms').set('authorization', `Bearer ${admin}`).send({ kind: 'treatment', title: 'Informed consent', body: 'Off-label use; risks...' });
    formId = form.body.id as string;
  });
  afterAll(() => t.close());

  const post = (token: string, path: string, body?: object, ifMatch?: string) => {
    const req = request(t.http).post(path).set('authorization', `Bearer ${token}`);
    return (ifMatch ? req.set('if-match', ifMatch) : req).send(body);
  };

  /** An appointment of `kind` for the patient, starting `minutes` from now (negative: already begun). */
  async function appointment(patientId: string, referralId: string, kind: 'consultation' | 'booster', minutes: number, chair: number | null): Promise<string> {
    const [row] = await t.db.query(
      `INSERT INTO appointment (patient_id, kind, status, starts_at, ends_at, chair, referral_id)
       VALUES ($1, $2, 'booked', now() + make_interval(mins => $3), now() + make_interval(mins => $3 + 60), $4, $5) RETURNING id`,
      [patientId, kind, minutes, chair, referralId],
    );
    return row.id as string;
  }

  it('holds the infusion until the consultation is marked held, which only a visit whose time has come can be', async () => {
    const { patientId, referralId } = await acceptedReferral(t, clinician);
    expect((await post(frontDesk, `/patients/${patientId}/consents`, { kind: 'treatment', formId, witnessId: clinicianId })).status).toBe(201);
    const consultation = await appointment(patientId, referralId, 'consultation', -120, null);
    const infusion = await appointment(patientId, referralId, 'booster', 5, 1);

    const waiting = await post(frontDesk, `/appointments/${infusion}/check-in`, READY);
    expect([waiting.status, waiting.body.errors]).toEqual([422, [{ field: 'dayOf', message: 'day-of.consultation-missing' }]]);

    expect((await post(frontDesk, `/appointments/${consultation}/held`)).status).toBe(428);
    expect((await post(frontDesk, `/appointments/${consultation}/held`, undefined, 'W/"7"')).status).toBe(412);
    const held = await post(frontDesk, `/appointments/${consultation}/held`, undefined, 'W/"1"');
    expect([held.status, held.body.status, held.headers.etag]).toEqual([200, 'completed', 'W/"2"']);
    const [fhir] = await t.db.query(`SELECT resource->>'status' AS status FROM fhir_resource WHERE id = $1`, [consultation]);
    expect(fhir.status).toBe('fulfilled');
    expect((await post(frontDesk, `/appointments/${consultation}/held`, undefined, 'W/"2"')).status).toBe(422);

    const checkedIn = await post(frontDesk, `/appointments/${infusion}/check-in`, READY);
    expect([checkedIn.status, checkedIn.body.dayOf.findings]).toEqual([201, []]);
  });

  it('marks held neither a visit still to come nor one checked in at the chair', async () => {
    const { patientId, referralId } = await acceptedReferral(t, clinician);
    const later = await appointment(patientId, referralId, 'consultation', 180, null);
    const refused = await post(clinician, `/appointments/${later}/held`, undefined, 'W/"1"');
    expect([refused.status, refused.body.detail]).toEqual([422, 'A visit is marked held once its time has come']);
    const booster = await appointment(patientId, referralId, 'booster', -30, 2);
    expect((await post(clinician, `/appointments/${booster}/held`, undefined, 'W/"1"')).body.detail).toBe('Infusions and boosters are checked in at the chair, not marked held');
  });
});
