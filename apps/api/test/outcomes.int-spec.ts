import type { Observation, QuestionnaireResponse } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createReferral } from './fhir-fixtures';
import { setUpClinic } from './referral-fixtures';
import { countRows, startTestApp, type TestApp } from './test-app';

const DAY_MS = 24 * 60 * 60 * 1000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/** Answers that add up to a given total, most severe items first. */
function answersFor(instrument: 'phq9' | 'gad7', total: number): number[] {
  const items = instrument === 'phq9' ? 9 : 7;
  return Array.from({ length: items }, (_, i) => Math.max(0, Math.min(3, total - 3 * i)));
}

interface Clinic {
  t: TestApp;
  clinician: string;
  clinicianId: string;
  admin: string;
}

async function startClinic(label: string): Promise<Clinic> {
  const t = await startTestApp(label);
  const admin = (await t.signedIn('admin')).token;
  const { user, token: clinician } = await t.signedIn('clinician');
  await setUpClinic(t, admin);
  return { t, clinician, clinicianId: user.id, admin };
}

function submit(c: Clinic, patientId: string, body: object) {
  return request(c.t.http).post(`/patients/${patientId}/questionnaires`).set('authorization', `Bearer ${c.clinician}`).send(body);
}

function outcomesOf(c: Clinic, patientId: string) {
  return request(c.t.http).get(`/patients/${patientId}/outcomes`).set('authorization', `Bearer ${c.clinician}`);
}

async function scored(c: Clinic, patientId: string, instrument: 'phq9' | 'gad7', total: number, authoredAt?: string): Promise<string> {
  const res = await submit(c, patientId, { instrument, answers: answersFor(instrument, total), ...(authoredAt ? { authoredAt } : {}) });
  if (res.status !== 201) throw new Error(`POST questionnaires answered ${res.status}`);
  return res.body.id as string;
}

/** A checked-in booster visit, as the encounters module records one (the encounter needs its appointment). */
async function insertEncounter(c: Clinic, patientId: string): Promise<string> {
  const start = new Date(Date.now() - 3 * 60 * 60 * 1000);
  const [appointment] = (await c.t.db.query(
    `INSERT INTO appointment (patient_id, kind, status, starts_at, ends_at, chair) VALUES ($1, 'booster', 'checked-in', $2, $3, 1) RETURNING id`,
    [patientId, start, new Date(start.getTime() + 2 * 60 * 60 * 1000)],
  )) as Array<{ id: string }>;
  const [encounter] = (await c.t.db.query(
    `INSERT INTO infusion_encounter (patient_id, appointment_id, stage, checked_in_at, checked_in_by, day_of_findings, baseline_vitals)
     VALUES ($1, $2, 'recovery', $3, $4, '[]', '{"systolic":120,"diastolic":80,"heartRate":70}') RETURNING id`,
    [patientId, appointment!.id, start, c.clinicianId],
  )) as Array<{ id: string }>;
  return encounter!.id;
}

async function insertPain(c: Clinic, patientId: string, score: number, effectiveAt: string, encounterId: string | null = null): Promise<void> {
  await c.t.db.query(`INSERT INTO measurement (patient_id, encounter_id, measurement, effective_at) VALUES ($1, $2, $3, $4)`,
    [patientId, encounterId, JSON.stringify({ kind: 'pain', score }), effectiveAt]);
}

