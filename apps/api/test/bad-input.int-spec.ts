import request from 'supertest';
import { countRows, startTestApp, type TestApp } from './test-app';

describe('bad input', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp('bad_input', { HTTP_BODY_LIMIT_BYTES: '4096' });
    admin = (await t.signedIn('admin')).token;
  });
  afterAll(() => t.close());

  const validUser = { email: 'nurse@clinic.example', displayName: 'Nurse', role: 'clinician', password: 'a long enough passphrase' };

  async function postUser(body: string | object, type = 'application/json') {
    const before = await countRows(t.db, 'app_user');
    const res = await request(t.http).post('/users').set('authorization', `Bearer ${admin}`).set('content-type', type)
      .send(typeof body === 'string' ? body : JSON.stringify(body));
    expect(await countRows(t.db, 'app_user')).toBe(before);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    return res;
  }

  it('answers 400 to malformed JSON without echoing the body', async () => {
    const res = await postUser('{"email": "nurse@clinic.example", "displayName": Jane Doe}');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'malformed_request', detail: 'The body is not valid JSON' });
    expect(JSON.stringify(res.body)).not.toContain('Jane');
  });

  it('names every missing field', async () => {
    const res = await postUser({ email: 'nurse@clinic.example' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['displayName', 'role', 'password']);
    expect(res.body.detail).toContain('displayName:');
  });

  it.each([
    [{ ...validUser, role: 'surgeon' }, 'role'],
    [{ ...validUser, email: 42 }, 'email'],
    [{ ...validUser, password: 'short' }, 'password'],
    [{ ...validUser, isSuperuser: true }, 'isSuperuser'],
    [[validUser], 'body'],
  ])('names the wrongly typed field of %j', async (body, field) => {
    const res = await postUser(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });

  it('answers 413 to a body over the configured limit', async () => {
    const res = await postUser({ ...validUser, displayName: 'x'.repeat(5000) });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'payload_too_large', detail: 'The body is larger than the limit of 4096 bytes' });
  });

  it('answers 415 to a body that is not JSON', async () => {
    const res = await postUser('email=nurse@clinic.example', 'application/x-www-form-urlencoded');
    expect(res.status).toBe(415);
  });

  it('does not echo a query string in a 404 (identifiers travel there)', async () => {
    const res = await request(t.http).get('/nowhere?mrn=MRN-777&name=Jane').set('authorization', `Bearer ${admin}`);
    expect(res.status).toBe(404);
    expect(res.body.detail).toBe('Cannot GET /nowhere');
    expect(JSON.stringify(res.body)).not.toMatch(/MRN-777|Jane/);
  });

  it('answers 400, not 500, to an id that is not a UUID', async () => {
    const res = await request(t.http).get('/users/42').set('authorization', `Bearer ${admin}`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
  });

  it('writes nothing when clinic settings are invalid', async () => {
    const res = await request(t.http).put('/clinic-settings').set('authorization', `Bearer ${admin}`)
      .send({ name: 'Harbor', timeZone: 'Nowhere/Land', openingDays: ['mon'], chairs: '4', policyPreset: 'seed-003' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['timeZone', 'chairs']);
    expect(await countRows(t.db, 'clinic_settings')).toBe(0);
  });

  it('refuses connection settings that would break the sync, naming them, and changes nothing', async () => {
    const created = await request(t.http).post('/ehr-connections').set('authorization', `Bearer ${admin}`)
      .send({ name: 'EHR', baseUrl: 'https://ehr.example/fhir/R4', kind: 'clinic-ehr' });
    expect(created.body).toMatchObject({ resourceTypes: null, paused: false, rateLimitPerMinute: null, concurrency: null });
    const res = await request(t.http).patch(`/ehr-connections/${created.body.id}`).set('authorization', `Bearer ${admin}`)
      .send({ resourceTypes: ['Task', 'Claim'], rateLimitPerMinute: 0, concurrency: 1000 });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['concurrency', 'rateLimitPerMinute', 'resourceTypes.1']);
    const withoutPatient = await request(t.http).patch(`/ehr-connections/${created.body.id}`).set('authorization', `Bearer ${admin}`).send({ resourceTypes: ['Task'] });
    expect(withoutPatient.body.errors).toEqual([{ field: 'resourceTypes', message: 'must include Patient: every record refers to it' }]);
    expect((await request(t.http).get(`/ehr-connections/${created.body.id}`).set('authorization', `Bearer ${admin}`)).body.resourceTypes).toBeNull();
  });
});
