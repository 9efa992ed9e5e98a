import { createDataSource, writeProjection } from '@keta/db';
import { createTestDatabase } from '@keta/db/testing';
import { toSyncBundle } from '@keta/fhir-mapping';
import { startPrivateRedis } from '@keta/lifecycle/testing';
import { postAll } from './direct-post';
import { percentiles, type Percentiles } from './percentiles';
import { Teardown, startEhr, startWorker, stopProcess } from './stack';
import { patientRecords } from './workload';

type DataSource = ReturnType<typeof createDataSource>;

export interface FreshnessProfile {
  smoke: boolean;
  ehrLatencyMs: number;
  concurrency: number;
  /** Resources per second the background load commits: half of what Keta's sync sustained in this run. */
  halfLoadPerSecond: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Commits one patient and answers how long, in ms, from its commit until the EHR had it: the commit's time and
 * the ledger's (written once the EHR answered) both by the database's clock.
 */
async function probe(ds: DataSource): Promise<number> {
  const [patient] = patientRecords(1);
  await ds.transaction((tx) => writeProjection(tx, [patient!]));
  const [{ at: committedAt }] = (await ds.query(`SELECT clock_timestamp() AS at`)) as [{ at: Date }];
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const rows = (await ds.query(`SELECT updated_at AS at FROM sync_ledger WHERE resource_id = $1 AND status = 'synced'`, [patient!.resource.id])) as Array<{ at: Date }>;
    if (rows[0]) return rows[0].at.getTime() - committedAt.getTime();
    await sleep(5);
  }
  throw new Error(`Patient/${patient!.resource.id} did not reach the EHR within a minute`);
}

async function probes(ds: DataSource, count: number): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < count; i++) {
    ms.push(await probe(ds));
    await sleep(50);
  }
  return ms;
}

/** Commits patients of 10 records at `perSecond` resources/s until stopped: the other half of the load. */
function backgroundLoad(ds: DataSource, perSecond: number): { stop(): Promise<number> } {
  let running = true;
  let committed = 0;
  const loop = (async () => {
    const start = Date.now();
    while (running) {
      await ds.transaction((tx) => writeProjection(tx, patientRecords(10)));
      committed += 10;
      const due = start + (committed / perSecond) * 1000;
      await sleep(Math.max(0, due - Date.now()));
    }
  })();
  return { stop: async () => ((running = false), await loop, committed) };
}

/** Baseline: the same one-patient Bundle posted straight to the EHR, one at a time. */
async function directPosts(ehrUrl: string, count: number): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < count; i++) {
    const bundle = toSyncBundle(patientRecords(1));
    const start = performance.now();
    await postAll(ehrUrl, [bundle], 1);
    ms.push(performance.now() - start);
    await sleep(50);
  }
  return ms;
}

export interface FreshnessResult {
  ehrLatencyMs: number;
  probes: number;
  directPost: Percentiles;
  idle: Percentiles;
  halfLoad: Percentiles & { backgroundPerSecond: number };
  ratios: { idleP50OfDirect: number; halfLoadP50OfDirect: number };
}

/** Commit → in the EHR, p50/p99, idle and under half of the sync's sustained load, against one direct post. */
export async function freshness(profile: FreshnessProfile): Promise<FreshnessResult> {
  const count = profile.smoke ? 10 : 100;
  const teardown = new Teardown();
  try {
    const db = teardown.add(await createTestDatabase('bench'), (d) => d.drop());
    const redis = teardown.add(await startPrivateRedis(), (r) => r.stop());
    const ehr = teardown.add(await startEhr(profile.ehrLatencyMs), (e) => stopProcess(e.process));
    teardown.add(await startWorker(db, redis, profile.concurrency), stopProcess);
    const ds = teardown.add(await createDataSource({ url: db.url, poolSize: 4 }).initialize(), (d) => d.destroy());
    await ds.query(`INSERT INTO ehr_connection (name, base_url, kind, enabled) VALUES ('Bench EHR', $1, 'clinic-ehr', true)`, [ehr.url]);
    await probes(ds, 3); // the first jobs pay for connections and JIT, not for the design
    const direct = percentiles(await directPosts(ehr.url, count));
    const idle = percentiles(await probes(ds, count));
    const load = backgroundLoad(ds, profile.halfLoadPerSecond);
    const loaded = percentiles(await probes(ds, count));
    await load.stop();
    return {
      ehrLatencyMs: profile.ehrLatencyMs, probes: count, directPost: direct, idle,
      halfLoad: { ...loaded, backgroundPerSecond: profile.halfLoadPerSecond },
      ratios: { idleP50OfDirect: idle.p50 / direct.p50, halfLoadP50OfDirect: loaded.p50 / direct.p50 },
    };
  } finally {
    await teardown.run();
  }
}

export function freshnessTable(r: FreshnessResult): Record<string, Record<string, string>> {
  const row = (p: Percentiles) => ({ 'p50 ms': p.p50.toFixed(0), 'p99 ms': p.p99.toFixed(0) });
  return {
    'direct post to the EHR': row(r.directPost),
    'Keta, idle': row(r.idle),
    [`Keta, half load (${r.halfLoad.backgroundPerSecond.toFixed(0)} resources/s)`]: row(r.halfLoad),
  };
}
