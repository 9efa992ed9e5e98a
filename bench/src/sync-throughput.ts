import { createDataSource, writeProjection } from '@keta/db';
import { createTestDatabase } from '@keta/db/testing';
import type { ProjectedResource } from '@keta/fhir-mapping';
import { eventually, freePort, getJson, startPrivateRedis, startProcess, type Started } from '@keta/lifecycle/testing';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { naiveSync, patientBundles, postAll } from './direct-post';
import { patientRecords } from './workload';

const root = join(__dirname, '..', '..');
const smoke = process.argv.includes('--smoke');
const PATIENTS = smoke ? 40 : 1000;
const RECORDS = smoke ? 5 : 10;
const CONCURRENCY = 8;

/** A sandbox EHR of its own, as a process (as in production), for one measurement. */
async function sandbox(): Promise<{ url: string; process: Started }> {
  const port = await freePort();
  const started = startProcess(join(root, 'apps/ehr-sandbox/dist/main.js'), { SANDBOX_PORT: String(port), LOG_LEVEL: 'warn' });
  await eventually(() => getJson(`http://127.0.0.1:${port}/health/live`), (r) => r.status === 200, 30000);
  return { url: `http://127.0.0.1:${port}/fhir/R4`, process: started };
}

async function stop(started: Started): Promise<void> {
  started.child.kill('SIGTERM');
  await started.exited;
}

async function timed(run: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/**
 * Keta: the records committed (projection + outbox) while the EHR's connection is paused, so the relay has
 * queued them; timed from resuming it to the ledger confirming every record.
 */
async function keta(patients: ProjectedResource[][]): Promise<{ seconds: number; arrived: number }> {
  const db = await createTestDatabase('bench');
  const redis = await startPrivateRedis();
  const ehr = await sandbox();
  const sql = new Client({ connectionString: db.url });
  await sql.connect();
  const healthPort = await freePort();
  const worker = startProcess(join(root, 'apps/worker/dist/main.js'), {
    DATABASE_URL: db.url, REDIS_URL: redis.url, WORKER_HEALTH_PORT: String(healthPort), LOG_LEVEL: 'warn',
    SYNC_CONCURRENCY: String(CONCURRENCY), OUTBOX_POLL_MS: '100',
  });
  try {
    await sql.query(`INSERT INTO ehr_connection (name, base_url, kind, enabled, paused) VALUES ('Bench EHR', $1, 'clinic-ehr', true, true)`, [ehr.url]);
    const ds = await createDataSource({ url: db.url, poolSize: 2 }).initialize();
    for (let i = 0; i < patients.length; i += 100) await ds.transaction((tx) => writeProjection(tx, patients.slice(i, i + 100).flat()));
    await ds.destroy();
    await eventually(() => getJson(`http://127.0.0.1:${healthPort}/health/ready`), (r) => r.status === 200, 30000);
    await eventually(async () => (await sql.query(`SELECT count(*)::int AS n FROM outbox WHERE enqueued_at IS NULL`)).rows[0].n as number, (n) => n === 0, 60000);
    const behind = async () => (await sql.query(`SELECT count(*)::int AS n FROM fhir_resource r WHERE NOT EXISTS (
      SELECT 1 FROM sync_ledger l WHERE l.resource_id = r.id AND l.status = 'synced' AND l.local_version >= r.version)`)).rows[0].n as number;
    const seconds = await timed(async () => {
      await sql.query(`UPDATE ehr_connection SET paused = false`);
      await eventually(behind, (n) => n === 0, 600_000);
    });
    return { seconds, arrived: await countInEhr(ehr.url) };
  } finally {
    await stop(worker);
    await stop(ehr.process);
    await sql.end();
    await redis.stop();
    await db.drop();
  }
}

/** Every resource the EHR holds, counted by paging its searches (the smoke check that nothing was lost). */
async function countInEhr(baseUrl: string): Promise<number> {
  let total = 0;
  for (const type of ['Patient', 'Observation']) {
    const page = (await (await fetch(`${baseUrl}/${type}?_count=0&_total=accurate`)).json()) as { total?: number };
    total += page.total ?? 0;
  }
  return total;
}

async function baseline(run: (url: string) => Promise<void>): Promise<number> {
  const ehr = await sandbox();
  try {
    return await timed(() => run(ehr.url));
  } finally {
    await stop(ehr.process);
  }
}

async function main(): Promise<void> {
  const patients = Array.from({ length: PATIENTS }, () => patientRecords(RECORDS));
  const resources = PATIENTS * RECORDS;
  const direct = await baseline((url) => postAll(url, patientBundles(patients), CONCURRENCY));
  const naive = await baseline((url) => naiveSync(url, patients, CONCURRENCY));
  const ours = await keta(patients);
  const rate = (seconds: number) => resources / seconds;
  const result = {
    benchmark: 'sync-throughput', profile: smoke ? 'smoke' : 'full', patients: PATIENTS, recordsPerPatient: RECORDS, concurrency: CONCURRENCY,
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    resourcesPerSecond: { keta: rate(ours.seconds), directToEhr: rate(direct), naiveSync: rate(naive) },
    ratios: { ofDirect: direct / ours.seconds, ofNaive: naive / ours.seconds },
    arrived: ours.arrived,
  };
  console.table({
    'Keta sync': { seconds: ours.seconds.toFixed(2), 'resources/s': rate(ours.seconds).toFixed(0) },
    '(a) direct to the EHR': { seconds: direct.toFixed(2), 'resources/s': rate(direct).toFixed(0) },
    '(b) naive, one per resource': { seconds: naive.toFixed(2), 'resources/s': rate(naive).toFixed(0) },
  });
  console.log(`Keta = ${(result.ratios.ofDirect * 100).toFixed(0)} % of the EHR's direct bound, ${result.ratios.ofNaive.toFixed(1)}× the naive sync; ${ours.arrived}/${resources} resources in the EHR`);
  mkdirSync(join(__dirname, '..', 'results'), { recursive: true });
  writeFileSync(join(__dirname, '..', 'results', `sync-throughput${smoke ? '.smoke' : ''}.json`), `${JSON.stringify(result, null, 2)}\n`);
  // The smoke run asserts no figure, only that it measured something: every record arrived.
  if (ours.arrived !== resources) throw new Error(`${ours.arrived} of ${resources} resources arrived in the EHR`);
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
