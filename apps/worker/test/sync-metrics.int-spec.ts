import { createDataSource, writeProjection } from '@keta/db';
import { createTestDatabase, type TestDatabase } from '@keta/db/testing';
import { startSandbox, type RunningSandbox } from '@keta/ehr-sandbox';
import { toFhirPatient } from '@keta/fhir-mapping';
import { eventually, freePort, getJson, parsePrometheusText, sampleValue, startPrivateRedis, startProcess } from '@keta/lifecycle/testing';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';

const workerMain = join(__dirname, '..', 'dist', 'main.js');

/** The built worker syncing to the real sandbox; its /metrics is scraped as Prometheus would. */
describe('worker metrics', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let sandbox: RunningSandbox;
  let connectionId: string;
  beforeAll(async () => {
    db = await createTestDatabase('worker_metrics');
    ds = await createDataSource({ url: db.url, poolSize: 2 }).initialize();
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0, latencyMs: 0, logLevel: 'silent' });
    const [row] = await ds.query(`INSERT INTO ehr_connection (name, base_url, kind) VALUES ('Sandbox', $1, 'clinic-ehr') RETURNING id`, [sandbox.baseUrl]);
    connectionId = (row as { id: string }).id;
  });
  afterAll(async () => {
    await sandbox.close();
    await ds.destroy();
    await db.drop();
  });

  const addPatients = (count: number) => ds.transaction((tx) => writeProjection(tx, Array.from({ length: count }, () => toFhirPatient({
    id: randomUUID(), demographics: { name: { given: ['Ana'], family: 'Metric' }, birthDate: '1980-01-01', sex: 'female', identifiers: [] },
  }))));
  const pending = async () => Number(((await ds.query(`SELECT count(*) AS n FROM outbox WHERE done_at IS NULL`)) as Array<{ n: string }>)[0]!.n);

  jest.setTimeout(60_000);

  it('counts sync jobs by connection and outcome, reports queues, circuit and outbox lag, and answers promptly with Redis gone', async () => {
    const redis = await startPrivateRedis();
    const port = await freePort();
    const worker = startProcess(workerMain, { DATABASE_URL: db.url, REDIS_URL: redis.url, WORKER_HEALTH_PORT: String(port), QUEUE_PREFIX: 'metrics', LOG_LEVEL: 'warn' });
    const scrape = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(10_000) });
      expect(res.headers.get('content-type')).toContain('text/plain');
      return parsePrometheusText(await res.text());
    };
    const byConnection = { connection_id: connectionId };
    let redisStopped = false;
    try {
      await eventually(() => getJson(`http://127.0.0.1:${port}/health/ready`), (r) => r.status === 200);
      await addPatients(1);
      await eventually(pending, (n) => n === 0);
      const before = await eventually(scrape, (s) => sampleValue(s, 'keta_worker_queue_jobs', { ...byConnection, state: 'waiting' }) === 0 && sampleValue(s, 'keta_worker_sync_attempts_total', byConnection) > 0);
      expect(sampleValue(before, 'keta_worker_redis_up')).toBe(1);
      expect(sampleValue(before, 'keta_worker_postgres_up')).toBe(1);
      expect(sampleValue(before, 'keta_worker_circuit_state', byConnection)).toBe(0);
      expect(sampleValue(before, 'keta_worker_queue_paused', byConnection)).toBe(0);
      expect(before.some((s) => s.name === 'keta_worker_process_cpu_user_seconds_total')).toBe(true);

      await addPatients(5);
      await eventually(pending, (n) => n === 0);
      const after = await scrape();
      const completed = { ...byConnection, outcome: 'completed' };
      expect(sampleValue(after, 'keta_worker_sync_attempts_total', { ...completed, error_class: 'none' }))
        .toBeGreaterThan(sampleValue(before, 'keta_worker_sync_attempts_total', { ...completed, error_class: 'none' }));
      expect(sampleValue(after, 'keta_worker_sync_job_duration_seconds_count', completed))
        .toBeGreaterThan(sampleValue(before, 'keta_worker_sync_job_duration_seconds_count', completed));
      expect(sampleValue(after, 'keta_worker_sync_job_duration_seconds_bucket', { ...completed, le: '+Inf' }))
        .toBe(sampleValue(after, 'keta_worker_sync_job_duration_seconds_count', completed));
      expect(sampleValue(after, 'keta_worker_outbox_pending_rows')).toBe(0);
      expect(sampleValue(after, 'keta_worker_outbox_oldest_pending_seconds')).toBe(0);
      expect(after.every((s) => !Object.values(s.labels).some((v) => v.includes('Metric')))).toBe(true);

      // A backlog shows as lag while the connection is paused.
      await ds.query(`UPDATE ehr_connection SET paused = true WHERE id = $1`, [connectionId]);
      await eventually(scrape, (s) => sampleValue(s, 'keta_worker_queue_paused', byConnection) === 1);
      await addPatients(2);
      const lagging = await eventually(scrape, (s) => sampleValue(s, 'keta_worker_connection_pending_rows', byConnection) === 2
        && sampleValue(s, 'keta_worker_queue_jobs', { ...byConnection, state: 'waiting' }) === 2);
      expect(sampleValue(lagging, 'keta_worker_outbox_pending_rows')).toBe(2);
      expect(sampleValue(lagging, 'keta_worker_outbox_oldest_pending_seconds')).toBeGreaterThanOrEqual(0);

      await redis.stop();
      redisStopped = true;
      const started = Date.now();
      const down = await scrape();
      expect(Date.now() - started).toBeLessThan(5000);
      expect(sampleValue(down, 'keta_worker_redis_up')).toBe(0);
      expect(sampleValue(down, 'keta_worker_postgres_up')).toBe(1);
      expect(sampleValue(down, 'keta_worker_outbox_pending_rows')).toBe(2);
    } catch (error) {
      throw new Error(`${String(error)}\n${worker.output()}`);
    } finally {
      worker.child.kill('SIGKILL');
      if (!redisStopped) await redis.stop();
    }
  });
});
