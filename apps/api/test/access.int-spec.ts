import { ROLES, type Role } from '@keta/domain';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { SignJWT } from 'jose';
import { ALL_CLEAR, LETTER_PDF } from './referral-fixtures';
import { servedRoutes } from './served-routes';
import { startTestApp, type TestApp } from './test-app';

/** The token key tests run with (the development default). */
const DEV_SECRET = 'keta-development-token-secret-never-for-production';

/** A user's role, or an EHR client holding every system scope the FHIR endpoint honours. */
type Caller = Role | 'ehr-client';
const CALLERS: Caller[] = [...ROLES, 'ehr-client'];

/** Who may call each route. A route missing here fails the test: every new route states its access. */
const ACCESS: Record<string, 'public' | Caller[]> = {
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  ...Object.fromEntries(['/docs', '/docs/', '/docs/index.html', '/docs/LICENSE', '/docs/docs/swagger-ui-init.js', '/docs/swagger-ui-init.js', '/docs-json', '/docs-yaml'].map((path) => [`GET ${path}`, 'public'])),
  'POST /auth/sign-in': 'public',
  'GET /auth/me': [...ROLES],
  'GET /users': ['admin'],
  'POST /users': ['admin'],
  'GET /users/:id': ['admin'],
  'PATCH /users/:id': ['admin'],
  'GET /clinic-settings': ['admin', 'clinician', 'front-desk'],
  'PUT /clinic-settings': ['admin'],
  'GET /clinic-settings/policy': ['admin', 'clinician'],
  'GET /clinic-settings/fee-schedule': ['admin', 'clinician', 'front-desk'],
  'PUT /clinic-settings/fee-schedule': ['admin'],
  'GET /audit-events': ['admin'],
  'POST /referrals': ['referrer', 'clinician', 'front-desk'],
  'GET /referrals': ['clinician', 'referrer'],
  'GET /referrals/:id': ['clinician', 'referrer'],
  'POST /referrals/:id/information-requests': ['clinician'],
  'POST /referrals/:id/decision': ['clinician'],
  'POST /referrals/:id/answers': ['referrer'],
  'POST /referrals/:id/closing-summary': ['clinician'],
  'PUT /referrals/:id/letter': ['referrer', 'clinician', 'front-desk'],
  'GET /referrals/:id/letter': ['clinician', 'referrer'],
  'GET /ehr-connections': ['admin', 'ops'],
  'POST /ehr-connections': ['admin'],
  'GET /ehr-connections/:id': ['admin', 'ops'],
  'PATCH /ehr-connections/:id': ['admin'],
  'POST /ehr-connections/:id/signing-key': ['admin'],
  'POST /ehr-connections/:id/next-signing-key': ['admin'],
  'POST /ehr-connections/:id/next-signing-key/activate': ['admin'],
  'GET /.well-known/jwks.json': 'public',
  'GET /ehr-clients': ['admin', 'ops'],
  'POST /ehr-clients': ['admin'],
  'GET /ehr-clients/:id': ['admin', 'ops'],
  'PATCH /ehr-clients/:id': ['admin'],
  'POST /oauth2/token': 'public',
  'GET /.well-known/smart-configuration': 'public',
  'POST /patients/:patientId/consents': ['clinician', 'front-desk'],
  'POST /appointments/:id/check-in': ['clinician', 'front-desk'],
  'GET /encounters/:id': ['clinician'],
  'GET /patients/:patientId/encounters': ['clinician'],
  'POST /encounters/:id/infusion': ['clinician'],
  'POST /encounters/:id/infusion/rate': ['clinician'],
  'POST /encounters/:id/infusion/end': ['clinician'],
  'POST /encounters/:id/vitals': ['clinician'],
  'POST /encounters/:id/adverse-effects': ['clinician'],
  'POST /encounters/:id/discharge': ['clinician'],
  'POST /encounters/:id/not-infused': ['clinician'],
  'GET /encounters/:id/superbill': ['clinician', 'front-desk'],
  'GET /series/:id/superbill': ['clinician', 'front-desk'],
  'GET /patients/:patientId/consents': ['clinician', 'front-desk'],
  'POST /consent-forms': ['admin'],
  'GET /consent-forms': ['admin', 'clinician', 'front-desk'],
  'GET /consent-forms/:id': ['admin', 'clinician', 'front-desk'],
  'GET /patients/:id': ['clinician', 'front-desk'],
  'PATCH /patients/:id/contact': ['clinician', 'front-desk'],
  'GET /patients/:patientId/medications': ['clinician'],
  'POST /patients/:patientId/medications': ['clinician'],
  'PATCH /patients/:patientId/medications/:id': ['clinician'],
  'POST /patients/:patientId/medications/:id/stop': ['clinician'],
  'POST /patients/:patientId/questionnaires': ['clinician'],
  'GET /patients/:patientId/outcomes': ['clinician'],
  'GET /outcomes/response-rate': ['clinician', 'admin'],
  'POST /consents/:id/revoke': ['clinician', 'front-desk'],
  'PUT /consents/:id/document': ['clinician', 'front-desk'],
  'POST /patients/:patientId/series': ['clinician'],
  'GET /patients/:patientId/series': ['clinician', 'front-desk'],
  'GET /series/:id': ['clinician', 'front-desk'],
  'POST /series/:id/cancel': ['clinician'],
  'POST /patients/:patientId/appointments': ['clinician', 'front-desk'],
  'GET /patients/:patientId/appointments': ['clinician', 'front-desk'],
  'GET /appointments': ['clinician', 'front-desk'],
  'GET /appointments/:id': ['clinician', 'front-desk'],
  'PATCH /appointments/:id': ['clinician', 'front-desk'],
  'POST /appointments/:id/cancel': ['clinician', 'front-desk'],
  'POST /appointments/:id/no-show': ['clinician', 'front-desk'],
  'POST /appointments/:id/held': ['clinician', 'front-desk'],
  'GET /sync/dead-letters': ['admin', 'ops'],
  ...Object.fromEntries([
    'GET /ops/connections', 'GET /ops/connections/:id/failures', 'GET /ops/sync-records', 'POST /ops/connections/:id/jobs/retry-failed',
    'POST /ops/connections/:id/jobs/:jobId/retry', 'POST /ops/connections/:id/dead-letters/replay', 'POST /ops/connections/:id/pause',
    'POST /ops/connections/:id/resume', 'POST /ops/connections/:id/resync', 'POST /ops/connections/:id/reconcile', 'POST /ops/queues/ticket',
  ].map((route) => [route, ['admin', 'ops']])),
  'POST /sync/dead-letters/replay': ['admin', 'ops'],
  'GET /metrics': ['admin', 'ops'],
  'GET /fhir/R4/.well-known/smart-configuration': 'public',
  'GET /fhir/R4/metadata': 'public',
  'POST /fhir/R4': ['clinician', 'ehr-client'],
  'GET /fhir/R4/Binary/:id': ['clinician', 'ehr-client'],
  ...Object.fromEntries(
    ['Condition', 'Consent', 'DetectedIssue', 'DocumentReference', 'Encounter', 'MedicationAdministration', 'MedicationStatement', 'Observation', 'QuestionnaireResponse']
      .flatMap((type) => [[`GET /fhir/R4/${type}`, ['clinician', 'ehr-client']], [`GET /fhir/R4/${type}/:id`, ['clinician', 'ehr-client']]]),
  ),
  'GET /fhir/R4/Patient': ['clinician', 'front-desk', 'ehr-client'],
  'GET /fhir/R4/Patient/:id': ['clinician', 'front-desk', 'ehr-client'],
  'GET /fhir/R4/ServiceRequest': ['clinician', 'ehr-client'],
  'GET /fhir/R4/ServiceRequest/:id': ['clinician', 'ehr-client'],
  'GET /fhir/R4/Task': ['clinician', 'ehr-client'],
  'GET /fhir/R4/Task/:id': ['clinician', 'ehr-client'],
};

