import request from 'supertest';
import { startTestApp, type TestApp } from './test-app';

describe('sign-in', () => {
  let t: TestApp;
  let email: string;
  const password = 'the clinic front door';

  beforeAll(async () => {
    t = await startTestApp('sign_in', { SIGN_IN_MAX_ATTEMPTS: '3', SIGN_IN_WINDOW_SECONDS: '600' });
    email = (await t.signedIn('clinician', password)).user.email;
  });
  afterAll(() => t.close());

  const signIn = (body: object) => request(t.http).post('/auth/sign-in').send(body);

  it('returns a short-lived bearer token that opens the API', async () => {
    const res = await signIn({ email: email.toUpperCase(), password });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const me = await request(t.http).get('/auth/me').set('authorization', `Bearer ${res.body.accessToken}`);
    expect(me.body).toMatchObject({ email, role: 'clinician' });
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('says the same thing for an unknown email and a wrong password', async () => {
    const unknown = await signIn({ email: 'nobody@clinic.example', password });
    const wrong = await signIn({ email, password: 'not the password' });
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it('limits failed attempts per account with 429 and Retry-After, and audits each one', async () => {
    const { user } = await t.signedIn('front-desk', password);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await signIn({ email: user.email, password: 'guess' })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await signIn({ email: user.email, password });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const outcomes = await t.db.query(
      `SELECT outcome, error_code FROM audit_event WHERE action = 'sign-in' AND actor_user_id = $1 ORDER BY id`, [user.id]);
    expect(outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(['denied', 'denied', 'denied', 'denied', 'denied']);
    expect(outcomes.at(-1)).toEqual({ outcome: 'denied', error_code: 'rate_limited' });
  });

  it('does not count successful sign-ins against the limit', async () => {
    const { user } = await t.signedIn('ops', password);
    for (let i = 0; i < 5; i++) expect((await signIn({ email: user.email, password })).status).toBe(200);
  });
});
