import { addDays } from '@keta/clinical-rules';
import type { Appointment } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { referralBody } from './referral-fixtures';
import { acceptedReferral, at, mondayAhead, putClinicSettings } from './scheduling-fixtures';
import { countRows, startTestApp, type TestApp } from './test-app';

describe('a clinician plans and books an infusion series', () => {
  let t: TestApp;
  let admin: string;
  let clinician: string;
  let frontDesk: string;
  const monday = mondayAhead(3);
  const closure = addDays(monday, 2);

  beforeAll(async () => {
    t = await startTestApp('series_booking');
    admin = (await t.signedIn('admin')).token;
    clinician = (await t.signedIn('clinician')).token;
    frontDesk = (await t.signedIn('front-desk')).token;
    await putClinicSettings(t, admin, { closures: [closure] });
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (path: string) => request(t.http).get(path).set('authorization', `Bearer ${token}`),
    post: (path: string, body: object, ifMatch?: string) => {
      const req = request(t.http).post(path).set('authorization', `Bearer ${token}`);
      return (ifMatch ? req.set('if-match', ifMatch) : req).send(body);
    },
  });
  const plan = (patientId: string, body: object) => as(clinician).post(`/patients/${patientId}/series`, body);
  const mood = (referralId: string, startDate = monday) => ({ referralId, kind: 'mood', startDate, startTime: '09:00' });
  const written = async () => ({ series: await countRows(t.db, 'series'), appointments: await countRows(t.db, 'appointment'), outbox: await countRows(t.db, 'outbox') });
  const datesOf = (body: { appointments: Array<{ start: string }> }) => body.appointments.map((a) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date(a.start)));

  it('books one infusion per session on a free chair, around closures, with its Appointment for the EHRs', async () => {
    const { referralId, patientId } = await acceptedReferral(t, clinician);
    const res = await plan(patientId, mood(referralId));
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('W/"1"');
    expect(res.body).toMatchObject({ patientId, referralId, kind: 'mood', protocol: 'condensed', status: 'booked', version: 1, findings: [expect.objectContaining({ code: 'series.protocol' })] });
    // Mon, Wed, Fri at most three a week two days apart; the Wednesday is closed, so Thursday.
    expect(datesOf(res.body)).toEqual([monday, addDays(monday, 3), addDays(monday, 7), addDays(monday, 9), addDays(monday, 11), addDays(monday, 14)]);
    const [first] = res.body.appointments;
    expect(first).toMatchObject({ kind: 'infusion', status: 'booked', chair: 1, sessionNumber: 1, seriesId: res.body.id, start: at(monday, '09:00') });
    expect(Date.parse(first.end) - Date.parse(first.start)).toBe(90 * 60_000);

    const [row] = (await t.db.query(`SELECT resource FROM fhir_resource WHERE id = $1`, [first.id])) as Array<{ resource: Appointment }>;
    expect(row?.resource).toMatchObject({
      resourceType: 'Appointment', status: 'booked', start: first.start, end: first.end, basedOn: [{ reference: `ServiceRequest/${referralId}` }],
      participant: [{ actor: { reference: `Patient/${patientId}` }, status: 'accepted' }, { actor: { display: 'Chair 1' } }],
    });
    const [queued] = (await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE resource_type = 'Appointment' AND patient_id = $1`, [patientId])) as Array<{ n: number }>;
    expect(queued?.n).toBe(6);
  });

  it('puts a second patient on the other chair and moves a third past the full days', async () => {
    const second = await acceptedReferral(t, clinician);
    const onChair2 = await plan(second.patientId, mood(second.referralId));
    expect(onChair2.status).toBe(201);
    expect(onChair2.body.appointments.map((a: { chair: number }) => a.chair)).toEqual([2, 2, 2, 2, 2, 2]);

    const third = await acceptedReferral(t, clinician);
    const later = await plan(third.patientId, mood(third.referralId));
    expect(later.status).toBe(201);
    const taken = new Set(datesOf(onChair2.body));
    expect(datesOf(later.body).filter((d) => taken.has(d))).toEqual([]);
  });

  it('refuses a referral that is not the patient\'s, not accepted, or blocked by screening; nothing is written', async () => {
    const mine = await acceptedReferral(t, clinician);
    const other = await acceptedReferral(t, clinician);
    const unaccepted = await as(clinician).post('/referrals', referralBody());
    const unacceptedPatient = (await as(clinician).get(`/referrals/${unaccepted.body.id}`)).body.patient.id as string;
    const before = await written();

    const notTheirs = await plan(mine.patientId, mood(other.referralId));
    expect(notTheirs.status).toBe(422);
    expect(notTheirs.body.detail).toContain('no referral with this id');
    expect((await plan(mine.patientId, mood(randomUUID()))).status).toBe(422);
    const notAccepted = await plan(unacceptedPatient, mood(unaccepted.body.id));
    expect(notAccepted.status).toBe(422);
    expect(notAccepted.body.detail).toContain('accepts it before a series can be scheduled');

    await t.db.query(
      `INSERT INTO screening_finding (referral_id, patient_id, code, severity, message, source, identified_at)
       VALUES ($1, $2, 'eligibility.psychosis', 'block', 'History of psychosis excludes ketamine.', 'DOMAIN.md', now())`,
      [mine.referralId, mine.patientId],
    );
    const blocked = await plan(mine.patientId, mood(mine.referralId));
    expect(blocked.status).toBe(422);
    expect(blocked.body.detail).toContain('eligibility.psychosis');
    expect(await written()).toEqual(before);
  });

  it('names the field at fault, answers 404 for no patient, and lets no front desk plan', async () => {
    const { referralId, patientId } = await acceptedReferral(t, clinician);
    const bad = await plan(patientId, { referralId: 'x', kind: 'migraine', startDate: '2026-02-30', startTime: '9:00' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'referralId', 'startDate', 'startTime']);
    const protocol = await plan(patientId, { ...mood(referralId), protocol: 'weekly' });
    expect(protocol.status).toBe(400);
    expect(protocol.body.errors).toEqual([{ field: 'protocol', message: expect.stringContaining('condensed') }]);
    expect((await plan(patientId, { ...mood(referralId), startDate: '2020-01-06' })).status).toBe(422);
    expect((await plan(randomUUID(), mood(referralId))).status).toBe(404);
    expect((await as(frontDesk).post(`/patients/${patientId}/series`, mood(referralId))).status).toBe(403);
  });

  it('books nothing when one session cannot be had, naming its date', async () => {
    const { referralId, patientId } = await acceptedReferral(t, clinician);
    const start = mondayAhead(10);
    const kap = await as(frontDesk).post(`/patients/${patientId}/appointments`, { kind: 'kap', start: at(addDays(start, 4), '09:30') });
    expect(kap.status).toBe(201);
    const before = await written();
    const clash = await plan(patientId, mood(referralId, start));
    expect(clash.status).toBe(409);
    expect(clash.body.detail).toContain(addDays(start, 4));
    expect(await written()).toEqual(before);
  });

  it('asks for a consultation before the first infusion where the policy holds one', async () => {
    await putClinicSettings(t, admin, { closures: [closure], policyAdjustments: { referral: { consultationBeforeTreatment: true } } });
    try {
      const { referralId, patientId } = await acceptedReferral(t, clinician);
      const start = mondayAhead(12);
      const refused = await plan(patientId, mood(referralId, start));
      expect(refused.status).toBe(422);
      expect(refused.body.detail).toContain('consultation before the first infusion');
      const consultation = await as(frontDesk).post(`/patients/${patientId}/appointments`, { kind: 'consultation', start: at(addDays(start, -3), '10:00') });
      expect(consultation.status).toBe(201);
      expect((await plan(patientId, mood(referralId, start))).status).toBe(201);
    } finally {
      await putClinicSettings(t, admin, { closures: [closure] });
    }
  });

  it('shows a patient\'s series with their appointments, and cancels one from the version read', async () => {
    const { referralId, patientId } = await acceptedReferral(t, clinician);
    const planned = await plan(patientId, mood(referralId, mondayAhead(20)));
    const id = planned.body.id as string;
    const listed = await as(frontDesk).get(`/patients/${patientId}/series`);
    expect(listed.status).toBe(200);
    expect(listed.body.map((s: { id: string }) => s.id)).toEqual([id]);
    const read = await as(frontDesk).get(`/series/${id}`);
    expect(read.headers.etag).toBe('W/"1"');
    expect(read.body.appointments).toHaveLength(6);
    expect((await as(clinician).get(`/series/${randomUUID()}`)).status).toBe(404);

    expect((await as(clinician).post(`/series/${id}/cancel`, { reason: 'Patient moved away' })).status).toBe(428);
    expect((await as(clinician).post(`/series/${id}/cancel`, { reason: 'Patient moved away' }, 'W/"7"')).status).toBe(412);
    const noReason = await as(clinician).post(`/series/${id}/cancel`, {}, 'W/"1"');
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([{ field: 'reason', message: expect.any(String) }]);
    expect((await as(frontDesk).post(`/series/${id}/cancel`, { reason: 'x' }, 'W/"1"')).status).toBe(403);

    const cancelled = await as(clinician).post(`/series/${id}/cancel`, { reason: 'Patient moved away' }, 'W/"1"');
    expect(cancelled.status).toBe(200);
    expect(cancelled.headers.etag).toBe('W/"2"');
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Patient moved away', version: 2 });
    expect(cancelled.body.appointments.map((a: { status: string }) => a.status)).toEqual(Array(6).fill('cancelled'));
    const resources = (await t.db.query(`SELECT resource FROM fhir_resource WHERE resource_type = 'Appointment' AND patient_id = $1`, [patientId])) as Array<{ resource: Appointment }>;
    expect(resources.map((r) => r.resource.status)).toEqual(Array(6).fill('cancelled'));
    expect(resources[0]?.resource.cancelationReason).toEqual({ text: 'Patient moved away' });
    expect((await as(clinician).post(`/series/${id}/cancel`, { reason: 'again' }, 'W/"2"')).status).toBe(422);
  });

  it('plans one booked series per referral, and cancels it when a clinician declines the referral after all', async () => {
    const { referralId, patientId } = await acceptedReferral(t, clinician);
    const planned = await plan(patientId, mood(referralId, mondayAhead(30)));
    expect(planned.status).toBe(201);
    expect((await plan(patientId, mood(referralId, mondayAhead(40)))).status).toBe(409);

    const read = await as(clinician).get(`/referrals/${referralId}`);
    const declined = await as(clinician).post(`/referrals/${referralId}/decision`, { decision: 'decline', reason: 'Cardiology advises against ketamine' }, read.headers.etag as string);
    expect(declined.status).toBe(200);
    const series = await as(clinician).get(`/series/${planned.body.id}`);
    expect(series.body).toMatchObject({ status: 'cancelled', cancelReason: 'Referral declined: Cardiology advises against ketamine' });
    expect(series.body.appointments.map((a: { status: string }) => a.status)).toEqual(Array(6).fill('cancelled'));
  });
});
