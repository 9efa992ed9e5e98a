import { FaultPlan, mulberry32, pickFault, type FaultKind } from './fault-plan';
import type { FaultRates } from './fault-settings';

const NONE: FaultRates = { dropRate: 0, errorRate: 0, rateLimitRate: 0, timeoutRate: 0 };
/** Eighths add up exactly in binary, so the edges below are exact. */
const EIGHTHS: FaultRates = { dropRate: 0.125, errorRate: 0.125, rateLimitRate: 0.125, timeoutRate: 0.125 };

describe('pickFault', () => {
  it.each<[number, FaultKind | undefined]>([
    [0, 'drop'],
    [0.1249, 'drop'],
    [0.125, 'error'],
    [0.2499, 'error'],
    [0.25, 'rate-limit'],
    [0.375, 'timeout'],
    [0.4999, 'timeout'],
    [0.5, undefined],
    [0.9999, undefined],
  ])('lays the rates end to end in the order drop, error, rate limit, timeout: %d gives %s', (draw, fault) => {
    expect(pickFault(EIGHTHS, draw)).toBe(fault);
  });

  it('never picks a fault whose rate is 0, and always one whose rate is 1', () => {
    for (const draw of [0, 0.5, 0.999999]) {
      expect(pickFault(NONE, draw)).toBeUndefined();
      expect(pickFault({ ...NONE, rateLimitRate: 1 }, draw)).toBe('rate-limit');
    }
  });
});

describe('mulberry32', () => {
  const take = (next: () => number, n: number) => Array.from({ length: n }, () => next());

  it('gives the same sequence for the same seed and another for another seed', () => {
    expect(take(mulberry32(42), 20)).toEqual(take(mulberry32(42), 20));
    expect(take(mulberry32(42), 20)).not.toEqual(take(mulberry32(43), 20));
  });

  it('is uniform on [0, 1)', () => {
    const values = take(mulberry32(7), 10_000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const tenths = Array.from({ length: 10 }, (_, i) => values.filter((v) => Math.floor(v * 10) === i).length);
    for (const count of tenths) expect(count).toBeGreaterThan(900);
    expect(new Set(values).size).toBe(values.length);
  });
});

describe('FaultPlan', () => {
  it('gives each fault its share, and the sum of the rates as the total fault share', () => {
    const plan = new FaultPlan({ dropRate: 0.05, errorRate: 0.2, rateLimitRate: 0.1, timeoutRate: 0.15 }, 1);
    const draws = Array.from({ length: 20_000 }, () => plan.next());
    const share = (fault: FaultKind | undefined) => draws.filter((d) => d === fault).length / draws.length;
    expect(share('drop')).toBeCloseTo(0.05, 1);
    expect(share('error')).toBeCloseTo(0.2, 1);
    expect(share('rate-limit')).toBeCloseTo(0.1, 1);
    expect(share('timeout')).toBeCloseTo(0.15, 1);
    expect(share(undefined)).toBeCloseTo(0.5, 1);
  });

  it('replays the same faults for the same seed', () => {
    const faults = (seed: number) => {
      const plan = new FaultPlan(EIGHTHS, seed);
      return Array.from({ length: 100 }, () => plan.next());
    };
    expect(faults(5)).toEqual(faults(5));
    expect(faults(5)).not.toEqual(faults(6));
  });

  it('draws from Math.random without a seed', () => {
    const random = jest.spyOn(Math, 'random').mockReturnValue(0.15);
    try {
      expect(new FaultPlan(EIGHTHS).next()).toBe('error');
      expect(random).toHaveBeenCalledTimes(1);
    } finally {
      random.mockRestore();
    }
  });
});
