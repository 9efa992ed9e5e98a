import request from 'supertest';
import { referralBody } from './referral-fixtures';
import { acceptedReferral, zoneAtNoon } from './scheduling-fixtures';
import { countRows, startTestApp, type TestApp } from './test-app';

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
      policyAdjustments: { discharge: { minRecoveryMinutes: 0 }, medications: { benzodiazepine: { instruction: 'hold-day-of', ifTaken: 'warn' }, maoi: { instruction: 'hold-day-of', ifTaken: 'block' }, lamotrigine: { instruction: 'prescriber-consult', ifTaken: 'block' } } },
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
  async function patientBookedToday(chair: number, consent = true, referral: object = referralBody()): Promise<{ patientId: string; appointmentId: string }> {
    const accepted = await acceptedReferral(t, clinician, referral);
    const ids = { patient: accepted.patientId, serviceRequest: accepted.referralId };
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
    // The front desk sees that the patient is in, not their vitals or medications.
    expect(checkedIn.body).toEqual({ id: expect.any(String), appointmentId, stage: 'checked-in', checkedInAt: expect.any(String), dayOf: { findings: [], overridden: false }, version: 1 });
    expect(checkedIn.headers.etag).toBe('W/"1"');
    const id = checkedIn.body.id as string;
    expect((await request(t.http).get(`/encounters/${id}`).set('authorization', `Bearer ${clinician}`)).body).toMatchObject({ baselineVitals: CALM });
    const [appointment] = await t.db.query(`SELECT status FROM appointment WHERE id = $1`, [appointmentId]);
    expect(appointment.status).toBe('checked-in');

    const started = await as(clinician).post(`/encounters/${id}/infusion`, { concentrationMgPerMl: 10, weightKg: 70, dose: { kind: 'mood', mgPerKg: 0.5, minutes: 40 }, lotNumber: 'KX-2291' }, 'W/"1"');
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ stage: 'infusing', administration: { status: 'in-progress', doseMg: 35, rateMgPerHour: 52.5, lotNumber: 'KX-2291' } });

    const high = await as(clinician).post(`/encounters/${id}/vitals`, { systolic: 186, diastolic: 112, repeatedSystolic: 184, repeatedDiastolic: 114, heartRate: 88 });
    expect(high.status).toBe(201);
    expect(high.body.ids).toHaveLength(3);
    expect(high.body.findings.length).toBeGreaterThan(0);
    // The alerts stay with the encounter, each with the readings it is about.
    const kept = (await request(t.http).get(`/encounters/${id}`).set('authorization', `Bearer ${clinician}`)).body.monitoringAlerts;
    expect(kept).toEqual(high.body.findings.map((f: { code: string; severity: string; message: string }) => ({ code: f.code, severity: f.severity, message: f.message, at: expect.any(String), readingIds: high.body.ids })));
    const effect = await as(clinician).post(`/encounters/${id}/adverse-effects`, { effect: 'nausea', serious: false });
    expect(effect.status).toBe(201);
    expect(effect.body.findings).toEqual([expect.objectContaining({ code: expect.any(String), message: expect.stringMatching(/nausea/i) })]);

    const faster = await as(clinician).post(`/encounters/${id}/infusion/rate`, { rateMgPerHour: 80, reason: 'patient asks' }, started.headers.etag);
    expect([faster.status, faster.body.errors?.[0]?.field]).toEqual([422, 'rateMgPerHour']);
    const slower = await as(clinician).post(`/encounters/${id}/infusion/rate`, { rateMgPerHour: 40, reason: 'blood pressure rising' }, started.headers.etag);
    expect(slower.body.administration).toMatchObject({ rateMgPerHour: 40, rateChanges: [expect.objectContaining({ fromMgPerHour: 52.5, rateMgPerHour: 40, reason: 'blood pressure rising' })] });
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
      { resource_type: 'MedicationAdministration', n: 1 }, { resource_type: 'Observation', n: 12 },
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

  it('holds a blood pressure over the threshold (a held medication taken today warns); only a clinician overrides, with a reason, audited', async () => {
    const { patientId, appointmentId } = await patientBookedToday(3);
    expect((await as(clinician).post(`/patients/${patientId}/medications`, { name: 'Lorazepam 1 mg tablet' })).status).toBe(201);
    const [medication] = await t.db.query(`SELECT id FROM home_medication WHERE patient_id = $1`, [patientId]);
    const risky = { ...READY, vitals: { ...CALM, systolic: 192, diastolic: 104 }, medicationDoses: [{ medicationId: medication.id, lastDoseAt: new Date(Date.now() - 3600_000).toISOString() }] };

    const noGo = await as(frontDesk).post(`/appointments/${appointmentId}/check-in`, risky);
    expect([noGo.status, codes(noGo)]).toEqual([422, ['day-of.blood-pressure-high']]);
    expect(noGo.body.errors[0].message).toBe('day-of.blood-pressure-high'); // the front desk reads codes, not clinical detail
    expect((await as(frontDesk).post(`/appointments/${appointmentId}/check-in`, { ...risky, override: { reason: 'seen by Dr Lee' } })).status).toBe(403);
    const unknownMedication = await as(clinician).post(`/appointments/${appointmentId}/check-in`, { ...risky, medicationDoses: [{ medicationId: appointmentId, lastDoseAt: risky.medicationDoses[0]!.lastDoseAt }] });
    expect([unknownMedication.status, unknownMedication.body.errors[0].field]).toEqual([422, 'medicationDoses.0.medicationId']);
    expect(await t.db.query(`SELECT id FROM infusion_encounter WHERE appointment_id = $1`, [appointmentId])).toEqual([]);

    const overridden = await as(clinician).post(`/appointments/${appointmentId}/check-in`, { ...risky, override: { reason: 'Repeat BP 176/96 after rest; benefits outweigh risk' } });
    expect(overridden.status).toBe(201);
    expect(overridden.body.dayOf).toMatchObject({ override: { reason: 'Repeat BP 176/96 after rest; benefits outweigh risk', by: clinicianId } });
    expect(overridden.body.dayOf.findings.map((f: { code: string; severity: string }) => `${f.severity} ${f.code}`)).toEqual(expect.arrayContaining(['block day-of.blood-pressure-high', 'warn day-of.held-medication-taken']));
    const audit = await t.db.query(`SELECT actor_user_id, action, outcome FROM audit_event WHERE resource_type = 'day-of-override' AND resource_id = $1`, [overridden.body.id]);
    expect(audit).toEqual([{ actor_user_id: clinicianId, action: 'update', outcome: 'success' }]);
    expect((await as(clinician).post(`/appointments/${appointmentId}/check-in`, READY)).status).toBe(409);
  });

  it('holds a patient who took a medication the policy holds and blocks on inside its window (or cannot say when); only a clinician overrides, audited', async () => {
    const { patientId, appointmentId } = await patientBookedToday(9);
    // Held, the MAOI does not block the referral: it is the day of the infusion that decides.
    const added = await as(clinician).post(`/patients/${patientId}/medications`, { name: 'Phenelzine 15 mg tablet' });
    expect([added.status, added.body.advice]).toEqual([201, expect.objectContaining({ ifTaken: 'block', finding: expect.objectContaining({ severity: 'warn' }) })]);
    const medicationId = added.body.id as string;
    const takenThisMorning = { ...READY, medicationDoses: [{ medicationId, lastDoseAt: new Date(Date.now() - 2 * 3600_000).toISOString() }] };

    const unknown = await as(frontDesk).post(`/appointments/${appointmentId}/check-in`, READY);
    expect([unknown.status, codes(unknown)]).toEqual([422, ['day-of.held-medication-unknown']]);
    const taken = await as(frontDesk).post(`/appointments/${appointmentId}/check-in`, takenThisMorning);
    expect([taken.status, codes(taken)]).toEqual([422, ['day-of.held-medication-taken']]);
    expect(JSON.stringify(taken.body)).not.toMatch(/Phenelzine/i); // the front desk reads codes, not medication names
    expect((await as(frontDesk).post(`/appointments/${appointmentId}/check-in`, { ...takenThisMorning, override: { reason: 'Dr Lee says go' } })).status).toBe(403);
    expect(await t.db.query(`SELECT id FROM infusion_encounter WHERE appointment_id = $1`, [appointmentId])).toEqual([]);

    const reason = 'Last dose 2 h ago was 7.5 mg; discussed with the prescriber, BP to be watched';
    const overridden = await as(clinician).post(`/appointments/${appointmentId}/check-in`, { ...takenThisMorning, override: { reason } });
    expect(overridden.status).toBe(201);
    expect(overridden.body.dayOf).toMatchObject({ override: { reason, by: clinicianId }, findings: [expect.objectContaining({ code: 'day-of.held-medication-taken', severity: 'block' })] });
    const audit = await t.db.query(`SELECT actor_user_id, outcome FROM audit_event WHERE resource_type = 'day-of-override' AND resource_id = $1`, [overridden.body.id]);
    expect(audit).toEqual([{ actor_user_id: clinicianId, outcome: 'success' }]);
  });

  it('checks in no one whose referral has been blocked since booking (a medication the policy blocks on, not held), override or not', async () => {
    const { patientId, appointmentId } = await patientBookedToday(8);
    expect((await as(clinician).post(`/patients/${patientId}/medications`, { name: 'Lamictal 100 mg tablet' })).status).toBe(201);
    const refused = await as(clinician).post(`/appointments/${appointmentId}/check-in`, { ...READY, override: { reason: 'urgent' } });
    expect([refused.status, refused.body.detail]).toEqual([422, expect.stringMatching(/Screening findings block treatment/)]);
    expect(await t.db.query(`SELECT id FROM infusion_encounter WHERE appointment_id = $1`, [appointmentId])).toEqual([]);
  });

  it('asks a pain patient\'s pain score on arrival and at discharge, naming the field', async () => {
    const { appointmentId } = await patientBookedToday(10, true, { ...referralBody(), indication: { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'G90.50' } });
    const { painScore: _left, ...unscored } = READY;
    const refused = await as(frontDesk).post(`/appointments/${appointmentId}/check-in`, unscored);
    expect([refused.status, refused.body.errors]).toEqual([400, [{ field: 'painScore', message: 'is required on arrival for a pain patient (0-10)' }]]);
    const checkedIn = await as(frontDesk).post(`/appointments/${appointmentId}/check-in`, READY);
    expect(checkedIn.status).toBe(201);
    const id = checkedIn.body.id as string;
    const started = await as(clinician).post(`/encounters/${id}/infusion`, { concentrationMgPerMl: 10, weightKg: 70, dose: { kind: 'pain', mgPerKgPerHour: 0.35, minutes: 240 } }, 'W/"1"');
    const ended = await as(clinician).post(`/encounters/${id}/infusion/end`, {}, started.headers.etag);
    const unscoredDischarge = await as(clinician).post(`/encounters/${id}/discharge`, { vitals: CALM, responsibleAdultPresent: true }, ended.headers.etag);
    expect([unscoredDischarge.status, unscoredDischarge.body.errors]).toEqual([400, [{ field: 'painScore', message: 'is required at discharge for a pain patient (0-10)' }]]);
    expect((await as(clinician).post(`/encounters/${id}/discharge`, { vitals: CALM, painScore: 2, responsibleAdultPresent: true }, ended.headers.etag)).status).toBe(200);
    const pain = await t.db.query(`SELECT measurement->>'score' AS score FROM measurement WHERE encounter_id = $1 AND measurement->>'kind' = 'pain' ORDER BY effective_at`, [id]);
    expect(pain.map((p: { score: string }) => Number(p.score))).toEqual([7, 2]);
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

  it('checks in a late patient who signs the consent on arrival, judging it at the real start', async () => {
    const accepted = await acceptedReferral(t, clinician);
    const ids = { patient: accepted.patientId, serviceRequest: accepted.referralId };
    const [row] = await t.db.query(
      `INSERT INTO appointment (patient_id, kind, status, starts_at, ends_at, chair, referral_id)
       VALUES ($1, 'booster', 'booked', now() - interval '10 minutes', now() + interval '110 minutes', 5, $2) RETURNING id`, [ids.patient, ids.serviceRequest]);
    const form = await as(admin).post('/consent-forms', { kind: 'treatment', title: 'Informed consent to IV ketamine', body: 'Off-label use; risks...' });
    expect((await as(frontDesk).post(`/patients/${ids.patient}/consents`, { kind: 'treatment', formId: form.body.id, witnessId: clinicianId })).status).toBe(201);
    expect((await as(frontDesk).post(`/appointments/${row.id}/check-in`, READY)).status).toBe(201);
  });

  it('checks in no infusion of a cancelled series, and lets a clinician send a checked-in patient home without one', async () => {
    const { patientId, appointmentId } = await patientBookedToday(6);
    const [referral] = await t.db.query(`SELECT referral_id FROM appointment WHERE id = $1`, [appointmentId]);
    const [series] = await t.db.query(`INSERT INTO series (patient_id, referral_id, kind, protocol, status, cancel_reason, planned_by) VALUES ($1, $2, 'mood', 'condensed', 'cancelled', 'patient moved away', $3) RETURNING id`,
      [patientId, referral.referral_id, clinicianId]);
    const [infusion] = await t.db.query(
      `INSERT INTO appointment (patient_id, kind, status, starts_at, ends_at, chair, series_id, session_number, referral_id)
       VALUES ($1, 'infusion', 'booked', now() + interval '3 hours', now() + interval '4 hours', 6, $2, 1, $3) RETURNING id`, [patientId, series.id, referral.referral_id]);
    const refused = await as(clinician).post(`/appointments/${infusion.id}/check-in`, READY);
    expect([refused.status, refused.body.detail]).toEqual([422, expect.stringMatching(/series of this appointment is cancelled/)]);

    const checkedIn = await as(clinician).post(`/appointments/${appointmentId}/check-in`, READY);
    const home = await as(clinician).post(`/encounters/${checkedIn.body.id}/not-infused`, { reason: 'BP would not settle' }, checkedIn.headers.etag);
    expect([home.status, home.body.stage, home.body.notInfusedReason]).toEqual([200, 'not-infused', 'BP would not settle']);
    expect((await t.db.query(`SELECT status, cancel_reason FROM appointment WHERE id = $1`, [appointmentId]))[0]).toEqual({ status: 'cancelled', cancel_reason: 'Not infused: BP would not settle' });
    const [encounter] = await t.db.query(`SELECT resource FROM fhir_resource WHERE id = $1`, [checkedIn.body.id]);
    expect(encounter.resource.status).toBe('cancelled');
  });

  it('records an infusion stopped early with the dose given by then, and no adverse effect in the future', async () => {
    const { appointmentId } = await patientBookedToday(7);
    const checkedIn = await as(clinician).post(`/appointments/${appointmentId}/check-in`, READY);
    const id = checkedIn.body.id as string;
    const started = await as(clinician).post(`/encounters/${id}/infusion`, { concentrationMgPerMl: 10, weightKg: 70, dose: { kind: 'mood', mgPerKg: 0.5, minutes: 40 } }, checkedIn.headers.etag);
    // Twenty minutes at the prescribed 52.5 mg/h: 17.5 mg of the 35 mg.
    await t.db.query(`UPDATE infusion_administration SET started_at = now() - interval '20 minutes' WHERE encounter_id = $1`, [id]);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await as(clinician).post(`/encounters/${id}/adverse-effects`, { effect: 'dizziness', serious: false, occurredAt: future })).body.errors[0].field).toBe('occurredAt');
    const stopped = await as(clinician).post(`/encounters/${id}/infusion/end`, { stoppedEarly: { reason: 'distressing dissociation' } }, started.headers.etag);
    expect(stopped.body.administration).toMatchObject({ status: 'stopped', statusReason: 'distressing dissociation' });
    expect(stopped.body.administration.doseMg).toBeCloseTo(17.5, 0);
  });
});
