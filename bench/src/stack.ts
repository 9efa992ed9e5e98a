import { createTestDatabase, type TestDatabase } from '@keta/db/testing';
import { eventually, freePort, getJson, startPrivateRedis, startProcess, type PrivateRedis, type Started } from '@keta/lifecycle/testing';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
export const ENTRY = {
  api: join(root, 'apps/api/dist/main.js'),
  worker: join(root, 'apps/worker/dist/main.js'),
  sandbox: join(root, 'apps/ehr-sandbox/dist/main.js'),
  createAdmin: join(root, 'apps/api/dist/cli/create-admin.js'),
};

export async function stopProcess(started: Started): Promise<void> {
  started.child.kill('SIGTERM');
  await started.exited;
}

/** A sandbox EHR of its own, as a process (as in production), answering after `latencyMs`. */
export async function startEhr(latencyMs: number): Promise<{ url: string; process: Started }> {
  const port = await freePort();
  const started = startProcess(ENTRY.sandbox, { SANDBOX_PORT: String(port), SANDBOX_LATENCY_MS: String(latencyMs), LOG_LEVEL: 'warn' });
  try {
    await eventually(() => getJson(`http://127.0.0.1:${port}/health/live`), (r) => r.status === 200, 30000);
  } catch (error) {
    await stopProcess(started);
    throw new Error(`the sandbox EHR did not start: ${String(error)}\n${started.output().slice(-2000)}`);
  }
  return { url: `http://127.0.0.1:${port}/fhir/R4`, process: started };
}

/** More for a process of the stack: environment variables, and arguments to node (the soak's heap sampler). */
export interface ProcessExtras {
  env?: Record<string, string>;
  nodeArgs?: string[];
}

/**
 * The worker as a process, with `concurrency` jobs in flight; answers once it is ready. With `cpuProfileDir`
 * it writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
 */
export async function startWorker(
  db: TestDatabase, redis: PrivateRedis, concurrency: number, cpuProfileDir?: string, extras: ProcessExtras = {},
): Promise<Started> {
  const healthPort = await freePort();
  const worker = startProcess(ENTRY.worker, {
    DATABASE_URL: db.url, REDIS_URL: redis.url, WORKER_HEALTH_PORT: String(healthPort), LOG_LEVEL: 'warn',
    SYNC_CONCURRENCY: String(concurrency), OUTBOX_POLL_MS: '100', ...extras.env,
  }, [], [...(cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : []), ...(extras.nodeArgs ?? [])]);
  try {
    await eventually(() => getJson(`http://127.0.0.1:${healthPort}/health/ready`), (r) => r.status === 200, 30000);
  } catch (error) {
    await stopProcess(worker);
    throw new Error(`the worker did not start: ${String(error)}\n${worker.output().slice(-2000)}`);
  }
  return worker;
}

export interface Stack {
  db: TestDatabase;
  apiUrl: string;
  ehrUrl: string;
  /** Process ids, for reading their memory. */
  pids: { api: number; worker: number };
  /** A referrer's bearer token, for `POST /referrals`. */
  referrerToken: string;
  /** An EHR client's bearer token, for `POST /fhir/R4` referral Bundles. */
  ehrClientToken: string;
  stop(): Promise<void>;
}

/**
 * Keta as it runs in production, for a benchmark: api, worker (unless `worker: false`) and a sandbox EHR as
 * processes, a fresh database, a private Redis; the clinic set up as an admin would (settings, the EHR
 * connection, a referrer, an EHR client allowed to send referrals). `extras` go to the api's and the worker's processes.
 */
