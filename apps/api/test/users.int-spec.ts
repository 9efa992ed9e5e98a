import request from 'supertest';
import { startTestApp, type TestApp } from './test-app';

describe('users and the audit trail', () => {
  let t: TestApp;
  let admin: { user: { id: string }; token: string };

  beforeAll(async () => {
    t = await startTestApp('users');
    admin = await t.signedIn('admin');
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (path: string) => request(t.http).get(path).set('authorization', `Bearer ${token}`),
    post: (path: string, body: object) => request(t.http).post(path).set('authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) => request(t.http).patch(path).set('authorization', `Bearer ${token}`).send(body),
  });

  it('lets an admin create a user, who can then sign in; the same email twice is a 409', async () => {
    const body = { email: 'Dr.Reyes@Clinic.Example', displayName: 'Dr Reyes', role: 'clinician', password: 'reyes long passphrase' };
    const created = await as(admin.token).post('/users', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'dr.reyes@clinic.example', role: 'clinician', disabled: false });
    const again = await as(admin.token).post('/users', body);
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ field: 'email', message: 'is already in use' }]);
    const signIn = await request(t.http).post('/auth/sign-in').send({ email: body.email, password: body.password });
    expect(signIn.status).toBe(200);
  });

  it('never leaves the clinic without an active admin', async () => {
    const res = await as(admin.token).patch(`/users/${admin.user.id}`, { role: 'ops' });
    expect(res.status).toBe(409);
    const other = await t.signedIn('admin');
    expect((await as(other.token).patch(`/users/${admin.user.id}`, { disabled: true })).status).toBe(200);
    expect((await as(other.token).patch(`/users/${other.user.id}`, { disabled: true })).status).toBe(409);
  });

  it('records who read which record, from where, with what outcome, including denials', async () => {
    const reader = await t.signedIn('admin');
    const { user: subject } = await t.signedIn('referrer');
    const clinician = await t.signedIn('clinician');
    expect((await as(reader.token).get(`/users/${subject.id}`)).status).toBe(200);
    expect((await as(clinician.token).get(`/users/${subject.id}`)).status).toBe(403);
    const trail = await as(reader.token).get(`/audit-events?resourceType=user&resourceId=${subject.id}`);
    expect(trail.status).toBe(200);
    expect(trail.body).toEqual([
      expect.objectContaining({ actorUserId: clinician.user.id, actorRole: 'clinician', action: 'read', outcome: 'denied', errorCode: 'forbidden' }),
      expect.objectContaining({ actorUserId: reader.user.id, actorRole: 'admin', action: 'read', outcome: 'success', ip: expect.any(String), requestId: expect.any(String) }),
    ]);
  });

  it('audits a failed write with its error code', async () => {
    const writer = await t.signedIn('admin');
    const res = await as(writer.token).patch('/users/00000000-0000-4000-8000-000000000000', { displayName: 'Nobody' });
    expect(res.status).toBe(404);
    const [row] = await t.db.query(`SELECT outcome, error_code FROM audit_event WHERE resource_id = '00000000-0000-4000-8000-000000000000'`);
    expect(row).toEqual({ outcome: 'failed', error_code: 'not_found' });
  });

  it('cannot change or delete audit rows through the application\'s own connection', async () => {
    await expect(t.db.query(`UPDATE audit_event SET outcome = 'success'`)).rejects.toThrow('append-only');
    await expect(t.db.query(`DELETE FROM audit_event`)).rejects.toThrow('append-only');
  });

  it('stores and returns the clinic settings', async () => {
    const settings = { name: 'Harbor Ketamine', timeZone: 'America/Chicago', openingDays: ['mon', 'wed', 'fri'], chairs: 3, policyPreset: 'seed-001' };
    const clinician = await t.signedIn('clinician');
    expect((await as(clinician.token).get('/clinic-settings')).status).toBe(404);
    const other = await t.signedIn('admin');
    expect((await request(t.http).put('/clinic-settings').set('authorization', `Bearer ${other.token}`).send(settings)).status).toBe(200);
    expect((await as(clinician.token).get('/clinic-settings')).body).toEqual({ ...settings, policyAdjustments: {}, closures: [] });
  });
});
