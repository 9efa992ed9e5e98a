import request from 'supertest';
import { startTestApp, type TestApp } from './test-app';

/** The EHRs Keta syncs to, as admins manage them: each change from the version read, each with its audit row. */
describe('EHR connections (/ehr-connections)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp('ehr_connections');
    admin = (await t.signedIn('admin')).token;
  });
  afterAll(() => t.close());

  const create = () => request(t.http).post('/ehr-connections').set('authorization', `Bearer ${admin}`).send({ name: 'Harbor EHR', baseUrl: 'https://ehr.harbor.example/fhir/R4', kind: 'clinic-ehr' });
  const get = (id: string) => request(t.http).get(`/ehr-connections/${id}`).set('authorization', `Bearer ${admin}`);
  const patch = (id: string, body: object, ifMatch?: string) => {
    const req = request(t.http).patch(`/ehr-connections/${id}`).set('authorization', `Bearer ${admin}`);
    return (ifMatch ? req.set('if-match', ifMatch) : req).send(body);
  };

  it('changes a connection from the version read: none is 428, a stale one 412 and nothing changes, the current one 200 with the next ETag', async () => {
    const created = await create();
    expect([created.status, created.body.version, created.headers.etag]).toEqual([201, 1, 'W/"1"']);
    const id = created.body.id as string;
    const read = await get(id);
    expect([read.body, read.headers.etag]).toEqual([created.body, 'W/"1"']);
    expect((await patch(id, { paused: true })).status).toBe(428);
    expect((await patch(id, { paused: true }, 'W/"2"')).status).toBe(412);
    expect((await get(id)).body).toEqual(created.body);
    const changed = await patch(id, { paused: true }, read.headers.etag as string);
    expect([changed.status, changed.body.paused, changed.body.version, changed.headers.etag]).toEqual([200, true, 2, 'W/"2"']);
    expect((await patch(id, { paused: false }, read.headers.etag as string)).status).toBe(412);
    expect((await patch('00000000-0000-4000-8000-000000000000', { paused: false }, 'W/"1"')).status).toBe(404);
  });

  it('commits creation and each change with its audit row, in one transaction; a refused change leaves only its refusal', async () => {
    const created = await create();
    const id = created.body.id as string;
    const txOfConnection = async () => ((await t.db.query(`SELECT xmin::text AS tx FROM ehr_connection WHERE id = $1`, [id])) as Array<{ tx: string }>)[0]!.tx;
    const createdTx = await txOfConnection();
    expect((await patch(id, { rateLimitPerMinute: 60 }, created.headers.etag as string)).status).toBe(200);
    expect((await patch(id, { rateLimitPerMinute: 30 }, created.headers.etag as string)).status).toBe(412);
    const audit = await t.db.query(`SELECT action, outcome, error_code, xmin::text AS tx FROM audit_event WHERE resource_type = 'ehr-connection' AND resource_id = $1 ORDER BY id`, [id]);
    const changedTx = await txOfConnection();
    expect(audit).toEqual([
      { action: 'create', outcome: 'success', error_code: null, tx: createdTx },
      { action: 'update', outcome: 'success', error_code: null, tx: changedTx },
      { action: 'update', outcome: 'failed', error_code: 'precondition_failed', tx: expect.not.stringMatching(`^${changedTx}$`) },
    ]);
    expect((await get(id)).body.rateLimitPerMinute).toBe(60);
  });

  it('keeps alert thresholds over the worker\'s defaults, validated: null goes back to the defaults', async () => {
    const created = await create();
    const id = created.body.id as string;
    expect(created.body.alertThresholds).toBeNull();
    const refused = await patch(id, { alertThresholds: { failureRate: 1.5, minutes: 3 } }, created.headers.etag as string);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('failureRate');
    const thresholds = { oldestPendingSeconds: 120, failureRate: 0.2, minAttempts: 10, noTrafficMinutes: 5 };
    const changed = await patch(id, { alertThresholds: thresholds }, created.headers.etag as string);
    expect([changed.status, changed.body.alertThresholds]).toEqual([200, thresholds]);
    expect((await get(id)).body.alertThresholds).toEqual(thresholds);
    const reset = await patch(id, { alertThresholds: null }, changed.headers.etag as string);
    expect([reset.status, reset.body.alertThresholds]).toEqual([200, null]);
  });
});