export async function startStack(options: {
  ehrLatencyMs: number; concurrency: number; worker?: boolean; extras?: { api?: ProcessExtras; worker?: ProcessExtras };
}): Promise<Stack> {
  const teardown = new Teardown();
  let api: Started | undefined;
  try {
    const db = teardown.add(await createTestDatabase('bench'), (d) => d.drop());
    const redis = teardown.add(await startPrivateRedis(), (r) => r.stop());
    const ehr = teardown.add(await startEhr(options.ehrLatencyMs), (e) => stopProcess(e.process));
    const apiPort = await freePort();
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    api = teardown.add(startProcess(ENTRY.api, {
      DATABASE_URL: db.url, REDIS_URL: redis.url, PORT: String(apiPort), PUBLIC_URL: apiUrl, LOG_LEVEL: 'warn', AUTH_TOKEN_TTL_SECONDS: '3600', INTAKE_MAX_PER_MINUTE: '1000000',
      ...options.extras?.api?.env,
    }, [], options.extras?.api?.nodeArgs ?? []), stopProcess);
    await eventually(() => getJson(`${apiUrl}/health/ready`), (r) => r.status === 200, 30000);
    const admin = await signIn(apiUrl, createAdmin(db.url));
    await send(apiUrl, admin, 'PUT', '/clinic-settings', {
      name: 'Bench Ketamine', timeZone: 'America/New_York', openingDays: ['mon', 'tue', 'wed', 'thu', 'fri'], chairs: 8, policyPreset: 'seed-003',
    });
    await send(apiUrl, admin, 'POST', '/ehr-connections', { name: 'Bench EHR', baseUrl: ehr.url, kind: 'clinic-ehr' });
    const referrer = { email: 'referrer@bench.example', password: 'bench referrer passphrase' };
    await send(apiUrl, admin, 'POST', '/users', { ...referrer, displayName: 'Bench referrer', role: 'referrer' });
    const worker = options.worker === false ? undefined : teardown.add(await startWorker(db, redis, options.concurrency, undefined, options.extras?.worker), stopProcess);
    return {
      db, apiUrl, ehrUrl: ehr.url, stop: () => teardown.run(),
      pids: { api: api.child.pid!, worker: worker?.child.pid ?? 0 },
      referrerToken: await signIn(apiUrl, referrer),
      ehrClientToken: await ehrClientToken(apiUrl, admin),
    };
  } catch (error) {
    await teardown.run();
    throw new Error(`the stack did not start: ${String(error)}\napi: ${api?.output().slice(-2000) ?? 'not started'}`);
  }
}

function createAdmin(databaseUrl: string): { email: string; password: string } {
  const admin = { email: 'admin@bench.example', password: 'bench admin passphrase' };
  const result = spawnSync(process.execPath, [ENTRY.createAdmin, '--email', admin.email, '--name', 'Bench Admin'], {
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, KETA_ADMIN_PASSWORD: admin.password, LOG_LEVEL: 'silent' }, encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`admin:create failed: ${result.stderr}`);
  return admin;
}

async function signIn(apiUrl: string, user: { email: string; password: string }): Promise<string> {
  const body = (await send(apiUrl, undefined, 'POST', '/auth/sign-in', user)) as { accessToken: string };
  return body.accessToken;
}

/** A JSON request that must succeed; answers the body. */
export async function send(apiUrl: string, token: string | undefined, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/** Registers an EHR client with a key of its own and trades a signed assertion for a token (SMART Backend Services). */
async function ehrClientToken(apiUrl: string, adminToken: string): Promise<string> {
  const { privateKey, publicKey } = await generateKeyPair('RS384');
  const kid = randomUUID();
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS384', use: 'sig' };
  const scope = 'system/ServiceRequest.crs system/Patient.rs';
  const client = (await send(apiUrl, adminToken, 'POST', '/ehr-clients', { name: 'Bench EHR client', jwks: { keys: [jwk] }, scopes: scope.split(' ') })) as { id: string };
  const assertion = await new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({ alg: 'RS384', typ: 'JWT', kid })
    .setIssuer(client.id).setSubject(client.id).setAudience(`${apiUrl}/oauth2/token`)
    .setExpirationTime(Math.floor(Date.now() / 1000) + 240)
    .sign(privateKey);
  const res = await fetch(`${apiUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion, scope,
    }),
  });
  if (!res.ok) throw new Error(`the token endpoint answered ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** What a benchmark started, stopped in reverse order however it ends: a failed start leaves nothing running. */
export class Teardown {
  private readonly steps: Array<() => Promise<unknown>> = [];

  add<T>(started: T, stop: (started: T) => Promise<unknown>): T {
    this.steps.push(() => stop(started));
    return started;
  }

  async run(): Promise<void> {
    for (const step of this.steps.reverse()) await step().catch((error: unknown) => console.error('teardown:', error));
  }
}