describe('outcomes of a patient: PHQ-9 and GAD-7, response and remission, pain', () => {
  let c: Clinic;
  const newPatient = async () => (await createReferral(c.t, c.clinician)).patient;

  beforeAll(async () => {
    c = await startClinic('outcomes');
  });
  afterAll(() => c.t.close());

  it('scores a PHQ-9 and a GAD-7 with their severity, and projects a QuestionnaireResponse and its score Observation to sync', async () => {
    const patientId = await newPatient();
    const phq9 = await submit(c, patientId, { instrument: 'phq9', answers: [2, 2, 2, 2, 2, 2, 1, 1, 0], authoredAt: '2025-11-20T09:30:00-05:00' });
    expect(phq9.status).toBe(201);
    expect(phq9.body).toEqual({
      id: expect.any(String), instrument: 'phq9', answers: [2, 2, 2, 2, 2, 2, 1, 1, 0], total: 14, severity: 'moderate', positiveScreen: true,
      authoredAt: '2025-11-20T14:30:00.000Z', encounterId: null,
    });
    const gad7 = await submit(c, patientId, { instrument: 'gad7', answers: [1, 1, 1, 0, 0, 0, 0] });
    expect(gad7.body).toMatchObject({ total: 3, severity: 'minimal', positiveScreen: false });
    expect(Date.now() - Date.parse(gad7.body.authoredAt as string)).toBeLessThan(60_000);
    expect((await submit(c, patientId, { instrument: 'phq9', answers: [3, 3, 3, 3, 3, 3, 3, 3, 3] })).body).toMatchObject({ total: 27, severity: 'severe' });

    const projected = (await c.t.db.query(
      `SELECT resource_type, id, resource FROM fhir_resource WHERE id = $1 OR resource -> 'derivedFrom' -> 0 ->> 'reference' = $2 ORDER BY resource_type`,
      [phq9.body.id, `QuestionnaireResponse/${phq9.body.id}`],
    )) as Array<{ resource_type: string; id: string; resource: QuestionnaireResponse | Observation }>;
    expect(projected.map((r) => r.resource_type)).toEqual(['Observation', 'QuestionnaireResponse']);
    const [score, response] = projected as unknown as [{ id: string; resource: Observation }, { resource: QuestionnaireResponse }];
    expect(response.resource).toMatchObject({
      status: 'completed', subject: { reference: `Patient/${patientId}` }, authored: '2025-11-20T14:30:00.000Z',
      item: expect.arrayContaining([{ linkId: 'phq9-1', answer: [{ valueInteger: 2 }] }, { linkId: 'phq9-9', answer: [{ valueInteger: 0 }] }]),
    });
    expect(response.resource.item).toHaveLength(9);
    expect(score.resource).toMatchObject({ status: 'final', code: { coding: [{ code: '44261-6' }] }, valueInteger: 14 });
    const outbox = (await c.t.db.query(`SELECT resource_type FROM outbox WHERE resource_id IN ($1, $2) ORDER BY resource_type`, [phq9.body.id, score.id])) as Array<{ resource_type: string }>;
    expect(outbox.map((r) => r.resource_type)).toEqual(['Observation', 'QuestionnaireResponse']);
    const audit = (await c.t.db.query(`SELECT action, outcome FROM audit_event WHERE resource_type = 'questionnaire-response' AND resource_id = $1`, [phq9.body.id])) as unknown[];
    expect(audit).toEqual([{ action: 'create', outcome: 'success' }]);
  });

  it('links a submission to the patient\'s infusion encounter, and refuses another patient\'s', async () => {
    const patientId = await newPatient();
    const encounterId = await insertEncounter(c, patientId);
    const res = await submit(c, patientId, { instrument: 'gad7', answers: answersFor('gad7', 9), encounterId });
    expect(res.status).toBe(201);
    expect(res.body.encounterId).toBe(encounterId);
    const [row] = (await c.t.db.query(`SELECT resource FROM fhir_resource WHERE id = $1`, [res.body.id])) as Array<{ resource: QuestionnaireResponse }>;
    expect(row?.resource.encounter).toEqual({ reference: `Encounter/${encounterId}` });

    const other = await newPatient();
    const before = await countRows(c.t.db, 'questionnaire_response');
    const refused = await submit(c, other, { instrument: 'gad7', answers: answersFor('gad7', 9), encounterId });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ field: 'encounterId', message: 'names no infusion encounter of this patient' }]);
    expect(await countRows(c.t.db, 'questionnaire_response')).toBe(before);
  });

  it('gives baseline, latest, response and remission over three submissions, newest first', async () => {
    const patientId = await newPatient();
    await scored(c, patientId, 'phq9', 20, ago(10 * DAY_MS));
    await scored(c, patientId, 'phq9', 14, ago(5 * DAY_MS));
    await scored(c, patientId, 'phq9', 4);
    await scored(c, patientId, 'gad7', 12, ago(10 * DAY_MS));
    await scored(c, patientId, 'gad7', 8);

    const res = await outcomesOf(c, patientId);
    expect(res.status).toBe(200);
    expect(res.body.submissions.map((s: { instrument: string; total: number }) => `${s.instrument} ${s.total}`)).toEqual(['gad7 8', 'phq9 4', 'phq9 14', 'gad7 12', 'phq9 20']);
    expect(res.body.submissions[1]).toMatchObject({ severity: 'minimal', positiveScreen: false });
    const [phq9, gad7] = res.body.instruments;
    expect(phq9).toMatchObject({
      instrument: 'phq9', submissions: 3, baseline: { total: 20, severity: 'severe' }, latest: { total: 4, severity: 'minimal' },
      response: { change: -16, percentChange: -80, category: 'response', remission: true },
    });
    expect(gad7).toMatchObject({ instrument: 'gad7', submissions: 2, response: { change: -4, percentChange: -33.3, category: 'partial', remission: false } });
    expect(res.body.findings).toEqual([]);
  });

  it('has no response to assess from one submission', async () => {
    const patientId = await newPatient();
    await scored(c, patientId, 'phq9', 12);
    const res = await outcomesOf(c, patientId);
    expect(res.body.instruments).toEqual([expect.objectContaining({ submissions: 1, response: null })]);
    expect(res.body).toMatchObject({ pain: { trend: [], visits: [] }, findings: [] });
  });

  it('flags no response once the policy\'s day has passed without improvement (seed 003: mood by day 3)', async () => {
    const day2 = await newPatient();
    await scored(c, day2, 'gad7', 15, ago(DAY_MS + 60_000));
    await scored(c, day2, 'gad7', 15);
    expect((await outcomesOf(c, day2)).body.findings).toEqual([]);

    const day3 = await newPatient();
    await scored(c, day3, 'gad7', 15, ago(2 * DAY_MS + 60_000));
    await scored(c, day3, 'gad7', 16);
    await scored(c, day3, 'phq9', 18, ago(2 * DAY_MS + 60_000));
    await scored(c, day3, 'phq9', 17);
    expect((await outcomesOf(c, day3)).body.findings).toEqual([{
      instrument: 'gad7', code: 'outcome.no-response-by-expected-day', severity: 'review',
      message: expect.stringContaining('No mood improvement by treatment day 3 (expected by day 3)'), source: expect.objectContaining({ kind: 'seed' }),
    }]);
  });

  it('gives the pain trend, and the change from arrival to discharge within each visit', async () => {
    const patientId = await newPatient();
    const visit = randomUUID();
    const start = Date.now() - 5 * DAY_MS;
    await insertPain(c, patientId, 7, new Date(start - DAY_MS).toISOString());
    await insertPain(c, patientId, 8, new Date(start).toISOString(), visit);
    await insertPain(c, patientId, 2, new Date(start + 90 * 60_000).toISOString(), visit);
    await insertPain(c, patientId, 5, new Date(start + 30 * 60_000).toISOString(), visit);
    await insertPain(c, patientId, 6, new Date(start + DAY_MS).toISOString(), randomUUID());
    await c.t.db.query(`INSERT INTO measurement (patient_id, measurement, effective_at) VALUES ($1, '{"kind":"heart-rate","perMinute":72}', now())`, [patientId]);

    const { pain } = (await outcomesOf(c, patientId)).body;
    expect(pain.trend.map((p: { score: number }) => p.score)).toEqual([7, 8, 5, 2, 6]);
    expect(pain.trend[1]).toEqual({ effectiveAt: new Date(start).toISOString(), score: 8, encounterId: visit });
    expect(pain.visits).toEqual([{
      encounterId: visit, arrival: expect.objectContaining({ score: 8 }), discharge: expect.objectContaining({ score: 2 }),
      change: -6, meetsSeedPicture: true, source: expect.objectContaining({ kind: 'seed' }),
    }]);
  });

  describe('refuses bad input naming the field, with nothing written', () => {
    let patientId: string;
    beforeAll(async () => {
      patientId = await newPatient();
    });
    const written = async () => Promise.all(['questionnaire_response', 'fhir_resource', 'outbox'].map((table) => countRows(c.t.db, table)));

    it.each([
      ['too few PHQ-9 answers', { instrument: 'phq9', answers: [1, 1, 1, 1, 1, 1, 1] }, ['answers']],
      ['a GAD-7 with nine answers', { instrument: 'gad7', answers: [1, 1, 1, 1, 1, 1, 1, 1, 1] }, ['answers']],
      ['an item answered 4', { instrument: 'phq9', answers: [1, 1, 1, 4, 1, 1, 1, 1, 1] }, ['answers.3']],
      ['a fractional answer', { instrument: 'gad7', answers: [1, 1.5, 1, 1, 1, 1, 1] }, ['answers.1']],
      ['a future authoredAt', { instrument: 'gad7', answers: [1, 1, 1, 1, 1, 1, 1], authoredAt: new Date(Date.now() + DAY_MS).toISOString() }, ['authoredAt']],
      ['an authoredAt that is no instant', { instrument: 'gad7', answers: [1, 1, 1, 1, 1, 1, 1], authoredAt: '2025-11-20' }, ['authoredAt']],
      ['an unknown instrument', { instrument: 'pcl5', answers: [1, 1, 1] }, ['instrument']],
      ['an encounterId that is no UUID', { instrument: 'gad7', answers: [1, 1, 1, 1, 1, 1, 1], encounterId: 'visit-1' }, ['encounterId']],
      ['an unknown field', { instrument: 'gad7', answers: [1, 1, 1, 1, 1, 1, 1], total: 7 }, ['total']],
    ])('%s', async (_, body, fields) => {
      const before = await written();
      const res = await submit(c, patientId, body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(fields);
      expect(await written()).toEqual(before);
    });

    it('answers 404 for an unknown patient and an unknown encounter is a 422, nothing written', async () => {
      const before = await written();
      expect((await submit(c, randomUUID(), { instrument: 'gad7', answers: answersFor('gad7', 5) })).status).toBe(404);
      expect((await outcomesOf(c, randomUUID())).status).toBe(404);
      expect((await submit(c, patientId, { instrument: 'gad7', answers: answersFor('gad7', 5), encounterId: randomUUID() })).status).toBe(422);
      expect((await outcomesOf(c, 'not-a-uuid')).body.errors).toEqual([{ field: 'patientId', message: 'must be a UUID' }]);
      expect(await written()).toEqual(before);
    });
  });
});

