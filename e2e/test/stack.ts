import { createTestDatabase, type TestDatabase } from '@keta/db/testing';
import { eventually, freePort, getJson, startPrivateRedis, startProcess, type PrivateRedis, type Started } from '@keta/lifecycle/testing';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const entry = {
  api: join(root, 'apps/api/dist/main.js'),
  worker: join(root, 'apps/worker/dist/main.js'),
  sandbox: join(root, 'apps/ehr-sandbox/dist/main.js'),
  createAdmin: join(root, 'apps/api/dist/cli/create-admin.js'),
};

export interface Stack {
  db: TestDatabase;
  redis: PrivateRedis;
  apiUrl: string;
  sandboxOrigin: string;
  sandboxFhirUrl: string;
  /** The worker's Prometheus scrape (its health port). */
  workerMetricsUrl: string;
  /** Everything api and worker printed, across restarts. */
  logs(): string;
  startWorker(): Promise<void>;
  killWorker(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Keta as it runs in production: api, worker and an EHR (the sandbox) as separate processes, the real
 * PostgreSQL (a database of this run's own) and a private Redis the tests may stop. Debug logs on.
 * `workerSettings` override the worker's environment (shorter timeouts for fault tests), `apiSettings` the
 * API's (a small DOCUMENT_MAX_BYTES).
 */
export async function startStack(workerSettings: Record<string, string> = {}, apiSettings: Record<string, string> = {}): Promise<Stack> {
  const db = await createTestDatabase('e2e');
  const redis = await startPrivateRedis();
  const [apiPort, sandboxPort, healthPort] = [await freePort(), await freePort(), await freePort()];
  // The API reads the worker's queues for the ops console: both use this run's prefix.
  const common = { DATABASE_URL: db.url, REDIS_URL: redis.url, LOG_LEVEL: 'debug', QUEUE_PREFIX: `e2e-${randomUUID().slice(0, 8)}` };
  const workerEnv = {
    ...common, WORKER_HEALTH_PORT: String(healthPort),
    OUTBOX_POLL_MS: '200', OUTBOX_REQUEUE_AFTER_MS: '3000', SYNC_BACKOFF_MS: '200', SYNC_LOCK_MS: '3000',
    SYNC_CONCURRENCY: '1', ...workerSettings,
  };
  const sandbox = startProcess(entry.sandbox, { SANDBOX_PORT: String(sandboxPort), LOG_LEVEL: 'info' });
  // Convergence tests refer hundreds of patients a minute from one referrer.
  const api = startProcess(entry.api, { ...common, PORT: String(apiPort), INTAKE_MAX_PER_MINUTE: '100000', ...apiSettings });
  const workers: Started[] = [];
  const stack: Stack = {
    db, redis,
    apiUrl: `http://127.0.0.1:${apiPort}`,
    sandboxOrigin: `http://127.0.0.1:${sandboxPort}`,
    sandboxFhirUrl: `http://127.0.0.1:${sandboxPort}/fhir/R4`,
    workerMetricsUrl: `http://127.0.0.1:${healthPort}/metrics`,
    logs: () => [api, ...workers].map((p) => p.output()).join('\n'),
    async startWorker() {
      const worker = startProcess(entry.worker, workerEnv);
      workers.push(worker);
      await eventually(() => getJson(`http://127.0.0.1:${healthPort}/health/ready`), (r) => r.status === 200, 30000);
    },
    async killWorker() {
      const worker = workers.at(-1);
      worker?.child.kill('SIGKILL');
      await worker?.exited;
    },
    async stop() {
      for (const p of [api, sandbox, ...workers]) p.child.kill('SIGTERM');
      await Promise.all([api, sandbox, ...workers].map((p) => p.exited));
      await redis.stop();
      await db.drop();
    },
  };
  await eventually(() => getJson(`${stack.apiUrl}/health/ready`), (r) => r.status === 200, 30000);
  await eventually(() => getJson(`${stack.sandboxOrigin}/health/live`), (r) => r.status === 200, 30000);
  await stack.startWorker();
  return stack;
}

/** The first admin, through the CLI an operator runs. */
export function createAdmin(stack: Stack, email: string, password: string): void {
  const result = spawnSync(process.execPath, [entry.createAdmin, '--email', email, '--name', 'E2E Admin'], {
    env: { PATH: process.env.PATH, DATABASE_URL: stack.db.url, KETA_ADMIN_PASSWORD: password, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`admin:create failed: ${result.stderr}`);
}

/** A second EHR (another sandbox process), e.g. a referrer's, for tests that need two. */
export async function startSecondEhr(): Promise<{ origin: string; fhirUrl: string; stop(): Promise<void> }> {
  const port = await freePort();
  const sandbox = startProcess(entry.sandbox, { SANDBOX_PORT: String(port), LOG_LEVEL: 'info' });
  const origin = `http://127.0.0.1:${port}`;
  await eventually(() => getJson(`${origin}/health/live`), (r) => r.status === 200, 30000);
  return {
    origin,
    fhirUrl: `${origin}/fhir/R4`,
    async stop() {
      sandbox.child.kill('SIGTERM');
      await sandbox.exited;
    },
  };
}
