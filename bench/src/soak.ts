import { eventually } from '@keta/lifecycle/testing';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { startStack, type Stack } from './stack';

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

interface Sample {
  minute: number;
  api: number;
  worker: number;
}

/** Least-squares slope of y over minutes. */
function slope(samples: Sample[], y: (s: Sample) => number): number {
  const n = samples.length;
  const mx = samples.reduce((a, s) => a + s.minute, 0) / n;
  const my = samples.reduce((a, s) => a + y(s), 0) / n;
  const num = samples.reduce((a, s) => a + (s.minute - mx) * (y(s) - my), 0);
  const den = samples.reduce((a, s) => a + (s.minute - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

export interface ProcessMemory {
  beforeMiB: number;
  afterMiB: number;
  /** MiB per minute after warm-up, least squares. */
  slopeMiBPerMinute: number;
  /** The fitted change over the soak after warm-up, relative to its fitted start (target within ±10 %). */
  driftPercent: number;
}

export interface SoakResult {
  minutes: number;
  referralsPerSecond: number;
  referrals: number;
  api: ProcessMemory;
  worker: ProcessMemory;
}

/**
 * RSS of api and worker under steady referral intake (each referral screened, then synced to the EHR): before,
 * after, and the slope after a warm-up. Every referral must reach the EHR, smoke or not.
 */
export async function soak(profile: SoakProfile): Promise<SoakResult> {
  const [minutes, warmupMinutes, perSecond] = profile.smoke ? [0.1, 0, 5] : [10, 1, 10];
  const stack = await startStack({ ehrLatencyMs: profile.ehrLatencyMs, concurrency: profile.concurrency });
  try {
    const before = { api: rssMiB(stack.pids.api), worker: rssMiB(stack.pids.worker) };
    const samples: Sample[] = [];
    const load = referralLoad(stack, perSecond);
    const start = Date.now();
    while (Date.now() - start < minutes * 60_000) {
      await sleep(profile.smoke ? 1000 : 5000);
      samples.push({ minute: (Date.now() - start) / 60_000, api: rssMiB(stack.pids.api), worker: rssMiB(stack.pids.worker) });
    }
    const referrals = await load.stop();
    await allSynced(stack, referrals);
    const after = { api: rssMiB(stack.pids.api), worker: rssMiB(stack.pids.worker) };
    const steady = samples.filter((s) => s.minute >= warmupMinutes);
    const memory = (key: 'api' | 'worker'): ProcessMemory => {
      const perMinute = slope(steady, (s) => s[key]);
      const span = steady.at(-1)!.minute - steady[0]!.minute;
      const fittedStart = steady.reduce((a, s) => a + s[key], 0) / steady.length - perMinute * (steady.reduce((a, s) => a + s.minute, 0) / steady.length - steady[0]!.minute);
      return { beforeMiB: before[key], afterMiB: after[key], slopeMiBPerMinute: perMinute, driftPercent: (100 * perMinute * span) / fittedStart };
    };
    return { minutes, referralsPerSecond: perSecond, referrals, api: memory('api'), worker: memory('worker') };
  } finally {
    await stack.stop();
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
    'RSS before MiB': m.beforeMiB.toFixed(0), 'RSS after MiB': m.afterMiB.toFixed(0),
    'slope MiB/min': m.slopeMiBPerMinute.toFixed(2), 'drift %': m.driftPercent.toFixed(1),
  });
  return { api: row(r.api), worker: row(r.worker) };
}
