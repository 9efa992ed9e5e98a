import { addDays } from '@keta/clinical-rules';
import request from 'supertest';
import { putSettingsAsRead } from './referral-fixtures';
import { acceptedReferral, at, clinicSettings, mondayAhead, putClinicSettings } from './scheduling-fixtures';
import { countRows, startTestApp, type TestApp } from './test-app';

describe('a chair is never double-booked', () => {
  let t: TestApp;
  let frontDesk: string;
  let clinician: string;
  let clinicianId: string;
  const monday = mondayAhead(2);

  beforeAll(async () => {
    t = await startTestApp('chair_booking');
    const admin = (await t.signedIn('admin')).token;
    frontDesk = (await t.signedIn('front-desk')).token;
    const c = await t.signedIn('clinician');
    clinicianId = c.user.id;
    clinician = c.token;
    await putClinicSettings(t, admin, { chairs: 2 });
  });
  afterAll(() => t.close());

  /** A patient of an accepted referral who finished a series 40 days ago, so a booster is due. */
  async function patientDueABooster(): Promise<string> {
    const accepted = await acceptedReferral(t, clinician);
    const referral = { id: accepted.referralId, patient_id: accepted.patientId };
    const [series] = (await t.db.query(
      `INSERT INTO series (patient_id, referral_id, kind, protocol, status, planned_by) VALUES ($1, $2, 'mood', 'condensed', 'completed', $3) RETURNING id`,
      [referral.patient_id, referral.id, clinicianId],
    )) as Array<{ id: string }>;
    await t.db.query(
      `INSERT INTO appointment (patient_id, kind, status, starts_at, ends_at, chair, series_id, session_number, referral_id)
       VALUES ($1, 'infusion', 'completed', now() - interval '40 days', now() - interval '40 days' + interval '90 minutes', 1, $2, 6, $3)`,
      [referral.patient_id, series!.id, referral.id],
    );
    return referral.patient_id;
  }

  it('lets exactly as many concurrent bookings of one slot win as there are chairs', async () => {
    const patients: string[] = [];
    for (let i = 0; i < 10; i++) patients.push(await patientDueABooster());
    const start = at(monday, '09:00');
    const answers = await Promise.all(patients.map((id) =>
      request(t.http).post(`/patients/${id}/appointments`).set('authorization', `Bearer ${frontDesk}`).send({ kind: 'booster', start })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, ...Array(8).fill(409)]);
    expect(answers.filter((a) => a.status === 201).map((a) => a.body.chair).sort()).toEqual([1, 2]);
    // Refused under the calendar lock, each by name, not by the database's constraint.
    for (const refused of answers.filter((a) => a.status === 409)) expect(refused.body.detail).toBe(`No chair is free on ${monday} at that time`);
    const [held] = (await t.db.query(`SELECT count(*)::int AS n FROM appointment WHERE kind = 'booster' AND status = 'booked'`)) as Array<{ n: number }>;
    expect(held?.n).toBe(2);
    // Half an hour later both chairs are still taken (a booster holds its chair for the 90-minute visit); after it, free.
    const [late] = patients.filter((_, i) => answers[i]!.status === 409);
    const overlapping = await request(t.http).post(`/patients/${late}/appointments`).set('authorization', `Bearer ${frontDesk}`).send({ kind: 'booster', start: at(monday, '09:30') });
    expect(overlapping.status).toBe(409);
    const after = await request(t.http).post(`/patients/${late}/appointments`).set('authorization', `Bearer ${frontDesk}`).send({ kind: 'booster', start: at(monday, '10:30') });
    expect(after.status).toBe(201);
  });

  it('plans concurrent series on the chairs there are: each whole, or none of it, never two visits on a chair at once', async () => {
    const start = addDays(monday, 35);
    const referrals = await Promise.all(Array.from({ length: 5 }, () => acceptedReferral(t, clinician)));
    const answers = await Promise.all(referrals.map(({ patientId, referralId }) => request(t.http).post(`/patients/${patientId}/series`)
      .set('authorization', `Bearer ${clinician}`).send({ referralId, kind: 'mood', startDate: start, startTime: '14:00' })));
    expect(answers.every((a) => a.status === 201 || a.status === 409)).toBe(true);
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThanOrEqual(2);
    for (const [i, answer] of answers.entries()) {
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM appointment WHERE patient_id = $1 AND status = 'booked'`, [referrals[i]!.patientId]);
      expect([answer.status, n]).toEqual([answer.status, answer.status === 201 ? 6 : 0]);
    }
    const clashes = await t.db.query(
      `SELECT a.id FROM appointment a JOIN appointment b ON a.chair = b.chair AND a.id < b.id AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
        WHERE a.status = 'booked' AND b.status = 'booked'`);
    expect(clashes).toEqual([]);
    const [{ most }] = await t.db.query(`SELECT max(chair) AS most FROM appointment WHERE status = 'booked'`);
    expect(most).toBeLessThanOrEqual(2);
  });

  it('refuses clinic settings that would leave a booked visit without its chair, its open day or on a closure', async () => {
    const day = addDays(monday, 21);
    const booked = [];
    for (const patient of [await patientDueABooster(), await patientDueABooster()]) {
      booked.push(await request(t.http).post(`/patients/${patient}/appointments`).set('authorization', `Bearer ${frontDesk}`).send({ kind: 'booster', start: at(day, '11:00') }));
    }
    expect(booked.map((b) => [b.status, b.body.chair])).toEqual([[201, 1], [201, 2]]);
    const admin = (await t.signedIn('admin')).token;
    const put = (overrides: object) => putSettingsAsRead(t, admin, clinicSettings({ chairs: 2, ...overrides }));
    const closed = await put({ closures: [day] });
    expect([closed.status, closed.body.detail]).toEqual([409, expect.stringContaining(`${day} (a closure)`)]);
    const shut = await put({ openingDays: ['tue', 'wed', 'thu', 'fri'] });
    expect([shut.status, shut.body.detail]).toEqual([409, expect.stringContaining(`${day} (not an opening day)`)]);
    const fewer = await put({ chairs: 1 });
    expect([fewer.status, fewer.body.detail]).toEqual([409, expect.stringMatching(new RegExp(`^\\d+ booked visit\\(s\\) would not fit these settings: .*${day} \\(chair 2\\).*; move or cancel them first$`))]);
    const [kept] = await t.db.query(`SELECT chairs, closures, opening_days FROM clinic_settings`);
    expect(kept).toEqual({ chairs: 2, closures: [], opening_days: ['mon', 'tue', 'wed', 'thu', 'fri'] });
  });

  it('refuses in the database a second booked visit on a chair at the same time', async () => {
    const patient = await patientDueABooster();
    const insert = (start: string) => t.db.query(
      `INSERT INTO appointment (patient_id, kind, status, starts_at, ends_at, chair) VALUES ($1, 'booster', 'booked', $2, $2::timestamptz + interval '90 minutes', 1)`,
      [patient, start],
    );
    const day = addDays(monday, 7);
    await insert(at(day, '09:00'));
    const before = await countRows(t.db, 'appointment');
    await expect(insert(at(day, '10:00'))).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '23P01' }) });
    await insert(at(day, '10:30'));
    expect(await countRows(t.db, 'appointment')).toBe(before + 1);
  });
});
