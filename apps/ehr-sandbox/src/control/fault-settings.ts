export const MAX_LATENCY_MS = 600_000;
export const MAX_RETRY_AFTER_SECONDS = 3600;
const MAX_SEED = 0xffff_ffff;
/** Rates are decimals: 0.1 + 0.2 + 0.7 must count as 1. */
const SUM_TOLERANCE = 1e-9;

/** The share of FHIR requests (not /metadata) that get each fault; they add up to the total fault rate. */
export interface FaultRates {
  /** Socket destroyed, no answer, nothing stored. */
  dropRate: number;
  /** 503 + OperationOutcome `transient`, nothing stored. */
  errorRate: number;
  /** 429 + Retry-After + OperationOutcome `throttled`, nothing stored. */
  rateLimitRate: number;
  /** Stored, then never answered. */
  timeoutRate: number;
}

export interface FaultSettings extends FaultRates {
  /** How long every FHIR answer is held before it is written. */
  latencyMs: number;
  /** The Retry-After of a 429. */
  retryAfterSeconds: number;
  /** Set: the faults follow a seeded sequence, the same one each time it is set. Unset: Math.random. */
  seed?: number;
}

export const DEFAULT_FAULT_SETTINGS: Readonly<FaultSettings> = {
  latencyMs: 0,
  dropRate: 0,
  errorRate: 0,
  rateLimitRate: 0,
  timeoutRate: 0,
  retryAfterSeconds: 1,
};

/**
 * Checks a `PUT /$sandbox/faults` body: every field optional, a missing one takes its default (so a PUT
 * replaces all settings). Answers the settings or what is wrong with them.
 */
export function parseFaultSettings(input: unknown): FaultSettings | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'expected a JSON object';
  const { latencyMs, dropRate, errorRate, rateLimitRate, timeoutRate, retryAfterSeconds, seed, ...unknown } = {
    ...DEFAULT_FAULT_SETTINGS,
    ...(input as Record<string, unknown>),
  };
  const extra = Object.keys(unknown);
  if (extra.length > 0) return `unknown fault setting: ${extra.join(', ')}`;
  const rates = { dropRate, errorRate, rateLimitRate, timeoutRate };
  const problem =
    integerProblem('latencyMs', latencyMs, MAX_LATENCY_MS) ??
    integerProblem('retryAfterSeconds', retryAfterSeconds, MAX_RETRY_AFTER_SECONDS) ??
    (seed === undefined ? undefined : integerProblem('seed', seed, MAX_SEED)) ??
    Object.entries(rates)
      .map(([name, rate]) => rateProblem(name, rate))
      .find(Boolean);
  if (problem) return problem;
  const valid = rates as FaultRates;
  const total = valid.dropRate + valid.errorRate + valid.rateLimitRate + valid.timeoutRate;
  if (total > 1 + SUM_TOLERANCE) return `the rates add up to ${total}: at most 1`;
  return {
    latencyMs: latencyMs as number,
    ...valid,
    retryAfterSeconds: retryAfterSeconds as number,
    ...(seed !== undefined && { seed: seed as number }),
  };
}

function integerProblem(name: string, value: unknown, max: number): string | undefined {
  const ok = typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
  return ok ? undefined : `${name} must be an integer from 0 to ${max}`;
}

function rateProblem(name: string, value: unknown): string | undefined {
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;
  return ok ? undefined : `${name} must be a number from 0 to 1`;
}
