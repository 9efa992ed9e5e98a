import { Client } from 'pg';
import { bareRequest, barePlan, createScratchTables } from './bare-insert';
import { calibrateAll, type Calibration } from './intake-calibration';
import { ENDPOINTS, Tally, cannon, post, referralsOnceSettled, type Endpoint } from './intake-requests';
import { atFixedRate, atMaxRate, type Figures } from './latency';
import { startStack, type Stack } from './stack';

export interface IntakeProfile {
  smoke: boolean;
  concurrency: number;
  /** Where the api writes a CPU profile of its run, if anywhere. */
  cpuProfileDir?: string;
}

export interface EndpointResult {
  /** The median of the calibration requests, and their range. */
  statementsPerRequest: number;
  statementsRange: [number, number];
  rowsPerRequest: Record<string, number>;
  max: { api: Figures; bare: Figures };
  half: { rate: number; api: Figures; bare: Figures };
  ratios: { ofBareRate: number; p99OfBare: number };
}

/**
 * The api at its maximum rate (autocannon), then at half that rate (paced, see below); the bare inserts the
 * same two ways, with as many lanes as autocannon has connections. The fixed rate is paced by `atFixedRate`
 * for both, not by autocannon's `overallRate`: autocannon 8 lets each connection send its share of a second
 * back to back at the start of each second (bursts at full concurrency, not half load) and corrects latency
 * for coordinated omission with an interval of ceil(1 / rate) = 1 ms, recording a fake 1..L ms for each L ms.
 */
async function measure(stack: Stack, sql: Client, endpoint: Endpoint, calibration: Calibration, seconds: number, concurrency: number, tally: Tally): Promise<EndpointResult> {
  const apiMax = await cannon(stack, endpoint, tally, concurrency, seconds);
  await referralsOnceSettled(sql, tally); // the last ones autocannon left in flight: not part of the next run
  const rate = apiMax.rps / 2;
  const apiHalf = await atFixedRate(concurrency, seconds, rate, () => post(stack.apiUrl, endpoint, stack, tally));
  const lanes = Array.from({ length: concurrency }, () => new Client({ connectionString: stack.db.url }));
  try {
    await Promise.all(lanes.map((c) => c.connect()));
    const plan = barePlan(lanes[0]!, calibration);
    const bareMax = await atMaxRate(concurrency, seconds, (lane) => bareRequest(lanes[lane]!, plan));
    const bareHalf = await atFixedRate(concurrency, seconds, rate, (lane) => bareRequest(lanes[lane]!, plan));
    return {
      statementsPerRequest: calibration.statementsPerRequest, statementsRange: calibration.statementsRange, rowsPerRequest: calibration.rowsPerRequest,
      max: { api: apiMax, bare: bareMax.figures },
      half: { rate, api: apiHalf.figures, bare: bareHalf.figures },
      ratios: { ofBareRate: apiMax.rps / bareMax.figures.rps, p99OfBare: apiHalf.figures.p99 / bareHalf.figures.p99 },
    };
  } finally {
    await Promise.all(lanes.map((c) => c.end()));
  }
}

export interface IntakeResult {
  concurrency: number;
  secondsPerRun: number;
  endpoints: Record<Endpoint['name'], EndpointResult>;
  /** Requests sent to an api (calibration and warm-up included), how they were answered, and the referrals stored. */
  arrived: { sent: number; answered2xx: number; failed: number; errors: number; unanswered: number; referrals: number };
}

/**
 * Every request sent must be a referral in the database: 2xx answers, plus those autocannon left unanswered
 * when its time was up (the api takes them in all the same).
 */
async function checkArrived(sql: Client, tally: Tally): Promise<IntakeResult['arrived']> {
  const referrals = await referralsOnceSettled(sql, tally);
  const arrived = { sent: tally.sent, answered2xx: tally.ok, failed: tally.failed, errors: tally.errors, unanswered: tally.sent - tally.ok - tally.failed, referrals };
  if (tally.failed > 0 || tally.errors > 0 || referrals !== tally.sent) {
    throw new Error(`intake did not take in every request: ${JSON.stringify(arrived)}; first failed answer: ${tally.firstFailure ?? 'none'}`);
  }
  return arrived;
}

/**
 * `POST /referrals` and `POST /fhir/R4` referral Bundles against the api as a process (no worker: the intake,
 * not the sync), each against a bare `pg` insert of the same rows with the same number of statements.
 */
export async function intake(profile: IntakeProfile): Promise<IntakeResult> {
  const seconds = profile.smoke ? 1 : 15;
  const profiling = profile.cpuProfileDir ? { api: { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profile.cpuProfileDir}`] } } : undefined;
  const stack = await startStack({ ehrLatencyMs: 0, concurrency: profile.concurrency, worker: false, ...(profiling ? { extras: profiling } : {}) });
  const sql = new Client({ connectionString: stack.db.url });
  const tally = new Tally();
  try {
    await sql.connect();
    const calibrations = await calibrateAll(stack, sql, tally, profile);
    const written = new Set([...calibrations.values()].flatMap((c) => Object.keys(c.rowsPerRequest)));
    await createScratchTables(sql, [...written]);
    const endpoints = {} as IntakeResult['endpoints'];
    for (const endpoint of ENDPOINTS) {
      endpoints[endpoint.name] = await measure(stack, sql, endpoint, calibrations.get(endpoint.name)!, seconds, profile.concurrency, tally);
    }
    return { concurrency: profile.concurrency, secondsPerRun: seconds, endpoints, arrived: await checkArrived(sql, tally) };
  } finally {
    await sql.end();
    await stack.stop();
  }
}

export function intakeTable(r: IntakeResult): Record<string, Record<string, string>> {
  const row = (f: Figures, vsBare = '') => ({ 'req/s': f.rps.toFixed(0), 'p50 ms': f.p50.toFixed(1), 'p99 ms': f.p99.toFixed(1), 'vs bare insert': vsBare });
  const rows: Record<string, Record<string, string>> = {};
  for (const [name, e] of Object.entries(r.endpoints)) {
    const at = `at ${e.half.rate.toFixed(0)}/s`;
    rows[`${name}: Keta, max`] = row(e.max.api, `${(e.ratios.ofBareRate * 100).toFixed(0)} % of the rate`);
    rows[`${name}: bare insert, max`] = row(e.max.bare);
    rows[`${name}: Keta, ${at}`] = row(e.half.api, `p99 ${e.ratios.p99OfBare.toFixed(1)}×`);
    rows[`${name}: bare insert, ${at}`] = row(e.half.bare);
  }
  return rows;
}

/** One line per endpoint: what a request costs the database, and the two figures against their targets. */
export function intakeSummary(r: IntakeResult): string[] {
  return Object.entries(r.endpoints).map(([name, e]) => {
    const rows = Object.entries(e.rowsPerRequest).map(([table, n]) => `${table} ${n}`).join(', ');
    return `${name}: ${e.statementsPerRequest} statements and ${rows} per request; ` +
      `${(e.ratios.ofBareRate * 100).toFixed(0)} % of the bare-insert rate (target ≥ 50 %), p99 at half rate ${e.ratios.p99OfBare.toFixed(1)}× the bare insert's (target ≤ 3×)`;
  });
}
