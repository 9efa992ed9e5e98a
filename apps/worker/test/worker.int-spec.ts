import { createTestDatabase, type TestDatabase } from '@keta/db/testing';
import { eventually, freePort, getJson, startPrivateRedis, startProcess } from '@keta/lifecycle/testing';
import { join } from 'node:path';

const workerMain = join(__dirname, '..', 'dist', 'main.js');

describe('the worker process', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('worker');
  });
  afterAll(() => db.drop());

  it('starts, reports ready, serves metrics, follows Redis going away and back, and stops cleanly on SIGTERM', async () => {
    const redis = await startPrivateRedis();
    const port = await freePort();
    const worker = startProcess(workerMain, { DATABASE_URL: db.url, REDIS_URL: redis.url, WORKER_HEALTH_PORT: String(port) });
    const base = `http://127.0.0.1:${port}`;
    try {
      const ready = await eventually(() => getJson(`${base}/health/ready`), (r) => r.status === 200);
      expect(ready.body).toEqual({ status: 'ok', checks: { postgres: 'up', redis: 'up' } });
      expect(await (await fetch(`${base}/metrics`)).text()).toContain('keta_worker_process_cpu_user_seconds_total');
      expect((await getJson(`${base}/users`)).status).toBe(404);

      await redis.stop();
      const down = await eventually(() => getJson(`${base}/health/ready`), (r) => r.status === 503);
      expect(down.body).toEqual({ status: 'unavailable', checks: { postgres: 'up', redis: 'down' } });
      expect((await getJson(`${base}/health/live`)).status).toBe(200);

      await redis.start();
      await eventually(() => getJson(`${base}/health/ready`), (r) => r.status === 200);

      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
      expect(worker.output()).toContain('Keta worker started');
      expect(worker.output()).toContain('Keta worker stopped');
    } finally {
      worker.child.kill('SIGKILL');
      await redis.stop();
    }
  });

  it('exits at once, naming the variable, when its config is invalid', async () => {
    const worker = startProcess(workerMain, { REDIS_URL: 'localhost:6379' });
    expect(await worker.exited).toBe(78);
    expect(worker.output()).toBe('Invalid configuration: REDIS_URL must be a redis:// or rediss:// URL\n');
  });

  it('refuses to start when Redis does not answer, and says which server', async () => {
    const port = await freePort();
    const worker = startProcess(workerMain, { DATABASE_URL: db.url, REDIS_URL: `redis://127.0.0.1:${port}`, LOG_LEVEL: 'silent' });
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toContain(`Keta worker failed to start: Redis at redis://127.0.0.1:${port} is not answering: connect ECONNREFUSED`);
  });
});