/** The error code of a problem+json body, or of an OperationOutcome (the FHIR routes) by its issue type. */
function errorCode(body: { code?: string; resourceType?: string; issue?: Array<{ code: string }> }): string | undefined {
  if (body.resourceType !== 'OperationOutcome') return body.code;
  return ({ login: 'unauthenticated', forbidden: 'forbidden' } as Record<string, string>)[body.issue?.[0]?.code ?? ''];
}

function call(t: TestApp, route: string, token?: string) {
  const [method, path] = route.split(' ') as [string, string];
  const req = request(t.http)[method.toLowerCase() as 'get'](path.replace(':id', randomUUID()));
  return token ? req.set('authorization', `Bearer ${token}`) : req;
}

describe('access control', () => {
  let t: TestApp;
  const tokens = {} as Record<Caller, string>;

  beforeAll(async () => {
    t = await startTestApp('access');
    for (const role of ROLES) tokens[role] = (await t.signedIn(role)).token;
    tokens['ehr-client'] = (await t.clientSignedIn(['system/*.crs'])).token;
  });
  afterAll(() => t.close());

  it('covers exactly the routes the application serves', () => {
    expect(servedRoutes(t).sort()).toEqual(Object.keys(ACCESS).sort());
  });

  it('answers 404, not 401, to a path that is no route', async () => {
    expect((await request(t.http).delete('/users')).status).toBe(404);
  });

  const protectedRoutes = Object.entries(ACCESS).filter(([, access]) => access !== 'public') as Array<[string, Caller[]]>;

  it.each(protectedRoutes)('%s answers 401 without a valid token', async (route) => {
    const missing = await call(t, route);
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    expect(errorCode(missing.body)).toBe('unauthenticated');
    expect((await call(t, route, 'not-a-token')).status).toBe(401);
  });

  it.each(protectedRoutes)('%s answers 403 to every role (and EHR client) not allowed and lets the allowed ones through', async (route, allowed) => {
    for (const role of CALLERS) {
      const res = await call(t, route, tokens[role]);
      if (allowed.includes(role)) expect({ role, status: res.status }).not.toMatchObject({ status: 403 });
      else expect({ role, status: res.status, code: errorCode(res.body) }).toEqual({ role, status: 403, code: 'forbidden' });
      expect(res.status).not.toBe(401);
    }
  });

  it.each(protectedRoutes)('%s answers 401 to a token that has expired', async (route) => {
    const { user } = await t.signedIn('admin');
    const expired = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject(user.id).setIssuer('keta').setAudience('keta-api')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 1000).setExpirationTime(Math.floor(Date.now() / 1000) - 1).sign(new TextEncoder().encode(DEV_SECRET));
    const res = await call(t, route, expired);
    expect([res.status, errorCode(res.body)]).toEqual([401, 'unauthenticated']);
  });

  it('gives another referrer nothing of a referral: every route, with its ids, answers without its patient', async () => {
    const owner = (await t.signedIn('referrer')).token;
    const patient = { name: { given: ['Zephyrine'], family: 'Quillfeather' }, birthDate: '1971-03-14', sex: 'female', identifiers: [{ system: 'http://hospital.example/mrn', value: 'MRN-LEAK-7741' }] };
    const created = await request(t.http).post('/referrals').set('authorization', `Bearer ${owner}`)
      .send({ patient, referrer: { name: 'Dr Lee', npi: '1234567893' }, indication: { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F33.1' }, reason: 'Quillfeather note', attestations: ALL_CLEAR });
    expect(created.status).toBe(201);
    await request(t.http).put(`/referrals/${created.body.id}/letter`).set('authorization', `Bearer ${owner}`).set('content-type', 'application/pdf').send(LETTER_PDF);
    const [{ patient_id: patientId }] = await t.db.query(`SELECT patient_id FROM referral WHERE id = $1`, [created.body.id]);
    const other = (await t.signedIn('referrer')).token;
    for (const route of Object.keys(ACCESS)) {
      const [method, path] = route.split(' ') as [string, string];
      const url = path.replace(/:patientId/g, patientId).replace(/:id/g, created.body.id);
      const req = request(t.http)[method.toLowerCase() as 'get'](url).set('authorization', `Bearer ${other}`).set('if-match', 'W/"1"');
      // A body each referral route takes, so that what answers is the lookup, not the validation.
      const res = route === 'PUT /referrals/:id/letter' ? await req.set('content-type', 'application/pdf').send(LETTER_PDF) : await req.send({ answer: 'Yes' });
      const text = `${JSON.stringify(res.headers)}${res.text ?? ''}`;
      for (const phi of ['Zephyrine', 'Quillfeather', '1971-03-14', 'MRN-LEAK-7741']) expect({ route, leaks: text.includes(phi) }).toEqual({ route, leaks: false });
      if (path.startsWith('/referrals/:id')) expect({ route, status: res.status }).toEqual({ route, status: ACCESS[route]!.includes('referrer') ? 404 : 403 });
    }
    expect((await request(t.http).get(`/referrals/${created.body.id}`).set('authorization', `Bearer ${owner}`)).body.patient.demographics.name.family).toBe('Quillfeather');
  });

  it.each(Object.entries(ACCESS).filter(([, a]) => a === 'public'))('%s is reachable without a token', async (route) => {
    expect([401, 403]).not.toContain((await call(t, route)).status);
  });

  it('refuses an expired token, a token signed with another key, and the token of a disabled user', async () => {
    const { user, token } = await t.signedIn('clinician');
    const secret = new TextEncoder().encode(DEV_SECRET);
    const sign = (key: Uint8Array, exp: number) =>
      new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject(user.id)
        .setIssuer('keta').setAudience('keta-api').setIssuedAt().setExpirationTime(exp).sign(key);
    const expired = await sign(secret, Math.floor(Date.now() / 1000) - 10);
    const forged = await sign(new TextEncoder().encode('x'.repeat(48)), Math.floor(Date.now() / 1000) + 60);
    expect((await call(t, 'GET /auth/me', expired)).status).toBe(401);
    expect((await call(t, 'GET /auth/me', forged)).status).toBe(401);
    expect((await call(t, 'GET /auth/me', token)).status).toBe(200);
    await t.db.query('UPDATE app_user SET disabled = true WHERE id = $1', [user.id]);
    expect((await call(t, 'GET /auth/me', token)).status).toBe(401);
  });

  it('uses the role in the database, not the one in the token', async () => {
    const { user, token } = await t.signedIn('admin');
    expect((await call(t, 'GET /users', token)).status).toBe(200);
    await t.db.query(`UPDATE app_user SET role = 'ops' WHERE id = $1`, [user.id]);
    expect((await call(t, 'GET /users', token)).status).toBe(403);
  });
});
