import type { FaultRates } from './fault-settings';

export type FaultKind = 'drop' | 'error' | 'rate-limit' | 'timeout';

/** The rates laid end to end, in this order, on [0, 1): one draw picks at most one fault. */
const ORDER: ReadonlyArray<readonly [FaultKind, keyof FaultRates]> = [
  ['drop', 'dropRate'],
  ['error', 'errorRate'],
  ['rate-limit', 'rateLimitRate'],
  ['timeout', 'timeoutRate'],
];

/** The fault for a draw in [0, 1), or undefined past the sum of the rates. */
export function pickFault(rates: FaultRates, draw: number): FaultKind | undefined {
  let edge = 0;
  for (const [kind, rate] of ORDER) {
    edge += rates[rate];
    if (draw < edge) return kind;
  }
  return undefined;
}

/** mulberry32: a tiny seeded PRNG, uniform on [0, 1). Enough for repeatable tests, not for anything secret. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

/** Which request gets which fault: one draw per request, from the seed's sequence or Math.random. */
export class FaultPlan {
  private readonly random: () => number;

  constructor(
    private readonly rates: FaultRates,
    seed?: number,
  ) {
    this.random = seed === undefined ? Math.random : mulberry32(seed);
  }

  next(): FaultKind | undefined {
    return pickFault(this.rates, this.random());
  }
}
