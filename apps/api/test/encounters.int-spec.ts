import request from 'supertest';
import { createReferral } from './fhir-fixtures';
import { countRows, startTestApp, type TestApp } from './test-app';

/** A fixed-offset zone where it is about noon now, so "today" in the clinic is today whenever the test runs. */
function zoneAtNoon(): string {
  const offset = 12 - new Date().getUTCHours();
  return offset === 0 ? 'Etc/GMT' : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

const CALM = { systolic: 128, diastolic: 82, heartRate: 72, spo2: 98 };
const READY = { vitals: CALM, lastFoodAt: new Date(Date.now() - 8 * 3600_000).toISOString(), lastLiquidAt: new Date(Date.now() - 4 * 3600_000).toISOString(), lastWaterAt: new Date(Date.now() - 3 * 3600_000).toISOString(), driverConfirmed: true, pregnancy: 'not-applicable', painScore: 7 };

describe('the infusion day', () => {
  let t: TestApp;
  let admin: string;
  let clinician: string;
  let clinicianId: string;
  let frontDesk: string;

  beforeAll(async () => {
    t = await startTestApp('encounters');
    admin = (await t.signedIn('admin')).token;
    const c = await t.signedIn('clinician');
    clinician = c.token;
    clinicianId = c.user.id;
    frontDesk = (await t.signedIn('front-desk')).token;
    const settings = {
      name: 'Harbor Ketamine', timeZone: zoneAtNoon(), openingDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], chairs: 4, policyPreset: 'seed-003',
      policyAdjustments: { discharge: { minRecoveryMinutes: 0 }, medications: { benzodiazepine: { instruction: 'hold-day-of', ifTaken: 'block' } } },
    };
    expect((await request(t.http).put('/clinic-settings').set('authorization', `Bearer ${admin}`).send(settings)).status).toBe(200);
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    post: (path: string, body?: object, ifMatch?: string) => {
      const req = request(t.http).post(path).set('authorization', `Bearer ${token}`);
      return (ifMatch ? req.set('if-match', ifMatch) : req).send(body);
    },
  });

  /** A patient with a booster appointment in a few minutes on chair `chair`, and (unless told not to) a signed treatment consent. */
  async function patientBookedToday(chair: number, consent = true): Promise<{ patientId: string; appointmentId: string }> {
    const ids = await createReferral(t, (await t.signedIn('referrer')).token);
    if (consent) {
      const form = await as(admin).post('/consent-forms', { kind: 'treatment', title: 'Informed consent to IV ketamine', body: 'Off-label use; risks...' });
      expect((await as(frontDesk).post(`/patients/${ids.patient}/consents`, { kind: 'treatment', formId: form.body.id, witnessId: clinicianId })).status).toBe(201);
    }
    const [row] = await t.db.query(
      `INSERT INTO appointment (patient_id, kind, status, starts_at, ends_at, chair, referral_id)
       VALUES ($1, 'booster', 'booked', now() + interval '5 minutes', now() + interval '125 minutes', $2, $3) RETURNING id`,
      [ids.patient, chair, ids.serviceRequest],
    );
    return { patientId: ids.patient, appointmentId: row.id };
  }
  const codes = (res: request.Response) => (res.body.errors ?? []).map((e: { message: string }) => e.message.split(':')[0]);

  it('walks a patient from check-in through the infusion, monitoring and recovery to discharge, each step in the EHR\'s records', async () => {
    const { patientId, appointmentId } = await patientBookedToday(1);
    const checkedIn = await as(frontDesk).post(`/appointments/${appointmentId}/check-in`, READY);
    expect(checkedIn.status).toBe(201);
    expect(checkedIn.body).toMatchObject({ stage: 'checked-in', baselineVitals: CALM, dayOf: { findings: [] } });
    expect(checkedIn.headers.etag).toBe('W/"1"');
    const id = checkedIn.body.id as string;
    const [appointment] = await t.db.query(`SELECT status FROM appointment WHERE id = $1`, [appointmentId]);
    expect(appointment.status).toBe('checked-in');

    const started = await as(clinician).post(`/encounters/${id}/infusion`, { concentrationMgPerMl: 10, weightKg: 70, dose: { kind: 'mood', mgPerKg: 0.5, minutes: 40 }, lotNumber: 'KX-2291' }, 'W/"1"');
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ stage: 'infusing', administration: { status: 'in-progress', doseMg: 35, rateMgPerHour: 52.5, lotNumber: 'KX-2291' } });

    const high = await as(clinician).post(`/encounters/${id}/vitals`, { systolic: 186, diastolic: 112, repeatedSystolic: 184, repeatedDiastolic: 114, heartRate: 88 });
    expect(high.status).toBe(201);
    expect(high.body.ids).toHaveLength(3);
    expect(high.body.findings.length).toBeGreaterThan(0);
    const effect = await as(clinician).post(`/encounters/${id}/adverse-effects`, { effect: 'nausea', serious: false });
    expect(effect.status).toBe(201);
    expect(effect.body.findings).toEqual([expect.objectContaining({ code: expect.any(String), message: expect.stringMatching(/nausea/i) })]);

    const slower = await as(clinician).post(`/encounters/${id}/infusion/rate`, { rateMgPerHour: 40, reason: 'blood pressure rising' }, started.headers.etag);
    expect(slower.body.administration).toMatchObject({ rateMgPerHour: 40, rateChanges: [expect.objectContaining({ rateMgPerHour: 40, reason: 'blood pressure rising' })] });
    expect((await as(clinician).post(`/encounters/${id}/infusion/rate`, { rateMgPerHour: 30, reason: 'again' }, started.headers.etag)).status).toBe(412);
    const ended = await as(clinician).post(`/encounters/${id}/infusion/end`, {}, slower.headers.etag);
    expect(ended.body).toMatchObject({ stage: 'recovery', administration: { status: 'completed' }, infusionEndedAt: expect.any(String) });

    const noDriver = await as(clinician).post(`/encounters/${id}/discharge`, { vitals: CALM, painScore: 3, responsibleAdultPresent: false }, ended.headers.etag);
    expect([noDriver.status, codes(noDriver)]).toEqual([422, ['discharge.responsible-adult-not-confirmed']]);
    const discharged = await as(clinician).post(`/encounters/${id}/discharge`, { vitals: CALM, painScore: 3, responsibleAdultPresent: true }, ended.headers.etag);
    expect(discharged.status).toBe(200);
    expect(discharged.body.encounter).toMatchObject({ stage: 'discharged', dischargedAt: expect.any(String) });
    expect(discharged.body.instructions.join(' ')).toMatch(/drive/i);
    expect((await t.db.query(`SELECT status FROM appointment WHERE id = $1`, [appointmentId]))[0].status).toBe('completed');

    const projected = await t.db.query(`SELECT resource_type, count(*)::int AS n FROM fhir_resource WHERE patient_id = $1 AND resource_type IN ('Encounter', 'MedicationAdministration', 'AdverseEvent', 'Observation', 'Appointment') GROUP BY 1 ORDER BY 1`, [patientId]);
    expect(projected).toEqual([
      { resource_type: 'AdverseEvent', n: 1 }, { resource_type: 'Appointment', n: 1 }, { resource_type: 'Encounter', n: 1 },
      { resource_type: 'MedicationAdministration', n: 1 }, { resource_type: 'Observation', n: 11 },
    ]);
    const [encounter] = await t.db.query(`SELECT resource FROM fhir_resource WHERE id = $1`, [id]);
    expect(encounter.resource).toMatchObject({ status: 'finished', period: { start: expect.any(String), end: expect.any(String) } });
    const pain = await request(t.http).get(`/encounters/${id}`).set('authorization', `Bearer ${clinician}`);
    expect(pain.body.readings.filter((r: { measurement: { kind: string } }) => r.measurement.kind === 'pain').map((r: { measurement: { score: number } }) => r.measurement.score)).toEqual([7, 3]);
  });

  it('never checks in without an active treatment consent, even when a clinician overrides, and writes nothing', async () => {
    const { appointmentId } = await patientBookedToday(2, false);
    const before = await countRows(t.db, 'infusion_encounter');
    const refused = await as(clinician).post(`/appointments/${appointmentId}/check-in`, { ...READY, override: { reason: 'patient insists' } });
    expect([refused.status, codes(refused)]).toEqual([422, ['day-of.treatment-consent-missing']]);
    expect(await countRows(t.db, 'infusion_encounter')).toBe(before);
    expect((await t.db.query(`SELECT status FROM appointment WHERE id = $1`, [appointmentId]))[0].status).toBe('booked');
  });

  it('holds a blood pressure over the threshold and a held medication taken today; only a clinician overrides, with a reason, audited', async () => {
    const { patientId, appointmentId } = await patientBookedToday(3);
    expect((await as(clinician).post(`/patients/${patientId}/medications`, { name: 'Lorazepam 1 mg tablet' })).status).toBe(201);
    const [medication] = await t.db.query(`SELECT id FROM home_medication WHERE patient_id = $1`, [patientId]);
    const risky = { ...READY, vitals: { ...CALM, systolic: 192, diastolic: 104 }, medicationDoses: [{ medicationId: medication.id, lastDoseAt: new Date(Date.now() - 3600_000).toISOString() }] };

    const noGo = await as(frontDesk).post(`/appointments/${appointmentId}/check-in`, risky);
    expect([noGo.status, codes(noGo).sort()]).toEqual([422, ['day-of.blood-pressure-high', 'day-of.held-medication-taken']]);
    expect((await as(frontDesk).post(`/appointments/${appointmentId}/check-in`, { ...risky, override: { reason: 'seen by Dr Lee' } })).status).toBe(403);
    const unknownMedication = await as(clinician).post(`/appointments/${appointmentId}/check-in`, { ...risky, medicationDoses: [{ medicationId: appointmentId, lastDoseAt: risky.medicationDoses[0]!.lastDoseAt }] });
    expect([unknownMedication.status, unknownMedication.body.errors[0].field]).toEqual([422, 'medicationDoses.0.medicationId']);
    expect(await t.db.query(`SELECT id FROM infusion_encounter WHERE appointment_id = $1`, [appointmentId])).toEqual([]);

    const overridden = await as(clinician).post(`/appointments/${appointmentId}/check-in`, { ...risky, override: { reason: 'Repeat BP 176/96 after rest; benefits outweigh risk' } });
    expect(overridden.status).toBe(201);
    expect(overridden.body.dayOf).toMatchObject({ override: { reason: 'Repeat BP 176/96 after rest; benefits outweigh risk', by: clinicianId } });
    const audit = await t.db.query(`SELECT actor_user_id, action, outcome FROM audit_event WHERE resource_type = 'day-of-override' AND resource_id = $1`, [overridden.body.id]);
    expect(audit).toEqual([{ actor_user_id: clinicianId, action: 'update', outcome: 'success' }]);
    expect((await as(clinician).post(`/appointments/${appointmentId}/check-in`, READY)).status).toBe(409);
  });

  it('refuses bad input naming the field, steps out of order, and a dose outside the clinic\'s range', async () => {
    const { appointmentId } = await patientBookedToday(4);
    const bad = await as(frontDesk).post(`/appointments/${appointmentId}/check-in`, { ...READY, vitals: { systolic: 1200, diastolic: 80, heartRate: 70 } });
    expect([bad.status, bad.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, ['vitals.systolic']]);
    expect((await as(frontDesk).post('/appointments/00000000-0000-4000-8000-000000000000/check-in', READY)).status).toBe(404);
    const checkedIn = await as(frontDesk).post(`/appointments/${appointmentId}/check-in`, READY);
    const id = checkedIn.body.id as string;
    expect((await as(clinician).post(`/encounters/${id}/infusion/end`, {}, 'W/"1"')).status).toBe(409);
    expect((await as(clinician).post(`/encounters/${id}/discharge`, { vitals: CALM, responsibleAdultPresent: true }, 'W/"1"')).status).toBe(409);
    expect((await as(clinician).post(`/encounters/${id}/infusion`, { concentrationMgPerMl: 10, weightKg: 70, dose: { kind: 'mood', mgPerKg: 0.5, minutes: 40 } })).status).toBe(428);
    const overdose = await as(clinician).post(`/encounters/${id}/infusion`, { concentrationMgPerMl: 10, weightKg: 70, dose: { kind: 'mood', mgPerKg: 5, minutes: 40 } }, 'W/"1"');
    expect(overdose.status).toBe(400);
    expect(JSON.stringify(overdose.body.errors)).toMatch(/mgPerKg/);
    expect(await t.db.query(`SELECT id FROM infusion_administration WHERE encounter_id = $1`, [id])).toEqual([]);
    expect((await as(clinician).post(`/encounters/${id}/vitals`, { systolic: 120 })).body.errors[0].field).toBe('diastolic');
  });
});
