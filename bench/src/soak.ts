import { eventually } from '@keta/lifecycle/testing';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startStack, type ProcessExtras, type Stack } from './stack';

export interface SoakProfile {
  smoke: boolean;
  ehrLatencyMs: number;
  concurrency: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident memory of a process, in MiB, as the kernel counts it. */
function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? NaN) / 1024;
}

/** A referral as a provider submits one, with its own MRN so each makes a new patient. */
function referral() {
  return {
    patient: {
      name: { given: ['Soak'], family: `Patient${randomUUID().slice(0, 8)}` }, birthDate: '1980-05-17', sex: 'female',
      identifiers: [{ system: 'http://bench-hospital.example/mrn', value: `MRN-${randomUUID()}` }],
    },
    referrer: { name: 'Dr Bench', npi: '1234567893', organization: 'Bench Psychiatry' },
    indication: { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F33.1' },
    reason: 'Recurrent depression; two failed SSRI trials',
  };
}

/** Submits referrals at `perSecond` until stopped; answers how many were accepted (any other answer throws). */
function referralLoad(stack: Stack, perSecond: number): { stop(): Promise<number> } {
  let running = true;
  let sent = 0;
  const inFlight = new Set<Promise<void>>();
  const failures: string[] = [];
  const submit = async () => {
    const res = await fetch(`${stack.apiUrl}/referrals`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.referrerToken}` }, body: JSON.stringify(referral()),
    });
    if (res.status !== 201) failures.push(`${res.status} ${(await res.text()).slice(0, 200)}`);
    else await res.arrayBuffer();
  };
  const loop = (async () => {
    const start = Date.now();
    while (running) {
      const request = submit().finally(() => inFlight.delete(request));
      inFlight.add(request);
      sent++;
      await sleep(Math.max(0, start + (sent / perSecond) * 1000 - Date.now()));
    }
    await Promise.all(inFlight);
  })();
  return {
    async stop() {
      running = false;
      await loop;
      if (failures.length) throw new Error(`${failures.length} referrals refused, first: ${failures[0]}`);
      return sent;
    },
  };
}

/** A measure in MiB, `minute` after the load started. */
interface Point {
  minute: number;
  mib: number;
}

/** Least-squares slope of MiB over minutes. */
function slope(points: Point[]): number {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.minute, 0) / n;
  const my = points.reduce((a, p) => a + p.mib, 0) / n;
  const num = points.reduce((a, p) => a + (p.minute - mx) * (p.mib - my), 0);
  const den = points.reduce((a, p) => a + (p.minute - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

export interface Drift {
  beforeMiB: number;
  afterMiB: number;
  /** MiB per minute after warm-up, least squares. */
  slopeMiBPerMinute: number;
  /** The fitted change over the soak after warm-up, relative to its fitted start. */
  driftPercent: number;
}

function drift(steady: Point[], beforeMiB: number, afterMiB: number): Drift {
  const perMinute = slope(steady);
  const first = steady[0]!;
  const span = steady.at(-1)!.minute - first.minute;
  const mean = (f: (p: Point) => number) => steady.reduce((a, p) => a + f(p), 0) / steady.length;
  const fittedStart = mean((p) => p.mib) - perMinute * (mean((p) => p.minute) - first.minute);
  return { beforeMiB, afterMiB, slopeMiBPerMinute: perMinute, driftPercent: (100 * perMinute * span) / fittedStart };
}

/**
 * RSS, and the heap left after a full garbage collection (what the process retains). The target (within ±10 %)
 * is on the live heap: between major collections V8 lets garbage pile up as long as memory is plentiful (minutes,
 * tens of MiB on a machine with GiB free), so RSS alone cannot tell a leak from lazy collection. RSS is measured
 * with a full collection every few seconds (the sampler's), so RSS that still grows is native memory retained.
 */
export interface ProcessMemory extends Drift {
  liveHeap: Drift;
}

/** Node arguments and environment that have a process sample its live heap into `file` (live-heap.ts). */
function liveHeapSampler(file: string, everyMs: number): ProcessExtras {
  return { nodeArgs: ['--expose-gc', '--require', join(__dirname, 'live-heap.js')], env: { KETA_LIVE_HEAP_FILE: file, KETA_LIVE_HEAP_MS: String(everyMs) } };
}

/** The live heap samples in `file`, as minutes since `start` and MiB. */
function liveHeapPoints(file: string, start: number): Point[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => {
    const [at, bytes] = line.split(' ').map(Number) as [number, number];
    return { minute: (at - start) / 60_000, mib: bytes / 2 ** 20 };
  });
}

export interface SoakResult {
  minutes: number;
  referralsPerSecond: number;
  referrals: number;
  api: ProcessMemory;
  worker: ProcessMemory;
}

/**
 * Memory of api and worker under steady referral intake (each referral screened, then synced to the EHR): RSS
 * and live heap, before, after, and the slope after a warm-up. Every referral must reach the EHR, smoke or not.
 */
export async function soak(profile: SoakProfile): Promise<SoakResult> {
  const [minutes, warmupMinutes, perSecond] = profile.smoke ? [0.1, 0, 5] : [10, 1, 10];
  const sampleMs = profile.smoke ? 1000 : 5000;
  const dir = mkdtempSync(join(tmpdir(), 'keta-soak-'));
  const heapFile = { api: join(dir, 'api.heap'), worker: join(dir, 'worker.heap') };
  const stack = await startStack({
    ehrLatencyMs: profile.ehrLatencyMs, concurrency: profile.concurrency,
    extras: { api: liveHeapSampler(heapFile.api, sampleMs), worker: liveHeapSampler(heapFile.worker, sampleMs) },
  });
  try {
    const before = { api: rssMiB(stack.pids.api), worker: rssMiB(stack.pids.worker) };
    const rss: Record<'api' | 'worker', Point[]> = { api: [], worker: [] };
    const load = referralLoad(stack, perSecond);
    const start = Date.now();
    while (Date.now() - start < minutes * 60_000) {
      await sleep(sampleMs);
      const minute = (Date.now() - start) / 60_000;
      for (const key of ['api', 'worker'] as const) rss[key].push({ minute, mib: rssMiB(stack.pids[key]) });
    }
    const referrals = await load.stop();
    await allSynced(stack, referrals);
    await sleep(sampleMs + 500); // one more live heap sample each, after the last job
    const memory = (key: 'api' | 'worker'): ProcessMemory => {
      const steady = (points: Point[]) => points.filter((p) => p.minute >= warmupMinutes && p.minute <= minutes);
      const live = liveHeapPoints(heapFile[key], start);
      if (steady(live).length < 2) throw new Error(`the ${key} sampled its live heap ${live.length} times: is live-heap.js built?`);
      return {
        ...drift(steady(rss[key]), before[key], rssMiB(stack.pids[key])),
        liveHeap: drift(steady(live), live[0]!.mib, live.at(-1)!.mib),
      };
    };
    return { minutes, referralsPerSecond: perSecond, referrals, api: memory('api'), worker: memory('worker') };
  } finally {
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Waits until the EHR has confirmed every referral's ServiceRequest: the soak measured real work. */
async function allSynced(stack: Stack, referrals: number): Promise<void> {
  const sql = new Client({ connectionString: stack.db.url });
  await sql.connect();
  try {
    const synced = async () => (await sql.query(`SELECT count(*)::int AS n FROM sync_ledger WHERE resource_type = 'ServiceRequest' AND status = 'synced'`)).rows[0].n as number;
    await eventually(synced, (n) => n === referrals, 300_000);
  } finally {
    await sql.end();
  }
}

export function soakTable(r: SoakResult): Record<string, Record<string, string>> {
  const row = (m: ProcessMemory) => ({
    'live heap before MiB': m.liveHeap.beforeMiB.toFixed(1), 'live heap after MiB': m.liveHeap.afterMiB.toFixed(1),
    'live heap slope MiB/min': m.liveHeap.slopeMiBPerMinute.toFixed(3), 'live heap drift %': m.liveHeap.driftPercent.toFixed(1),
    'RSS before MiB': m.beforeMiB.toFixed(0), 'RSS after MiB': m.afterMiB.toFixed(0),
    'RSS slope MiB/min': m.slopeMiBPerMinute.toFixed(2), 'RSS drift %': m.driftPercent.toFixed(1),
  });
  return { api: row(r.api), worker: row(r.worker) };
}
