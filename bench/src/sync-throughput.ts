import { createDataSource, writeProjection } from '@keta/db';
import { createTestDatabase } from '@keta/db/testing';
import type { ProjectedResource } from '@keta/fhir-mapping';
import { eventually, startPrivateRedis } from '@keta/lifecycle/testing';
import { Client } from 'pg';
import { fullBundles, naiveSync, postAll } from './direct-post';
import { Teardown, startEhr, startWorker, stopProcess } from './stack';
import { patientRecords } from './workload';

export interface SyncProfile {
  smoke: boolean;
  /** The EHR's answer delay: a real EHR is a network round trip away, where each request is dear. */
  ehrLatencyMs: number;
  concurrency: number;
  /** Where the worker writes a CPU profile of its run, if anywhere. */
  cpuProfileDir?: string;
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
async function keta(patients: ProjectedResource[][], profile: SyncProfile): Promise<{ seconds: number; arrived: number; requests: number }> {
  const teardown = new Teardown();
  try {
    const db = teardown.add(await createTestDatabase('bench'), (d) => d.drop());
    const redis = teardown.add(await startPrivateRedis(), (r) => r.stop());
    const ehr = teardown.add(await startEhr(profile.ehrLatencyMs), (e) => stopProcess(e.process));
    const sql = teardown.add(new Client({ connectionString: db.url }), (c) => c.end());
    await sql.connect();
    teardown.add(await startWorker(db, redis, profile.concurrency, profile.cpuProfileDir), stopProcess);
    await sql.query(`INSERT INTO ehr_connection (name, base_url, kind, enabled, paused) VALUES ('Bench EHR', $1, 'clinic-ehr', true, true)`, [ehr.url]);
    const ds = await createDataSource({ url: db.url, poolSize: 2 }).initialize();
    for (let i = 0; i < patients.length; i += 100) await ds.transaction((tx) => writeProjection(tx, patients.slice(i, i + 100).flat()));
    await ds.destroy();
    await eventually(async () => (await sql.query(`SELECT count(*)::int AS n FROM outbox WHERE enqueued_at IS NULL`)).rows[0].n as number, (n) => n === 0, 60000);
    // Polled ten times a second while the clock runs, so a cheap count (each record has one version here); the
    // full comparison of ledger and projection once it is done.
    const synced = async () => (await sql.query(`SELECT count(*)::int AS n FROM sync_ledger WHERE status = 'synced'`)).rows[0].n as number;
    const seconds = await timed(async () => {
      await sql.query(`UPDATE ehr_connection SET paused = false`);
      await eventually(synced, (n) => n >= patients.length * patients[0]!.length, 600_000);
    });
    const behind = (await sql.query(`SELECT count(*)::int AS n FROM fhir_resource r WHERE NOT EXISTS (
      SELECT 1 FROM sync_ledger l WHERE l.resource_id = r.id AND l.status = 'synced' AND l.local_version >= r.version)`)).rows[0].n as number;
    if (behind) throw new Error(`${behind} records are behind the ledger once every record was synced`);
    const requests = await transactionsReceived(ehr.url); // before the searches that count what arrived
    return { seconds, arrived: await countInEhr(ehr.url), requests };
  } finally {
    await teardown.run();
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

/** How many requests the sandbox received (its control API counts them). */
async function transactionsReceived(baseUrl: string): Promise<number> {
  const { totals } = (await (await fetch(`${new URL(baseUrl).origin}/$sandbox/requests`)).json()) as { totals: { requests: number } };
  return totals.requests;
}

async function baseline(ehrLatencyMs: number, run: (url: string) => Promise<void>): Promise<number> {
  const ehr = await startEhr(ehrLatencyMs);
  try {
    return await timed(() => run(ehr.url));
  } finally {
    await stopProcess(ehr.process);
  }
}

export type SyncThroughputResult = Awaited<ReturnType<typeof syncThroughput>>;

/**
 * N patients × M records through Keta's sync, against (a) the same records posted straight to the EHR in full Bundles and (b) a
 * naive sync, one request per resource; the smoke profile throws unless every record arrived.
 */
export async function syncThroughput(profile: SyncProfile) {
  const [patientCount, recordCount] = profile.smoke ? [40, 5] : [1000, 10];
  const patients = Array.from({ length: patientCount }, () => patientRecords(recordCount));
  const resources = patientCount * recordCount;
  const bundles = fullBundles(patients);
  const direct = await baseline(profile.ehrLatencyMs, (url) => postAll(url, bundles, profile.concurrency));
  const naive = await baseline(profile.ehrLatencyMs, (url) => naiveSync(url, patients, profile.concurrency));
  const ours = await keta(patients, profile);
  const rate = (seconds: number) => resources / seconds;
  // The smoke run asserts no figure, only that it measured something: every record arrived.
  if (ours.arrived !== resources) throw new Error(`${ours.arrived} of ${resources} resources arrived in the EHR`);
  return {
    patients: patientCount, recordsPerPatient: recordCount, concurrency: profile.concurrency, ehrLatencyMs: profile.ehrLatencyMs,
    seconds: { keta: ours.seconds, directToEhr: direct, naiveSync: naive },
    resourcesPerSecond: { keta: rate(ours.seconds), directToEhr: rate(direct), naiveSync: rate(naive) },
    ratios: { ofDirect: direct / ours.seconds, ofNaive: naive / ours.seconds },
    requests: { keta: ours.requests, directToEhr: bundles.length, naiveSync: resources },
    arrived: ours.arrived,
  };
}

export function syncThroughputTable(r: SyncThroughputResult): Record<string, Record<string, string>> {
  const row = (seconds: number, perSecond: number, requests: number) => ({ seconds: seconds.toFixed(2), 'resources/s': perSecond.toFixed(0), requests: String(requests) });
  return {
    'Keta sync': row(r.seconds.keta, r.resourcesPerSecond.keta, r.requests.keta),
    '(a) direct to the EHR': row(r.seconds.directToEhr, r.resourcesPerSecond.directToEhr, r.requests.directToEhr),
    '(b) naive, one per resource': row(r.seconds.naiveSync, r.resourcesPerSecond.naiveSync, r.requests.naiveSync),
  };
}
