import { percentiles } from './percentiles';

/** What one run measured: successful requests per second, and their latency percentiles in ms. */
export interface Figures {
  rps: number;
  p50: number;
  p99: number;
}

export interface LoadRun {
  figures: Figures;
  ok: number;
  failed: number;
}

/** One request on lane `lane`; answers whether it succeeded. Only successes count for rate and latency. */
export type Attempt = (lane: number) => Promise<boolean>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Times each attempt from its send to its answer. */
class Recorder {
  private readonly latencies: number[] = [];
  private failed = 0;
  private readonly start = performance.now();

  async time(attempt: () => Promise<boolean>): Promise<void> {
    const sent = performance.now();
    if (await attempt()) this.latencies.push(performance.now() - sent);
    else this.failed++;
  }

  /** Rate over the whole run, from the first send to the last answer. */
  result(): LoadRun {
    const seconds = (performance.now() - this.start) / 1000;
    const ok = this.latencies.length;
    return { figures: { rps: ok / seconds, ...percentiles(this.latencies) }, ok, failed: this.failed };
  }
}

/** The maximum rate, a closed loop: each of `lanes` sends its next request as soon as the last one answered. */
export async function atMaxRate(lanes: number, seconds: number, attempt: Attempt): Promise<LoadRun> {
  const recorder = new Recorder();
  const end = performance.now() + seconds * 1000;
  const lane = async (i: number) => {
    while (performance.now() < end) await recorder.time(() => attempt(i));
  };
  await Promise.all(Array.from({ length: lanes }, (_, i) => lane(i)));
  return recorder.result();
}

/**
 * A fixed rate, an open loop: request n is due at start + n / rate; a free lane waits until the next request is
 * due, then sends it. Latency runs from the send: if the lanes fall behind, the rate shows it, not the latency.
 */
export async function atFixedRate(lanes: number, seconds: number, rate: number, attempt: Attempt): Promise<LoadRun> {
  const recorder = new Recorder();
  const start = performance.now();
  const total = Math.floor(rate * seconds);
  let next = 0;
  const lane = async (i: number) => {
    while (next < total) {
      await sleep(start + (next++ / rate) * 1000 - performance.now());
      await recorder.time(() => attempt(i));
    }
  };
  await Promise.all(Array.from({ length: lanes }, (_, i) => lane(i)));
  return recorder.result();
}
