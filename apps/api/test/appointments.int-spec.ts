import { addDays } from '@keta/clinical-rules';
import type { Appointment } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { acceptedReferral, at, clinicSettings, mondayAhead, putClinicSettings } from './scheduling-fixtures';
import { countRows, startTestApp, type TestApp } from './test-app';

describe('the front desk books, moves and cancels appointments', () => {
  let t: TestApp;
  let admin: string;
  let clinician: string;
  let frontDesk: string;
  const monday = mondayAhead(4);
  const closure = addDays(monday, 1);

  beforeAll(async () => {
    t = await startTestApp('appointments');
    admin = (await t.signedIn('admin')).token;
    clinician = (await t.signedIn('clinician')).token;
    frontDesk = (await t.signedIn('front-desk')).token;
    await putClinicSettings(t, admin, { closures: [addDays(monday, 3), closure] });
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (path: string) => request(t.http).get(path).set('authorization', `Bearer ${token}`),
    post: (path: string, body?: object, ifMatch?: string) => {
      const req = request(t.http).post(path).set('authorization', `Bearer ${token}`);
      return (ifMatch ? req.set('if-match', ifMatch) : req).send(body);
    },
    patch: (path: string, body: object, ifMatch?: string) => {
      const req = request(t.http).patch(path).set('authorization', `Bearer ${token}`);
      return (ifMatch ? req.set('if-match', ifMatch) : req).send(body);
    },
  });
  const book = (patientId: string, body: object) => as(frontDesk).post(`/patients/${patientId}/appointments`, body);
  const resourceOf = async (id: string) => ((await t.db.query(`SELECT resource FROM fhir_resource WHERE id = $1`, [id])) as Array<{ resource: Appointment }>)[0]?.resource;

  it('keeps the clinic\'s closures in its settings, in date order, and names a bad one', async () => {
    const settings = await as(frontDesk).get('/clinic-settings');
    expect(settings.body.closures).toEqual([closure, addDays(monday, 3)]);
    const put = (closures: unknown) => request(t.http).put('/clinic-settings').set('authorization', `Bearer ${admin}`).send(clinicSettings({ closures }));
    expect((await put(['2026-13-01'])).body.errors).toEqual([{ field: 'closures.0', message: expect.any(String) }]);
    expect((await put([closure, closure])).body.errors).toEqual([{ field: 'closures', message: 'must not repeat a date' }]);
    expect((await as(frontDesk).get('/clinic-settings')).body.closures).toHaveLength(2);
  });

  it('books a consultation and a KAP session on open days in the future, without a chair', async () => {
    const { patientId } = await acceptedReferral(t, clinician);
    const consultation = await book(patientId, { kind: 'consultation', start: at(monday, '10:00') });
    expect(consultation.status).toBe(201);
    expect(consultation.headers.etag).toBe('W/"1"');
    expect(consultation.body).toMatchObject({ kind: 'consultation', status: 'booked', chair: null, start: at(monday, '10:00'), end: at(monday, '11:00') });
    expect(await resourceOf(consultation.body.id)).toMatchObject({ resourceType: 'Appointment', status: 'booked', participant: [{ actor: { reference: `Patient/${patientId}` } }] });
    const kap = await as(clinician).post(`/patients/${patientId}/appointments`, { kind: 'kap', start: at(monday, '13:00') });
    expect(kap.body).toMatchObject({ kind: 'kap', end: at(monday, '13:50') });

    const before = await countRows(t.db, 'appointment');
    const refusal = async (start: string) => (await book(patientId, { kind: 'consultation', start })).body.detail as string;
    expect(await refusal(at(closure, '10:00'))).toContain(`closed on ${closure}`);
    expect(await refusal(at(addDays(monday, 5), '10:00'))).toContain('not open');
    expect(await refusal('2020-01-06T15:00:00Z')).toContain('future');
    expect(await refusal(at(monday, '10:30'))).toContain('another appointment');
    expect(await countRows(t.db, 'appointment')).toBe(before);
  });

  it('books KAP sessions only where the clinic offers them', async () => {
    const { patientId } = await acceptedReferral(t, clinician);
    await putClinicSettings(t, admin, { closures: [addDays(monday, 3), closure], policyAdjustments: {} });
    try {
      const before = await countRows(t.db, 'appointment');
      const refused = await book(patientId, { kind: 'kap', start: at(monday, '15:00') });
      expect([refused.status, refused.body.detail]).toEqual([422, 'The clinic does not offer KAP sessions (its policy\'s services.kapSessions)']);
      expect(await countRows(t.db, 'appointment')).toBe(before);
    } finally {
      await putClinicSettings(t, admin, { closures: [addDays(monday, 3), closure] });
    }
    expect((await book(patientId, { kind: 'kap', start: at(monday, '15:00') })).status).toBe(201);
  });

  it('names the field at fault and answers 404 for no patient or appointment', async () => {
    const { patientId } = await acceptedReferral(t, clinician);
    const bad = await book(patientId, { kind: 'infusion', start: 'tomorrow' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'start']);
    expect((await book(randomUUID(), { kind: 'kap', start: at(monday, '09:00') })).status).toBe(404);
    expect((await as(frontDesk).get(`/appointments/${randomUUID()}`)).status).toBe(404);
    expect((await as(frontDesk).get(`/patients/${randomUUID()}/appointments`)).status).toBe(404);
    expect((await as(frontDesk).patch(`/appointments/${randomUUID()}`, { start: at(monday, '09:00') }, 'W/"1"')).status).toBe(404);
    const query = await as(frontDesk).get('/appointments?from=2026-11-02&to=2026-11-01&limit=0');
    expect(query.status).toBe(400);
    expect(query.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['from', 'limit']);
  });

  it('lists appointments by clinic day and by patient', async () => {
    const { patientId } = await acceptedReferral(t, clinician);
    const day = addDays(monday, 7);
    const booked = await book(patientId, { kind: 'kap', start: at(day, '08:00') });
    const onDay = await as(frontDesk).get(`/appointments?from=${day}&to=${day}`);
    expect(onDay.status).toBe(200);
    expect(onDay.body.map((a: { id: string }) => a.id)).toEqual([booked.body.id]);
    expect((await as(frontDesk).get(`/appointments?from=${addDays(day, 1)}`)).body).toEqual([]);
    const mine = await as(clinician).get(`/patients/${patientId}/appointments`);
    expect(mine.body.map((a: { id: string }) => a.id)).toEqual([booked.body.id]);
    const one = await as(frontDesk).get(`/appointments/${booked.body.id}`);
    expect(one.headers.etag).toBe('W/"1"');
  });

  it('moves an appointment from the version read: none is 428, a stale one 412', async () => {
    const { patientId } = await acceptedReferral(t, clinician);
    const booked = await book(patientId, { kind: 'kap', start: at(addDays(monday, 14), '09:00') });
    const path = `/appointments/${booked.body.id}`;
    const later = { start: at(addDays(monday, 16), '15:00') };
    expect((await as(frontDesk).patch(path, later)).status).toBe(428);
    expect((await as(frontDesk).patch(path, later, 'W/"9"')).status).toBe(412);
    expect((await as(frontDesk).patch(path, { start: at(addDays(monday, 15), '09:00') }, 'W/"1"')).status).toBe(200);
    const moved = await as(frontDesk).patch(path, later, 'W/"2"');
    expect(moved.status).toBe(200);
    expect(moved.headers.etag).toBe('W/"3"');
    expect(moved.body).toMatchObject({ start: later.start, end: at(addDays(monday, 16), '15:50'), version: 3 });
    expect((await resourceOf(booked.body.id))?.start).toBe(later.start);
    expect((await as(frontDesk).patch(path, { start: at(addDays(monday, 3), '09:00') }, 'W/"3"')).status).toBe(422);
  });

  it('cancels with a reason, and marks a no-show once its time has come', async () => {
    const { patientId } = await acceptedReferral(t, clinician);
    const first = await book(patientId, { kind: 'consultation', start: at(addDays(monday, 21), '09:00') });
    const path = `/appointments/${first.body.id}`;
    expect((await as(frontDesk).post(`${path}/cancel`, {}, 'W/"1"')).body.errors).toEqual([{ field: 'reason', message: expect.any(String) }]);
    expect((await as(frontDesk).post(`${path}/cancel`, { reason: 'Patient is unwell' })).status).toBe(428);
    const cancelled = await as(frontDesk).post(`${path}/cancel`, { reason: 'Patient is unwell' }, 'W/"1"');
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Patient is unwell', version: 2 });
    expect(await resourceOf(first.body.id)).toMatchObject({ status: 'cancelled', cancelationReason: { text: 'Patient is unwell' } });
    expect((await as(frontDesk).post(`${path}/cancel`, { reason: 'again' }, 'W/"2"')).status).toBe(422);

    const second = await book(patientId, { kind: 'kap', start: at(addDays(monday, 22), '09:00') });
    const noShow = `/appointments/${second.body.id}/no-show`;
    expect((await as(frontDesk).post(noShow, undefined, 'W/"1"')).status).toBe(422);
    await t.db.query(`UPDATE appointment SET starts_at = now() - interval '2 hours', ends_at = now() - interval '70 minutes' WHERE id = $1`, [second.body.id]);
    const missed = await as(frontDesk).post(noShow, undefined, 'W/"1"');
    expect(missed.status).toBe(200);
    expect(missed.body.status).toBe('no-show');
    expect((await resourceOf(second.body.id))?.status).toBe('noshow');
  });

  it('books a booster on a chair only after a completed series, inside the policy\'s window', async () => {
    const { referralId, patientId } = await acceptedReferral(t, clinician);
    const start = at(addDays(monday, 28), '09:00');
    expect((await book(patientId, { kind: 'booster', start })).body.detail).toContain('no completed infusion');

    const series = await as(clinician).post(`/patients/${patientId}/series`, { referralId, kind: 'mood', startDate: mondayAhead(1), startTime: '08:00' });
    expect(series.status).toBe(201);
    const given = (sessions: string) => t.db.query(
      `UPDATE appointment SET status = 'completed', starts_at = starts_at - interval '70 days', ends_at = ends_at - interval '70 days'
        WHERE series_id = $1 AND session_number IN (${sessions})`, [series.body.id],
    );
    // Infusion encounters will set these statuses; here the series is given by hand, in the past.
    await given('1');
    expect((await book(patientId, { kind: 'booster', start })).body.detail).toContain('still has infusions to come');
    await given('2, 3, 4, 5, 6');
    await t.db.query(
      `UPDATE appointment SET starts_at = now() - interval '40 days', ends_at = now() - interval '40 days' + interval '90 minutes' WHERE series_id = $1 AND session_number = 6`, [series.body.id],
    );
    const tooLate = await book(patientId, { kind: 'booster', start: at(addDays(monday, 400), '09:00') });
    expect(tooLate.status).toBe(422);
    expect(tooLate.body.detail).toContain('A booster falls between');

    const booster = await book(patientId, { kind: 'booster', start });
    expect(booster.status).toBe(201);
    expect(booster.body).toMatchObject({ kind: 'booster', chair: 1, referralId, end: at(addDays(monday, 28), '10:30') });
    expect(await resourceOf(booster.body.id)).toMatchObject({ basedOn: [{ reference: `ServiceRequest/${referralId}` }], participant: [{}, { actor: { display: 'Chair 1' } }] });

    // Declined after all, the referral takes its booked booster with it, and no other is booked on it.
    const read = await request(t.http).get(`/referrals/${referralId}`).set('authorization', `Bearer ${clinician}`);
    const declined = await as(clinician).post(`/referrals/${referralId}/decision`, { decision: 'decline', reason: 'New cardiac history' }, read.headers.etag as string);
    expect(declined.status).toBe(200);
    const [cancelled] = await t.db.query(`SELECT status, cancel_reason FROM appointment WHERE id = $1`, [booster.body.id]);
    expect(cancelled).toEqual({ status: 'cancelled', cancel_reason: 'Referral declined: New cardiac history' });
    expect(await resourceOf(booster.body.id)).toMatchObject({ status: 'cancelled' });
    const refused = await book(patientId, { kind: 'booster', start: at(addDays(monday, 29), '09:00') });
    expect([refused.status, refused.body.detail]).toEqual([422, expect.stringContaining('The referral is declined')]);
  });
});
