import { setTimeout as sleep } from 'node:timers/promises';

export const MAX_LATENCY_MS = 600_000;

export interface FaultSettings {
  latencyMs: number;
}

/**
 * Faults the sandbox injects on purpose. `hold` delays a FHIR answer after the request was processed, so a
 * test can kill a client while the server already has its data. `release` lets every held answer go at once
 * (on close), so no timer outlives the server.
 */
export class Faults {
  private readonly stopping = new AbortController();

  constructor(private settings: FaultSettings) {}

  current(): FaultSettings {
    return { ...this.settings };
  }

  replace(settings: FaultSettings): void {
    this.settings = { ...settings };
  }

  async hold(): Promise<void> {
    if (this.settings.latencyMs === 0) return;
    await sleep(this.settings.latencyMs, undefined, { signal: this.stopping.signal }).catch(() => undefined);
  }

  release(): void {
    this.stopping.abort();
  }
}

/** Checks a `PUT /$sandbox/faults` body; answers the settings or what is wrong with them. */
export function parseFaultSettings(input: unknown): FaultSettings | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'expected a JSON object';
  const { latencyMs, ...unknown } = input as Record<string, unknown>;
  const extra = Object.keys(unknown);
  if (extra.length > 0) return `unknown fault: ${extra.join(', ')}`;
  if (typeof latencyMs !== 'number' || !Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > MAX_LATENCY_MS) {
    return `latencyMs must be an integer from 0 to ${MAX_LATENCY_MS}`;
  }
  return { latencyMs };
}
