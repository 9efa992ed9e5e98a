import request from 'supertest';
import { referralBody } from './referral-fixtures';
import { countRows, startTestApp, type TestApp } from './test-app';

const PORTAL = 'https://portal.clinic.example';

/** The HTTP edge a browser meets: security headers, CORS for the listed origins only, and the intake limit. */
describe('HTTP hardening', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('hardening', { CORS_ORIGINS: `${PORTAL}, http://localhost:5173`, INTAKE_MAX_PER_MINUTE: '3', PUBLIC_URL: 'https://keta.clinic.example' });
  });
  afterAll(() => t.close());

  describe('security headers', () => {
    it.each([
      ['an answer', (r: request.Agent) => r.get('/health/live'), 200],
      ['a refusal', (r: request.Agent) => r.get('/referrals'), 401],
      ['a FHIR answer', (r: request.Agent) => r.get('/fhir/R4/metadata'), 200],
    ])('are on %s: nothing may run, frame or cache it', async (_, send, status) => {
      const res = await send(request.agent(t.http));
      expect(res.status).toBe(status);
      expect(res.headers).toMatchObject({
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY', 'cache-control': 'no-store',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
      });
    });

    it('let the API docs page load its own scripts, and nothing from elsewhere', async () => {
      const res = await request(t.http).get('/docs/');
      expect(res.status).toBe(200);
      expect(res.headers['content-security-policy']).toMatch(/^default-src 'self'; script-src 'self';/);
    });

    it('leave HSTS off while the API is not public over https', async () => {
      const plain = await startTestApp('hardening_http');
      try {
        expect((await request(plain.http).get('/health/live')).headers['strict-transport-security']).toBeUndefined();
      } finally {
        await plain.close();
      }
    });
  });

  describe('CORS', () => {
    it('answers a preflight from a listed origin with what it may send, and no credentials', async () => {
      const res = await request(t.http).options('/referrals').set('origin', PORTAL).set('access-control-request-method', 'POST').set('access-control-request-headers', 'authorization, content-type');
      expect(res.status).toBe(204);
      expect(res.headers).toMatchObject({ 'access-control-allow-origin': PORTAL, 'access-control-allow-methods': expect.stringContaining('POST'), vary: expect.stringContaining('Origin') });
      expect(res.headers['access-control-allow-headers']).toMatch(/authorization.*if-match/);
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    });

    it('lets a listed origin read answers and their ETag', async () => {
      const res = await request(t.http).get('/health/live').set('origin', PORTAL);
      expect(res.headers['access-control-allow-origin']).toBe(PORTAL);
      expect(res.headers['access-control-expose-headers']).toContain('ETag');
    });

    it('refuses a preflight from any other origin, saying why, and gives it no CORS header on a plain request', async () => {
      const refused = await request(t.http).options('/referrals').set('origin', 'https://evil.example').set('access-control-request-method', 'POST');
      expect([refused.status, refused.body.code, refused.body.detail]).toEqual([403, 'forbidden', 'The origin "https://evil.example" may not call this API from a browser']);
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
      const plain = await request(t.http).get('/health/live').set('origin', `${PORTAL}.evil.example`);
      expect(plain.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('intake limit', () => {
    /** A limit counts in minute windows: start a run well inside one, so that it cannot straddle two. */
    async function insideAMinute(): Promise<void> {
      const second = new Date().getUTCSeconds();
      if (second > 45) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));
    }

    it('refuses a referrer past their referrals for the minute with 429 and Retry-After, audited; nothing is kept; others go on', async () => {
      const [first, second] = [(await t.signedIn('referrer')).token, (await t.signedIn('referrer')).token];
      await insideAMinute();
      const send = (token: string) => request(t.http).post('/referrals').set('authorization', `Bearer ${token}`).send(referralBody());
      for (let i = 0; i < 3; i += 1) expect((await send(first)).status).toBe(201);
      const before = await countRows(t.db, 'referral');
      const limited = await send(first);
      expect([limited.status, limited.body.code]).toEqual([429, 'rate_limited']);
      expect(limited.body.detail).toMatch(/^Too many referrals sent in a minute \(the limit is 3\); try again in \d+ s$/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(await countRows(t.db, 'referral')).toBe(before);
      const [audit] = await t.db.query(`SELECT action, outcome, error_code FROM audit_event WHERE resource_type = 'referral' ORDER BY id DESC LIMIT 1`);
      expect(audit).toEqual({ action: 'create', outcome: 'denied', error_code: 'rate_limited' });
      expect((await send(second)).status).toBe(201);
    });

    it('holds for an EHR client posting Bundles too, answered as an OperationOutcome', async () => {
      const { token } = await t.clientSignedIn(['system/ServiceRequest.c']);
      await insideAMinute();
      const post = () => request(t.http).post('/fhir/R4').set('authorization', `Bearer ${token}`).set('content-type', 'application/fhir+json').send({ resourceType: 'Bundle', type: 'transaction', entry: [] });
      for (let i = 0; i < 3; i += 1) expect((await post()).status).not.toBe(429);
      const limited = await post();
      expect([limited.status, limited.body.resourceType, limited.headers['retry-after']]).toEqual([429, 'OperationOutcome', expect.stringMatching(/^\d+$/)]);
    });
  });
});
