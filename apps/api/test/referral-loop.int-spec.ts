import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ALL_CLEAR, LETTER_PDF, referralBody } from './referral-fixtures';
import { mondayAhead, zoneAtNoon } from './scheduling-fixtures';
import { startTestApp, type TestApp } from './test-app';

const CALM = { systolic: 128, diastolic: 82, heartRate: 72, spo2: 98 };
const READY = {
  vitals: CALM, lastFoodAt: new Date(Date.now() - 8 * 3600_000).toISOString(), lastLiquidAt: new Date(Date.now() - 4 * 3600_000).toISOString(),
  lastWaterAt: new Date(Date.now() - 3 * 3600_000).toISOString(), driverConfirmed: true, pregnancy: 'not-applicable', painScore: 6,
};
const MOOD = { concentrationMgPerMl: 10, weightKg: 70, dose: { kind: 'mood', mgPerKg: 0.5, minutes: 40 } };
/** A PHQ-9 of the given total: answers of 3 until it is reached. */
const phq9 = (total: number) => ({ instrument: 'phq9', answers: Array.from({ length: 9 }, (_, i) => Math.max(0, Math.min(3, total - 3 * i))) });

/**
 * The loop with the referrer: what they list as taken, the clinic's questions and their answers, where the
 * referral stands as they follow it (scheduled, in treatment), and the closing summary that completes it,
 * in Keta and on the Task that goes to their EHR.
 */
