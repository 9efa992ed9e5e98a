import { DEFAULT_FAULT_SETTINGS, parseFaultSettings } from './fault-settings';

describe('parseFaultSettings', () => {
  it('fills in the defaults for what is left out', () => {
    expect(parseFaultSettings({})).toEqual({
      latencyMs: 0,
      dropRate: 0,
      errorRate: 0,
      rateLimitRate: 0,
      timeoutRate: 0,
      retryAfterSeconds: 1,
    });
    expect(parseFaultSettings({ errorRate: 0.3, seed: 9 })).toEqual({ ...DEFAULT_FAULT_SETTINGS, errorRate: 0.3, seed: 9 });
  });

  it.each<object>([
    { latencyMs: 600_000, retryAfterSeconds: 3600, seed: 4294967295 },
    { latencyMs: 0, retryAfterSeconds: 0, seed: 0 },
    { dropRate: 1 },
    { dropRate: 0.1, errorRate: 0.2, rateLimitRate: 0.7 },
    { dropRate: 0.25, errorRate: 0.25, rateLimitRate: 0.25, timeoutRate: 0.25 },
  ])('accepts %j', (input) => {
    expect(parseFaultSettings(input)).toEqual({ ...DEFAULT_FAULT_SETTINGS, ...input });
  });

  it.each<[unknown, RegExp]>([
    [{ dropRate: 0.5, errorRate: 0.3, timeoutRate: 0.3 }, /add up to 1\.1\d*: at most 1/],
    [{ errorRate: -0.1 }, /errorRate must be a number from 0 to 1/],
    [{ rateLimitRate: 1.01 }, /rateLimitRate/],
    [{ timeoutRate: '0.1' }, /timeoutRate/],
    [{ dropRate: null }, /dropRate/],
    [{ retryAfterSeconds: 1.5 }, /retryAfterSeconds must be an integer from 0 to 3600/],
    [{ retryAfterSeconds: 3601 }, /retryAfterSeconds/],
    [{ latencyMs: -1 }, /latencyMs/],
    [{ seed: -1 }, /seed must be an integer/],
    [{ seed: 2 ** 32 }, /seed/],
    [{ seed: '42' }, /seed/],
    [{ errorRate: 0.1, retryAfter: 5 }, /unknown fault setting: retryAfter/],
    [[], /expected a JSON object/],
    [null, /expected a JSON object/],
    [undefined, /expected a JSON object/],
  ])('refuses %j', (input, problem) => {
    expect(parseFaultSettings(input)).toEqual(expect.stringMatching(problem));
  });
});
