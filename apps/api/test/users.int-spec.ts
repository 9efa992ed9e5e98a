import { validateResource } from '@medplum/core';
import type { AuditEvent, Bundle } from '@medplum/fhirtypes';
import request from 'supertest';
import { indexFhirDefinitions } from './fhir-definitions';
import { patchAsRead } from './if-match-fixtures';
import { startTestApp, type TestApp } from './test-app';

describe('users and the audit trail', () => {
  let t: TestApp;
  let admin: { user: { id: string }; token: string };

  beforeAll(async () => {
    indexFhirDefinitions();
    t = await startTestApp('users');
    admin = await t.signedIn('admin');
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (path: string) => request(t.http).get(path).set('authorization', `Bearer ${token}`),
    post: (path: string, body: object) => request(t.http).post(path).set('authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object, ifMatch?: string) => {
      const req = request(t.http).patch(path).set('authorization', `Bearer ${token}`);
      return (ifMatch ? req.set('if-match', ifMatch) : req).send(body);
    },
    put: (path: string, body: object, ifMatch?: string) => {
      const req = request(t.http).put(path).set('authorization', `Bearer ${token}`);
      return (ifMatch ? req.set('if-match', ifMatch) : req).send(body);
    },
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

  it('changes a user from the version read: none is 428, a stale one 412 and nothing changes, the current one 200 with the next ETag', async () => {
    const { user } = await t.signedIn('front-desk');
    const read = await as(admin.token).get(`/users/${user.id}`);
    expect([read.headers.etag, read.body.version]).toEqual(['W/"1"', 1]);
    expect((await as(admin.token).patch(`/users/${user.id}`, { role: 'clinician' })).status).toBe(428);
    expect((await as(admin.token).patch(`/users/${user.id}`, { role: 'clinician' }, 'W/"7"')).status).toBe(412);
    expect((await as(admin.token).get(`/users/${user.id}`)).body).toEqual(read.body);
    const changed = await as(admin.token).patch(`/users/${user.id}`, { role: 'clinician' }, read.headers.etag as string);
    expect([changed.status, changed.body.role, changed.body.version, changed.headers.etag]).toEqual([200, 'clinician', 2, 'W/"2"']);
    expect((await as(admin.token).patch(`/users/${user.id}`, { disabled: true }, read.headers.etag as string)).status).toBe(412);
  });

  it('commits each change of a user with its audit row, in one transaction', async () => {
    const created = await as(admin.token).post('/users', { email: 'front@clinic.example', displayName: 'Front', role: 'front-desk', password: 'front desk passphrase' });
    expect([created.status, created.headers.etag]).toEqual([201, 'W/"1"']);
    const id = created.body.id as string;
    const txOfUser = async () => ((await t.db.query(`SELECT xmin::text AS tx FROM app_user WHERE id = $1`, [id])) as Array<{ tx: string }>)[0]!.tx;
    const createdTx = await txOfUser();
    expect((await patchAsRead(t, admin.token, `/users/${id}`, { displayName: 'Front Desk' })).status).toBe(200);
    const audit = await t.db.query(`SELECT action, xmin::text AS tx FROM audit_event WHERE resource_type = 'user' AND resource_id = $1 AND outcome = 'success' AND action <> 'read' ORDER BY id`, [id]);
    expect(audit).toEqual([{ action: 'create', tx: createdTx }, { action: 'update', tx: await txOfUser() }]);
  });

  it('never leaves the clinic without an active admin', async () => {
    const res = await patchAsRead(t, admin.token, `/users/${admin.user.id}`, { role: 'ops' });
    expect(res.status).toBe(409);
    const other = await t.signedIn('admin');
    expect((await patchAsRead(t, other.token, `/users/${admin.user.id}`, { disabled: true })).status).toBe(200);
    expect((await patchAsRead(t, other.token, `/users/${other.user.id}`, { disabled: true })).status).toBe(409);
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

    // The same rows exported as FHIR AuditEvents, by query or by Accept, valid R4.
    const exported = await as(reader.token).get(`/audit-events?resourceType=user&resourceId=${subject.id}&format=fhir`);
    expect([exported.status, exported.headers['content-type']]).toEqual([200, 'application/fhir+json; charset=utf-8']);
    const bundle = exported.body as Bundle<AuditEvent>;
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    expect(bundle.entry?.map((e) => [e.resource?.agent[0]?.who?.identifier?.value, e.resource?.action, e.resource?.outcome, e.resource?.outcomeDesc]))
      .toEqual([[clinician.user.id, 'R', '4', 'denied: forbidden'], [reader.user.id, 'R', '0', undefined]]);
    for (const entry of bundle.entry ?? []) expect(() => validateResource(entry.resource!)).not.toThrow();
    const accepted = await as(reader.token).get(`/audit-events?resourceType=user&resourceId=${subject.id}`).set('accept', 'application/fhir+json');
    expect(accepted.body.entry.map((e: { resource: AuditEvent }) => e.resource.id)).toEqual(bundle.entry?.map((e) => e.resource?.id));
    expect((await as(reader.token).get('/audit-events?format=xml')).body.errors).toEqual([{ field: 'format', message: expect.any(String) }]);
  });

  it('audits a failed write with its error code', async () => {
    const writer = await t.signedIn('admin');
    const res = await as(writer.token).patch('/users/00000000-0000-4000-8000-000000000000', { displayName: 'Nobody' }, 'W/"1"');
    expect(res.status).toBe(404);
    const [row] = await t.db.query(`SELECT outcome, error_code FROM audit_event WHERE resource_id = '00000000-0000-4000-8000-000000000000'`);
    expect(row).toEqual({ outcome: 'failed', error_code: 'not_found' });
  });

  it('cannot change or delete audit rows through the application\'s own connection', async () => {
    await expect(t.db.query(`UPDATE audit_event SET outcome = 'success'`)).rejects.toThrow('append-only');
    await expect(t.db.query(`DELETE FROM audit_event`)).rejects.toThrow('append-only');
  });

  it('stores and returns the clinic settings: the first without If-Match, each change after from the version read', async () => {
    const settings = { name: 'Harbor Ketamine', timeZone: 'America/Chicago', openingDays: ['mon', 'wed', 'fri'], chairs: 3, policyPreset: 'seed-001' };
    const clinician = await t.signedIn('clinician');
    expect((await as(clinician.token).get('/clinic-settings')).status).toBe(404);
    const other = await t.signedIn('admin');
    // There is no version to name before the first settings: an If-Match names one that never was.
    expect((await as(other.token).put('/clinic-settings', settings, 'W/"1"')).status).toBe(412);
    const first = await as(other.token).put('/clinic-settings', settings);
    expect([first.status, first.headers.etag]).toEqual([200, 'W/"1"']);
    const read = await as(clinician.token).get('/clinic-settings');
    expect([read.body, read.headers.etag]).toEqual([{ ...settings, policyAdjustments: {}, closures: [] }, 'W/"1"']);

    const renamed = { ...settings, name: 'Harbor Ketamine Clinic' };
    expect((await as(other.token).put('/clinic-settings', renamed)).status).toBe(428);
    expect((await as(other.token).put('/clinic-settings', renamed, 'W/"5"')).status).toBe(412);
    expect((await as(clinician.token).get('/clinic-settings')).body.name).toBe('Harbor Ketamine');
    const changed = await as(other.token).put('/clinic-settings', renamed, 'W/"1"');
    expect([changed.status, changed.body.name, changed.headers.etag]).toEqual([200, 'Harbor Ketamine Clinic', 'W/"2"']);
    expect((await as(other.token).put('/clinic-settings', settings, 'W/"1"')).status).toBe(412);
  });
});
