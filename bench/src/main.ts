import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { freshness, freshnessTable } from './freshness';
import { intake, intakeSummary, intakeTable } from './intake';
import { soak, soakTable } from './soak';
import { syncThroughput, syncThroughputTable } from './sync-throughput';

/**
 * `pnpm bench`: every benchmark, each against baselines measured in this run, printed and written to
 * bench/results/. `--smoke` is the CI profile (small, no figure asserted, but every record must arrive);
 * `--only=sync,intake,freshness,soak` picks some; `--latency-ms=N` sets the EHR's answer delay (default 50);
 * `--cpu-prof` has the worker write a CPU profile of the sync run to bench/results/profiles.
 */
const argument = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const smoke = process.argv.includes('--smoke');
const only = new Set((argument('only') ?? 'sync,intake,freshness,soak').split(','));
const resultsDir = join(__dirname, '..', 'results');
const profile = {
  smoke, ehrLatencyMs: Number(argument('latency-ms') ?? 50), concurrency: 8,
  cpuProfileDir: process.argv.includes('--cpu-prof') ? join(resultsDir, 'profiles') : undefined,
};
const machine = { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };

function report(name: string, result: object, table: Record<string, Record<string, string>>): void {
  console.log(`\n${name} (${smoke ? 'smoke' : 'full'} profile, EHR latency ${profile.ehrLatencyMs} ms)`);
  console.table(table);
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${name}${smoke ? '.smoke' : ''}.json`);
  writeFileSync(file, `${JSON.stringify({ benchmark: name, profile: smoke ? 'smoke' : 'full', at: new Date().toISOString(), machine, ...result }, null, 2)}\n`);
}

const percent = (ratio: number) => `${(ratio * 100).toFixed(0)} %`;

async function main(): Promise<void> {
  if (profile.cpuProfileDir) mkdirSync(profile.cpuProfileDir, { recursive: true });
  // Freshness at half load needs the sync's sustained rate; without the sync run, a fixed 100 resources/s.
  let halfLoadPerSecond = 100;
  if (only.has('sync')) {
    const r = await syncThroughput(profile);
    report('sync-throughput', r, syncThroughputTable(r));
    console.log(`Keta = ${percent(r.ratios.ofDirect)} of the EHR's direct bound (target ≥ 70 %), ${r.ratios.ofNaive.toFixed(1)}× the naive sync (target ≥ 5×); ${r.arrived} resources in the EHR`);
    halfLoadPerSecond = r.resourcesPerSecond.keta / 2;
  }
  if (only.has('intake')) {
    const r = await intake(profile);
    report('intake', r, intakeTable(r));
    for (const line of intakeSummary(r)) console.log(line);
  }
  if (only.has('freshness')) {
    const r = await freshness({ ...profile, halfLoadPerSecond });
    report('freshness', r, freshnessTable(r));
    console.log(`Keta's p50, idle = ${r.ratios.idleP50OfDirect.toFixed(1)}× one direct post (target ≤ 3×); at half load ${r.ratios.halfLoadP50OfDirect.toFixed(1)}×`);
  }
  if (only.has('soak')) {
    const r = await soak(profile);
    report('soak', r, soakTable(r));
    console.log(`${r.referrals} referrals over ${r.minutes} min, all in the EHR; live heap drift after warm-up: api ${r.api.liveHeap.driftPercent.toFixed(1)} %, worker ${r.worker.liveHeap.driftPercent.toFixed(1)} % (target within ±10 %); RSS drift api ${r.api.driftPercent.toFixed(1)} %, worker ${r.worker.driftPercent.toFixed(1)} %`);
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
