import { EHR_RECONCILE_QUEUE, circuitKey, ehrSyncQueueName, epochMinute, syncActivityKey } from '@keta/queue-contracts';
import { freePort } from '@keta/lifecycle/testing';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { ConnectionHealth } from '@keta/domain';
import { ALL_CLEAR, referralBody } from './referral-fixtures';
import { startTestApp, type TestApp } from './test-app';

const REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * The ops console's API against real PostgreSQL and Redis (a key prefix of this file's own): each connection's
 * health from its queue, its last hour of attempts, its circuit, ledger and outbox; its failures as ids and
 * codes; the actions that repair it, each audited; the ledger searched; and Bull Board behind a ticket.
 */
describe('ops API', () => {
  const prefix = `ops-${randomUUID().slice(0, 8)}`;
  let t: TestApp;
  let redis: Redis;
  let ops: string;
  let admin: string;
  let referrer: string;
  let sick: { id: string; queue: Queue };
  let quiet: string;
  let referral: { id: string; taskId: string; patientId: string };

  beforeAll(async () => {
    t = await startTestApp('ops', { REDIS_URL, QUEUE_PREFIX: prefix });
    redis = new Redis(REDIS_URL);
    [ops, admin, referrer] = [(await t.signedIn('ops')).token, (await t.signedIn('admin')).token, (await t.signedIn('referrer')).token];
    const connect = async (name: string) => (await as(admin).post('/ehr-connections', { name, baseUrl: 'http://127.0.0.1:9/fhir/R4', kind: 'clinic-ehr' })).body.id as string;
    const sickId = await connect('Harbor EHR');
    quiet = await connect('Lakeside EHR');
    sick = { id: sickId, queue: new Queue(ehrSyncQueueName(sickId), { connection: redis, prefix }) };
    const created = await as(referrer).post('/referrals', { ...referralBody({ family: 'Opsvisible' }), attestations: ALL_CLEAR });
    const [row] = await t.db.query(`SELECT id, task_id, patient_id FROM referral WHERE id = $1`, [created.body.id]);
    referral = { id: row.id, taskId: row.task_id, patientId: row.patient_id };
    // What a worker would have written: the Patient taken, the ServiceRequest refused by the EHR's rules, the Task failing.
    await t.db.query(
      `INSERT INTO sync_ledger (connection_id, resource_type, resource_id, local_version, remote_id, status, attempts, last_error_code, dead_version, outcome) VALUES
         ($1, 'Patient', $2, 1, 'p-1', 'synced', 1, NULL, NULL, NULL),
         ($1, 'ServiceRequest', $3, 0, NULL, 'dead', 1, 'ehr_http_422', 1, '{"issues":[{"severity":"error","code":"invariant","expression":["ServiceRequest.code"]}]}'),
         ($1, 'Task', $4, 0, NULL, 'failed', 3, 'ehr_http_503', NULL, NULL)`,
      [sick.id, referral.patientId, referral.id, referral.taskId],
    );
  });
  afterAll(async () => {
    await sick.queue.obliterate({ force: true }).catch(() => undefined);
    await sick.queue.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await t.close();
  });

  const as = (token: string) => ({
    get: (path: string) => request(t.http).get(path).set('authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) => request(t.http).post(path).set('authorization', `Bearer ${token}`).send(body),
  });
  const health = async (id: string) => ((await as(ops).get('/ops/connections')).body as ConnectionHealth[]).find((c) => c.id === id)!;

  /** Jobs that fail with these reasons, as the worker's would, processed by a worker of this test. */
  async function failJobs(reasons: string[]): Promise<void> {
    for (const reason of reasons) await sick.queue.add('sync-patient', { connectionId: sick.id, patientId: referral.patientId, traceId: reason.slice(0, 10) }, { attempts: 1 });
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const worker = new Worker(sick.queue.name, async (job) => { throw new Error(reasons[(Number(job.id) - 1) % reasons.length]); }, { connection, prefix });
    while ((await sick.queue.getFailedCount()) < reasons.length) await new Promise((r) => setTimeout(r, 50));
    await worker.close();
    connection.disconnect();
  }

  it('shows each connection\'s health with its reasons: queue, last hour, circuit, dead letters, oldest pending, top failure codes', async () => {
    const minute = epochMinute(Date.now());
    await redis.hset(syncActivityKey(prefix, sick.id, minute), { completed: '1', failed: '4' });
    await redis.hset(syncActivityKey(prefix, sick.id, minute - 30), { completed: '10' });
    await redis.hset(circuitKey(prefix, sick.id), { state: 'open', since: '2026-12-07T10:00:00.000Z' });
    await failJobs(['ehr_http_503', 'duplicate key value violates unique constraint: (family_name)=(Opsvisible)']);
    await sick.queue.add('sync-patient', { connectionId: sick.id, patientId: referral.patientId, traceId: 'waiting' });

    const sickHealth = await health(sick.id);
    expect(sickHealth).toMatchObject({
      name: 'Harbor EHR', kind: 'clinic-ehr', enabled: true, paused: false, health: 'unhealthy',
      healthReasons: ['circuit open', '80 % of syncs failed in the last 5 minutes'],
      circuit: { state: 'open', since: '2026-12-07T10:00:00.000Z' },
      queue: { waiting: 1, active: 0, delayed: 0, failed: 2, deadLetters: 1 },
      activity: { last5m: { completed: 1, failed: 4, errorRate: 0.8 }, last60m: { completed: 11, failed: 4 } },
      lastSuccessAt: expect.any(String),
      topFailureReasons: [{ code: 'ehr_http_422', count: 1 }, { code: 'ehr_http_503', count: 1 }],
    });
    expect(sickHealth.activity.perMinute).toHaveLength(60);
    expect(sickHealth.activity.perMinute.at(-1)).toEqual({ minute: new Date(minute * 60_000).toISOString(), completed: 1, failed: 4 });
    expect(sickHealth.oldestPendingSeconds).toBeGreaterThanOrEqual(0);
    expect(await health(quiet)).toMatchObject({ health: 'healthy', healthReasons: [], circuit: { state: 'closed', since: null }, queue: { waiting: 0, failed: 0, deadLetters: 0 } });

    // Ids and codes only: a failure reason that is not a code is not shown as it is.
    const failures = await as(ops).get(`/ops/connections/${sick.id}/failures`);
    expect(failures.body.jobs.map((j: { reason: string; patientId: string }) => [j.reason, j.patientId]).sort()).toEqual([['ehr_http_503', referral.patientId], ['internal_error', referral.patientId]]);
    expect(failures.body.records).toEqual([
      expect.objectContaining({ resourceType: 'ServiceRequest', resourceId: referral.id, status: 'dead-letter', lastErrorCode: 'ehr_http_422', outcome: { issues: [{ severity: 'error', code: 'invariant', expression: ['ServiceRequest.code'] }] } }),
      expect.objectContaining({ resourceType: 'Task', resourceId: referral.taskId, status: 'failed', attempts: 3, lastErrorCode: 'ehr_http_503' }),
    ]);
    for (const body of [JSON.stringify((await as(ops).get('/ops/connections')).body), JSON.stringify(failures.body)]) expect(body).not.toContain('Opsvisible');
  });

  it('retries one failed job, then all of them, each audited', async () => {
    const failed = await sick.queue.getFailed();
    const [first] = failed;
    const one = await as(ops).post(`/ops/connections/${sick.id}/jobs/${first!.id}/retry`);
    expect([one.status, one.body]).toEqual([200, { retried: 1 }]);
    expect(await first!.isFailed()).toBe(false);
    expect((await as(ops).post(`/ops/connections/${sick.id}/jobs/${first!.id}/retry`)).status).toBe(404);
    const all = await as(ops).post(`/ops/connections/${sick.id}/jobs/retry-failed`);
    expect([all.status, all.body]).toEqual([200, { retried: failed.length - 1 }]);
    expect(await sick.queue.getFailedCount()).toBe(0);
    const audit = await t.db.query(`SELECT resource_type, action, outcome FROM audit_event WHERE resource_type IN ('sync-job', 'sync-connection') ORDER BY id`);
    expect(audit).toEqual([
      { resource_type: 'sync-job', action: 'update', outcome: 'success' },
      { resource_type: 'sync-job', action: 'update', outcome: 'failed' },
      { resource_type: 'sync-connection', action: 'update', outcome: 'success' },
    ]);
  });

  it('pauses and resumes a connection for every worker: the setting and the queue', async () => {
    const paused = await as(ops).post(`/ops/connections/${quiet}/pause`);
    expect([paused.status, paused.body.health, paused.body.paused]).toEqual([200, 'paused', true]);
    const quietQueue = new Queue(ehrSyncQueueName(quiet), { connection: redis, prefix });
    expect(await quietQueue.isPaused()).toBe(true);
    expect(await t.db.query(`SELECT paused FROM ehr_connection WHERE id = $1`, [quiet])).toEqual([{ paused: true }]);
    const resumed = await as(admin).post(`/ops/connections/${quiet}/resume`);
    expect([resumed.status, resumed.body.health]).toEqual([200, 'healthy']);
    expect(await quietQueue.isPaused()).toBe(false);
    await quietQueue.close();
  });

  it('sends a connection\'s dead letters again, and a patient\'s records whole', async () => {
    const pendingBefore = await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE done_at IS NULL`);
    const replayed = await as(ops).post(`/ops/connections/${sick.id}/dead-letters/replay`);
    expect([replayed.status, replayed.body]).toEqual([200, { replayed: 1 }]);
    expect(await t.db.query(`SELECT status FROM sync_ledger WHERE connection_id = $1 AND resource_id = $2`, [sick.id, referral.id])).toEqual([{ status: 'failed' }]);
    const resynced = await as(ops).post(`/ops/connections/${sick.id}/resync`, { patientId: referral.patientId });
    expect(resynced.status).toBe(200);
    expect(resynced.body.queued).toBeGreaterThanOrEqual(3);
    expect(await t.db.query(`SELECT local_version, remote_id FROM sync_ledger WHERE connection_id = $1 AND resource_type = 'Patient'`, [sick.id])).toEqual([{ local_version: 0, remote_id: 'p-1' }]);
    const [pendingAfter] = await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE done_at IS NULL`);
    expect(pendingAfter.n).toBe(pendingBefore[0].n + 1 + resynced.body.queued);
    expect((await as(ops).post(`/ops/connections/${sick.id}/resync`, { patientId: randomUUID() })).status).toBe(404);
    expect((await as(ops).post(`/ops/connections/${sick.id}/resync`, { patientId: 'Opsvisible' })).status).toBe(400);
  });

  it('sends everything a connection holds again, and asks the worker to compare it with its EHR, each audited', async () => {
    await t.db.query(
      `INSERT INTO sync_ledger (connection_id, resource_type, resource_id, local_version, remote_id, status) VALUES
         ($1, 'Patient', $2, 1, 'p-9', 'synced'), ($1, 'Task', $3, 1, 't-9', 'synced'), ($1, 'ServiceRequest', $4, 0, NULL, 'failed')`,
      [quiet, referral.patientId, referral.taskId, referral.id],
    );
    const audits = async () => (await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE resource_type = 'sync-connection' AND outcome = 'success'`))[0].n as number;
    const auditedBefore = await audits();
    const whole = await request(t.http).post(`/ops/connections/${quiet}/resync`).set('authorization', `Bearer ${ops}`);
    expect([whole.status, whole.body]).toEqual([200, { queued: 2, patients: 1 }]);
    expect(await t.db.query(`SELECT resource_type, local_version, remote_id FROM sync_ledger WHERE connection_id = $1 ORDER BY resource_type`, [quiet])).toEqual([
      { resource_type: 'Patient', local_version: 0, remote_id: 'p-9' }, { resource_type: 'ServiceRequest', local_version: 0, remote_id: null },
      { resource_type: 'Task', local_version: 0, remote_id: 't-9' },
    ]);

    const reconcileQueue = new Queue(EHR_RECONCILE_QUEUE, { connection: redis, prefix });
    const sample = await request(t.http).post(`/ops/connections/${quiet}/reconcile`).set('authorization', `Bearer ${ops}`);
    const onePatient = await as(admin).post(`/ops/connections/${quiet}/reconcile`, { patientId: referral.patientId });
    expect([sample.status, onePatient.status]).toEqual([202, 202]);
    expect((await reconcileQueue.getJob(sample.body.jobId))?.data).toEqual({ connectionId: quiet });
    expect((await reconcileQueue.getJob(onePatient.body.jobId))?.data).toEqual({ connectionId: quiet, patientId: referral.patientId });
    expect((await as(ops).post(`/ops/connections/${quiet}/reconcile`, { patientId: 'Opsvisible' })).status).toBe(400);
    expect((await as(ops).post(`/ops/connections/${randomUUID()}/reconcile`)).status).toBe(404);
    expect((await as(ops).post(`/ops/connections/${quiet}/reconcile`, { patientId: randomUUID() })).status).toBe(404);
    expect((await as(referrer).post(`/ops/connections/${quiet}/reconcile`)).status).toBe(403);
    await reconcileQueue.obliterate({ force: true });
    await reconcileQueue.close();
    expect((await audits()) - auditedBefore).toBe(3);
    await t.db.query(`DELETE FROM sync_ledger WHERE connection_id = $1`, [quiet]);
  });

  it('searches the ledger by referral, record, type, status and time', async () => {
    const ids = async (query: string) => ((await as(ops).get(`/ops/sync-records?${query}`)).body as Array<{ resourceType: string }>).map((r) => r.resourceType).sort();
    expect(await ids(`referralId=${referral.id}`)).toEqual(['Patient', 'ServiceRequest', 'Task']);
    expect(await ids(`resourceId=${referral.taskId}`)).toEqual(['Task']);
    expect(await ids(`connectionId=${sick.id}&status=failed`)).toEqual(['ServiceRequest', 'Task']);
    expect(await ids(`resourceType=Patient&patientId=${referral.patientId}`)).toEqual(['Patient']);
    expect(await ids(`from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);
    const bad = await as(ops).get('/ops/sync-records?status=lost&from=yesterday');
    expect([bad.status, bad.body.errors.map((e: { field: string }) => e.field).sort()]).toEqual([400, ['from', 'status']]);
  });

  it('answers 404 for a connection that does not exist, and keeps the console from referrers', async () => {
    expect((await as(ops).get(`/ops/connections/${randomUUID()}/failures`)).status).toBe(404);
    expect((await as(referrer).get('/ops/connections')).status).toBe(403);
  });

  describe('Bull Board', () => {
    it('opens with a ticket from the console, then by its own cookie; read-only; nothing without them', async () => {
      expect((await as(referrer).post('/ops/queues/ticket')).status).toBe(403);
      expect((await request(t.http).get('/ops/queues/')).status).toBe(401);
      const ticket = await as(ops).post('/ops/queues/ticket');
      expect(ticket.body.url).toMatch(/^\/ops\/queues\/\?ticket=/);
      const opened = await request(t.http).get(ticket.body.url);
      expect([opened.status, opened.headers.location]).toEqual([303, '/ops/queues/']);
      const cookie = opened.headers['set-cookie']![0]!;
      expect(cookie).toMatch(/^keta_queue_board=.+; Max-Age=\d+; Path=\/ops\/queues; Expires=.+; HttpOnly; SameSite=Strict$/);
      const page = await request(t.http).get('/ops/queues/').set('cookie', cookie.split(';')[0]!);
      expect([page.status, page.headers['content-security-policy']]).toEqual([200, expect.stringContaining("script-src 'self'")]);
      const queues = await request(t.http).get('/ops/queues/api/queues').set('cookie', cookie.split(';')[0]!);
      expect(queues.status).toBe(200);
      expect(queues.text).toContain(ehrSyncQueueName(sick.id));
      expect(queues.text).not.toContain('Opsvisible');
      expect((await request(t.http).put(`/ops/queues/api/queues/${ehrSyncQueueName(sick.id)}/retry/failed`).set('cookie', cookie.split(';')[0]!)).status).toBe(403);
      // An API token is no board session, and a board session no API token.
      expect((await request(t.http).get('/ops/queues/').set('cookie', `keta_queue_board=${ops}`)).status).toBe(401);
      expect((await request(t.http).get('/ops/connections').set('authorization', `Bearer ${cookie.split(';')[0]!.split('=')[1]}`)).status).toBe(401);
    });

    it('refuses a ticket of a user who is no longer ops', async () => {
      const { user, token } = await t.signedIn('ops');
      const ticket = await as(token).post('/ops/queues/ticket');
      await t.db.query(`UPDATE app_user SET role = 'referrer' WHERE id = $1`, [user.id]);
      expect((await request(t.http).get(ticket.body.url)).status).toBe(401);
    });
  });

  it('says the queue is unknown, not an error, while Redis does not answer; actions on it answer 503', async () => {
    const down = await startTestApp('ops_redis_down', { REDIS_URL: `redis://127.0.0.1:${await freePort()}`, QUEUE_PREFIX: prefix });
    try {
      const token = (await down.signedIn('ops')).token;
      await request(down.http).post('/ehr-connections').set('authorization', `Bearer ${(await down.signedIn('admin')).token}`)
        .send({ name: 'Harbor EHR', baseUrl: 'http://127.0.0.1:9/fhir/R4', kind: 'clinic-ehr' });
      const [connection] = (await request(down.http).get('/ops/connections').set('authorization', `Bearer ${token}`)).body;
      expect(connection).toMatchObject({ queue: null, health: 'degraded', healthReasons: ['queue state unknown: Redis does not answer'] });
      expect((await request(down.http).post(`/ops/connections/${connection.id}/jobs/retry-failed`).set('authorization', `Bearer ${token}`)).status).toBe(503);
    } finally {
      await down.close();
    }
  });
});
