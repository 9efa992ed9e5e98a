import { validateResource } from '@medplum/core';
import { ROLES } from '@keta/domain';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { indexFhirDefinitions } from './fhir-definitions';
import { fhirGet, issuesOf } from './fhir-fixtures';
import { startTestApp, type TestApp } from './test-app';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** Every error under /fhir/ is an OperationOutcome, whichever layer raised it; REST keeps problem+json. */
describe('FHIR errors', () => {
  let t: TestApp;

  beforeAll(async () => {
    indexFhirDefinitions();
    t = await startTestApp('fhir_errors', { HTTP_BODY_LIMIT_BYTES: '4096' });
  });
  afterAll(() => t.close());

  function expectOutcome(res: request.Response, status: number, code: string) {
    expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status, type: FHIR_JSON });
    expect(issuesOf(res.body)).toEqual([expect.objectContaining({ severity: 'error', code })]);
    expect(() => validateResource(res.body)).not.toThrow();
  }

  it.each(['Patient', `Task/${randomUUID()}`, 'ServiceRequest?status=active'])('answers 401 as an OperationOutcome to GET %s without a valid token', async (path) => {
    for (const token of [undefined, 'not-a-token']) {
      const res = await fhirGet(t, path, token);
      expectOutcome(res, 401, 'login');
      expect(res.headers['www-authenticate']).toBe('Bearer');
    }
  });

  it('answers 401 as an OperationOutcome on a path of another case, which Express routes here too', async () => {
    expectOutcome(await request(t.http).get('/FHIR/R4/Patient'), 401, 'login');
  });

  it('answers 403 as an OperationOutcome to every role but clinician, and records the denial', async () => {
    for (const role of ROLES.filter((r) => r !== 'clinician')) {
      const { token } = await t.signedIn(role);
      const id = randomUUID();
      expectOutcome(await fhirGet(t, `Condition/${id}`, token), 403, 'forbidden');
      const [row] = await t.db.query(`SELECT resource_type, action, outcome, actor_role FROM audit_event WHERE resource_id = $1`, [id]);
      expect(row).toEqual({ resource_type: 'fhir:Condition', action: 'read', outcome: 'denied', actor_role: role });
    }
  });

  it('lets the front desk read demographics (Patient) and nothing clinical', async () => {
    const { token } = await t.signedIn('front-desk');
    expectOutcome(await fhirGet(t, `Patient/${randomUUID()}`, token), 404, 'not-found');
    expect((await fhirGet(t, 'Patient?_count=1', token)).status).toBe(200);
    expectOutcome(await fhirGet(t, 'ServiceRequest', token), 403, 'forbidden');
  });

  it('answers a malformed JSON body with a 400 OperationOutcome, not problem+json, without echoing it', async () => {
    const res = await request(t.http).post('/fhir/R4').set('content-type', 'application/fhir+json').send('{"resourceType": "Bundle", "id": Jane Doe}');
    expectOutcome(res, 400, 'structure');
    expect(JSON.stringify(res.body)).not.toContain('Jane');
  });

  it('answers a body that is not JSON with a 415 OperationOutcome', async () => {
    expectOutcome(await request(t.http).post('/fhir/R4').set('content-type', 'text/plain').send('hello'), 415, 'not-supported');
  });

  it('answers a body over the limit with a 413 OperationOutcome', async () => {
    const body = JSON.stringify({ resourceType: 'Bundle', type: 'batch', id: 'x'.repeat(5000) });
    expectOutcome(await request(t.http).post('/fhir/R4').set('content-type', 'application/fhir+json').send(body), 413, 'too-costly');
  });

  it('answers an interaction it does not offer with a 404 OperationOutcome', async () => {
    const { token } = await t.signedIn('clinician');
    expectOutcome(await request(t.http).put('/fhir/R4').set('authorization', `Bearer ${token}`).set('content-type', 'application/fhir+json').send({ resourceType: 'Bundle', type: 'batch' }), 404, 'not-found');
    expectOutcome(await request(t.http).delete(`/fhir/R4/Patient/${randomUUID()}`).set('authorization', `Bearer ${token}`), 404, 'not-found');
  });

  it('answers our own failure with a 500 OperationOutcome that gives no detail', async () => {
    const { token } = await t.signedIn('clinician');
    await t.db.query(`ALTER TABLE fhir_resource RENAME TO fhir_resource_away`);
    try {
      const res = await fhirGet(t, 'Task?status=received', token);
      expectOutcome(res, 500, 'exception');
      expect(issuesOf(res.body)[0]!.diagnostics).toBe('Internal error');
    } finally {
      await t.db.query(`ALTER TABLE fhir_resource_away RENAME TO fhir_resource`);
    }
    expect((await fhirGet(t, 'Task', token)).status).toBe(200);
  });

  it('leaves the REST routes on problem+json', async () => {
    const res = await request(t.http).post('/users').set('content-type', 'application/json').send('{"email": Jane}');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await request(t.http).get(`/referrals/${randomUUID()}`)).headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