describe('closing the loop with the referrer', () => {
  let t: TestApp;
  let referrer: string;
  let otherReferrer: string;
  let clinician: string;
  let clinicianId: string;
  let frontDesk: string;
  let admin: string;
  let chair = 0;

  beforeAll(async () => {
    t = await startTestApp('referral_loop');
    [referrer, otherReferrer, frontDesk, admin] = [
      (await t.signedIn('referrer')).token, (await t.signedIn('referrer')).token, (await t.signedIn('front-desk')).token, (await t.signedIn('admin')).token,
    ];
    const c = await t.signedIn('clinician');
    [clinician, clinicianId] = [c.token, c.user.id];
    const settings = {
      name: 'Harbor Ketamine', timeZone: zoneAtNoon(), openingDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], chairs: 20, policyPreset: 'seed-003',
      policyAdjustments: { discharge: { minRecoveryMinutes: 0 } },
    };
    expect((await as(admin).put('/clinic-settings', settings)).status).toBe(200);
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (path: string) => request(t.http).get(path).set('authorization', `Bearer ${token}`),
    put: (path: string, body: object) => request(t.http).put(path).set('authorization', `Bearer ${token}`).send(body),
    post: (path: string, body: object = {}, ifMatch?: string) => {
      const req = request(t.http).post(path).set('authorization', `Bearer ${token}`);
      return (ifMatch ? req.set('if-match', ifMatch) : req).send(body);
    },
  });
  /** POSTs a change to a referral from the version the caller reads. */
  const changeReferral = async (token: string, id: string, action: string, body: object) =>
    as(token).post(`/referrals/${id}/${action}`, body, (await as(token).get(`/referrals/${id}`)).headers.etag as string);

  /** A referral from `referrer`, its letter attached, that a clinician accepted. */
  async function referred(medications: object[] = []): Promise<{ id: string; patientId: string }> {
    const created = await as(referrer).post('/referrals', { ...referralBody(), attestations: ALL_CLEAR, medications });
    expect(created.status).toBe(201);
    const letter = await request(t.http).put(`/referrals/${created.body.id}/letter`).set('authorization', `Bearer ${referrer}`).set('content-type', 'application/pdf').send(LETTER_PDF);
    expect(letter.status).toBe(200);
    const read = await as(clinician).get(`/referrals/${created.body.id}`);
    expect((await as(clinician).post(`/referrals/${created.body.id}/decision`, { decision: 'accept' }, read.headers.etag as string)).status).toBe(200);
    return { id: created.body.id as string, patientId: read.body.patient.id as string };
  }

  /** The Task the EHRs receive, as the projection holds it. */
  async function taskOf(referralId: string): Promise<{ status: string; businessStatus: { coding: Array<{ code: string }> }; output?: unknown[] }> {
    const [row] = await t.db.query(
      `SELECT f.resource FROM fhir_resource f JOIN referral r ON r.task_id = f.id WHERE f.resource_type = 'Task' AND r.id = $1`, [referralId],
    );
    return row.resource;
  }

  const stageOf = async (id: string, token = referrer) => (await as(token).get(`/referrals/${id}`)).body.stage as string;

  it('keeps the medications the referrer lists as current medications, screened, and does not list them twice', async () => {
    const medications = [{ name: 'Sertraline', dosage: '100 mg daily' }, { rxnorm: '6470', name: 'Lorazepam' }];
    const { patientId } = await referred(medications);
    const listed = await as(clinician).get(`/patients/${patientId}/medications`);
    expect(listed.body.medications.map((m: { name: string; status: string }) => [m.name, m.status])).toEqual(expect.arrayContaining([['Sertraline', 'active'], ['Lorazepam', 'active']]));
    const statements = await t.db.query(`SELECT count(*)::int AS n FROM fhir_resource WHERE resource_type = 'MedicationStatement' AND patient_id = $1`, [patientId]);
    expect(statements).toEqual([{ n: 2 }]);
    const mrn = (await as(clinician).get(`/patients/${patientId}`)).body.demographics.identifiers[0];
    const again = await as(referrer).post('/referrals', { ...referralBody({ mrn: mrn.value }), attestations: ALL_CLEAR, medications: [{ name: 'sertraline' }] });
    expect(again.status).toBe(201);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM home_medication WHERE patient_id = $1`, [patientId])).toEqual([{ n: 2 }]);
  });

  it.each([
    [[{ dosage: '5 mg' }], 'medications.0.name'],
    [Array.from({ length: 51 }, () => ({ name: 'Sertraline' })), 'medications'],
    [[{ rxnorm: 'abc' }], 'medications.0.rxnorm'],
  ])('refuses listed medications %#, naming %s, and keeps nothing', async (medications, field) => {
    const before = await t.db.query(`SELECT count(*)::int AS n FROM referral`);
    const refused = await as(referrer).post('/referrals', { ...referralBody(), medications });
    expect([refused.status, refused.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, [field]]);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM referral`)).toEqual(before);
  });

  it('lets the referrer answer the clinic\'s question: the referral is received again, for a clinician to decide', async () => {
    const { id } = await referred();
    const asked = await changeReferral(clinician, id, 'information-requests', { question: 'Is the blood pressure controlled on treatment?' });
    expect([asked.status, asked.body.stage]).toEqual([200, 'needs-information']);

    // Only the referrer who sent it, from the version they read.
    const etag = (await as(referrer).get(`/referrals/${id}`)).headers.etag as string;
    expect((await as(otherReferrer).post(`/referrals/${id}/answers`, { answer: 'Yes' }, etag)).status).toBe(404);
    expect((await changeReferral(clinician, id, 'answers', { answer: 'Yes' })).status).toBe(403);
    expect((await as(referrer).post(`/referrals/${id}/answers`, { answer: 'Yes' })).status).toBe(428);
    expect((await as(referrer).post(`/referrals/${id}/answers`, { answer: 'Yes' }, 'W/"999"')).status).toBe(412);
    expect((await changeReferral(referrer, id, 'answers', { answer: '' })).status).toBe(400);

    const answered = await changeReferral(referrer, id, 'answers', { answer: 'Yes: 128/82 on amlodipine since March' });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'received', stage: 'received', closingSummary: null });
    expect(answered.body.statusReason).toBeUndefined();
    expect(answered.body.correspondence).toEqual([
      { kind: 'question', text: 'Is the blood pressure controlled on treatment?', at: expect.any(String) },
      { kind: 'answer', text: 'Yes: 128/82 on amlodipine since March', at: expect.any(String) },
    ]);
    expect((await taskOf(id)).status).toBe('received');
    // The clinician's request stands until they decide again: screening does not accept it on its own.
    expect((await as(clinician).get(`/referrals/${id}`)).body.correspondence).toHaveLength(2);
    const again = await changeReferral(referrer, id, 'answers', { answer: 'And one more thing' });
    expect([again.status, again.body.code]).toEqual([422, 'business_rule']);
    expect((await changeReferral(clinician, id, 'decision', { decision: 'accept' })).body.stage).toBe('accepted');
  });

  it('shows the referrer the series booked, then under way, and the Task follows (BSeR 5.1.1, 5.1.4); a cancelled series counts for nothing', async () => {
    const { id, patientId } = await referred();
    expect(await stageOf(id)).toBe('accepted');
    const planned = await as(clinician).post(`/patients/${patientId}/series`, { referralId: id, kind: 'mood', startDate: mondayAhead(2), startTime: '10:00' });
    expect(planned.status).toBe(201);
    expect(await stageOf(id)).toBe('scheduled');
    expect((await as(referrer).get('/referrals')).body.find((r: { id: string }) => r.id === id).stage).toBe('scheduled');
    expect(await taskOf(id)).toMatchObject({ status: 'in-progress', businessStatus: { coding: [{ code: '5.1.1' }] } });
    const cancelled = await as(clinician).post(`/series/${planned.body.id}/cancel`, { reason: 'Patient moved away' }, planned.headers.etag as string);
    expect(cancelled.status).toBe(200);
    expect(await stageOf(id)).toBe('accepted');
    expect(await taskOf(id)).toMatchObject({ status: 'accepted', businessStatus: { coding: [{ code: '3.0' }] } });
  });

  describe('the closing summary', () => {
    /** An appointment in a few minutes on a chair of its own, for an infusion of the series. */
    async function infusionToday(patientId: string, referralId: string, seriesId: string, session: number): Promise<string> {
      chair += 1;
      const [row] = await t.db.query(
        `INSERT INTO appointment (patient_id, kind, status, starts_at, ends_at, chair, referral_id, series_id, session_number)
         VALUES ($1, 'infusion', 'booked', now() + interval '5 minutes', now() + interval '125 minutes', $2, $3, $4, $5) RETURNING id`,
        [patientId, chair, referralId, seriesId, session],
      );
      return row.id as string;
    }

    async function infusionDay(appointmentId: string, arrivalPain: number, dischargePain: number): Promise<void> {
      const checkedIn = await as(frontDesk).post(`/appointments/${appointmentId}/check-in`, { ...READY, painScore: arrivalPain });
      expect(checkedIn.status).toBe(201);
      const started = await as(clinician).post(`/encounters/${checkedIn.body.id}/infusion`, MOOD, checkedIn.headers.etag as string);
      const ended = await as(clinician).post(`/encounters/${checkedIn.body.id}/infusion/end`, {}, started.headers.etag as string);
      const discharged = await as(clinician).post(`/encounters/${checkedIn.body.id}/discharge`, { vitals: CALM, painScore: dischargePain, responsibleAdultPresent: true }, ended.headers.etag as string);
      expect(discharged.status).toBe(200);
    }

    /** A consented patient with a series of two infusions today, booked as the planner books them. */
    async function seriesOfTwo(): Promise<{ id: string; patientId: string; seriesId: string; appointments: string[] }> {
      const { id, patientId } = await referred();
      const form = await as(admin).post('/consent-forms', { kind: 'treatment', title: 'Informed consent to IV ketamine', body: 'Off-label use; risks...' });
      expect((await as(frontDesk).post(`/patients/${patientId}/consents`, { kind: 'treatment', formId: form.body.id, witnessId: clinicianId })).status).toBe(201);
      const [series] = await t.db.query(
        `INSERT INTO series (patient_id, referral_id, kind, protocol, status, planned_by, findings) VALUES ($1, $2, 'mood', 'condensed', 'booked', $3, '[]') RETURNING id`,
        [patientId, id, clinicianId],
      );
      const appointments = [await infusionToday(patientId, id, series.id, 1), await infusionToday(patientId, id, series.id, 2)];
      return { id, patientId, seriesId: series.id as string, appointments };
    }

    it('is refused until the series is done; then it completes the referral, for its referrer and their EHR', async () => {
      const { id, patientId, seriesId, appointments } = await seriesOfTwo();
      expect((await as(clinician).post(`/patients/${patientId}/questionnaires`, phq9(19))).status).toBe(201);
      await infusionDay(appointments[0]!, 6, 4);
      expect(await stageOf(id)).toBe('in-treatment');
      expect(await taskOf(id)).toMatchObject({ status: 'in-progress', businessStatus: { coding: [{ code: '5.1.4' }] } });
      const early = await changeReferral(clinician, id, 'closing-summary', {});
      expect([early.status, early.body.detail]).toEqual([422, expect.stringMatching(/still booked/)]);

      await infusionDay(appointments[1]!, 5, 2);
      expect((await as(clinician).post(`/patients/${patientId}/questionnaires`, phq9(7))).status).toBe(201);
      expect((await changeReferral(referrer, id, 'closing-summary', {})).status).toBe(403);
      expect((await as(clinician).post(`/referrals/${id}/closing-summary`, {})).status).toBe(428);
      const closed = await changeReferral(clinician, id, 'closing-summary', { note: 'Good response; boosters as needed' });
      expect(closed.status).toBe(200);
      const summary = {
        closedAt: expect.any(String), note: 'Good response; boosters as needed',
        series: { id: seriesId, kind: 'mood', protocol: 'condensed', infusionsCompleted: 2, firstInfusionOn: expect.stringMatching(/^\d{4}-\d\d-\d\d$/), lastInfusionOn: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) },
        scores: [{ measure: 'phq9', baseline: 19, final: 7 }, { measure: 'pain', baseline: 6, final: 2 }],
      };
      expect(closed.body).toMatchObject({ status: 'completed', stage: 'completed', closingSummary: summary });

      // The referrer reads it; the Task their EHR receives is completed, the summary its output.
      expect((await as(referrer).get(`/referrals/${id}`)).body.closingSummary).toEqual(closed.body.closingSummary);
      const task = await taskOf(id);
      expect(task).toMatchObject({ status: 'completed', businessStatus: { coding: [{ code: '7.0' }] } });
      expect(task.output).toEqual(expect.arrayContaining([
        expect.objectContaining({ valueInteger: 2, type: expect.objectContaining({ text: 'Infusions completed' }) }),
        expect.objectContaining({ valueInteger: 19, type: expect.objectContaining({ text: 'PHQ-9 total score before the series' }) }),
        expect.objectContaining({ valueString: 'Good response; boosters as needed' }),
      ]));
      // The summary and its audit row commit in one transaction: they carry its id (xmin).
      const [kept] = await t.db.query(`SELECT xmin::text AS tx FROM referral_closing_summary WHERE referral_id = $1`, [id]);
      const audit = await t.db.query(`SELECT xmin::text AS tx, outcome FROM audit_event WHERE resource_type = 'referral' AND resource_id = $1 AND action = 'update' ORDER BY id DESC LIMIT 1`, [id]);
      expect(audit).toEqual([{ tx: kept.tx, outcome: 'success' }]);

      // Closed once: the referral takes no more decisions, and no second summary.
      expect((await changeReferral(clinician, id, 'closing-summary', {})).status).toBe(422);
      expect((await changeReferral(clinician, id, 'decision', { decision: 'decline', reason: 'late' })).status).toBe(422);
    });

    it('is refused for a referral without a completed series, and 404 for one that does not exist', async () => {
      const { id } = await referred();
      const refused = await changeReferral(clinician, id, 'closing-summary', {});
      expect([refused.status, refused.body.detail]).toEqual([422, expect.stringMatching(/no completed series/)]);
      expect((await as(clinician).post(`/referrals/${randomUUID()}/closing-summary`, {}, 'W/"1"')).status).toBe(404);
      expect(await t.db.query(`SELECT count(*)::int AS n FROM referral_closing_summary WHERE referral_id = $1`, [id])).toEqual([{ n: 0 }]);
    });

    it('is not shown to another referrer', async () => {
      const { id } = await referred();
      expect((await as(otherReferrer).get(`/referrals/${id}`)).status).toBe(404);
      expect((await as(otherReferrer).get('/referrals')).body.map((r: { id: string }) => r.id)).not.toContain(id);
    });
  });
});