describe('the clinic\'s response rate', () => {
  let c: Clinic;
  beforeAll(async () => {
    c = await startClinic('outcomes_rate');
  });
  afterAll(() => c.t.close());

  const rate = (token = c.clinician) => request(c.t.http).get('/outcomes/response-rate').set('authorization', `Bearer ${token}`);

  it('is null, not NaN, before any series is completed', async () => {
    const res = await rate();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ series: 0, responders: 0, responseRate: null, remissions: 0, remissionRate: null });
  });

  /** A series of two infusions, 8 and 1 days ago, both discharged: completed. */
  async function completedSeries(patientId: string, referralId: string): Promise<void> {
    const [series] = await c.t.db.query(
      `INSERT INTO series (patient_id, referral_id, kind, protocol, status, planned_by) VALUES ($1, $2, 'mood', 'condensed', 'completed', $3) RETURNING id`,
      [patientId, referralId, c.clinicianId]);
    for (const [n, daysAgo] of [[1, 8], [2, 1]] as const) {
      const start = new Date(Date.now() - daysAgo * DAY_MS);
      const [appointment] = await c.t.db.query(
        `INSERT INTO appointment (patient_id, kind, status, starts_at, ends_at, chair, series_id, session_number, referral_id)
         VALUES ($1, 'infusion', 'completed', $2, $3, 1, $4, $5, $6) RETURNING id`,
        [patientId, start, new Date(start.getTime() + 90 * 60_000), series.id, n, referralId]);
      await c.t.db.query(
        `INSERT INTO infusion_encounter (patient_id, appointment_id, stage, checked_in_at, checked_in_by, day_of_findings, baseline_vitals, discharged_at)
         VALUES ($1, $2, 'discharged', $3, $4, '[]', '{"systolic":120,"diastolic":80,"heartRate":70}', $5)`,
        [patientId, appointment.id, start, c.clinicianId, new Date(start.getTime() + 80 * 60_000)]);
    }
  }

  it('counts each completed series and instrument: the score before it against the score at its end', async () => {
    const patient = async () => {
      const ids = await createReferral(c.t, c.clinician);
      return { id: ids.patient, referral: ids.serviceRequest };
    };
    const a = await patient();
    await scored(c, a.id, 'phq9', 20, ago(9 * DAY_MS));
    await scored(c, a.id, 'phq9', 8);
    await completedSeries(a.id, a.referral);
    const b = await patient();
    await scored(c, b.id, 'phq9', 18, ago(9 * DAY_MS));
    await scored(c, b.id, 'phq9', 16, ago(4 * DAY_MS));
    await scored(c, b.id, 'phq9', 3);
    await scored(c, b.id, 'gad7', 10, ago(9 * DAY_MS));
    await scored(c, b.id, 'gad7', 4);
    await completedSeries(b.id, b.referral);
    const d = await patient();
    await scored(c, d.id, 'gad7', 12, ago(9 * DAY_MS));
    await scored(c, d.id, 'gad7', 10);
    await completedSeries(d.id, d.referral);
    // Two scores but no series: a course of no series is not counted; nor a series with no baseline before it.
    const e = await patient();
    await scored(c, e.id, 'phq9', 20, ago(9 * DAY_MS));
    await scored(c, e.id, 'phq9', 2);
    const f = await patient();
    await scored(c, f.id, 'phq9', 15);
    await completedSeries(f.id, f.referral);

    const res = await rate(c.admin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ series: 4, responders: 3, responseRate: 0.75, remissions: 2, remissionRate: 0.5 });
    expect(res.body.context).toHaveLength(2);
    expect(res.body.byInstrument).toEqual([
      { instrument: 'phq9', series: 2, responders: 2, responseRate: 1, remissions: 1, remissionRate: 0.5 },
      { instrument: 'gad7', series: 2, responders: 1, responseRate: 0.5, remissions: 1, remissionRate: 0.5 },
    ]);
    const own = await outcomesOf(c, b.id);
    expect(own.body.series).toEqual([
      expect.objectContaining({ instrument: 'phq9', baseline: expect.objectContaining({ total: 18 }), final: expect.objectContaining({ total: 3 }), response: expect.objectContaining({ category: 'response', remission: true }) }),
      expect.objectContaining({ instrument: 'gad7', baseline: expect.objectContaining({ total: 10 }), final: expect.objectContaining({ total: 4 }) }),
    ]);
  });
});
