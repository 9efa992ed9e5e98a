import type { ApiConfig } from '../config/api-config';
import { IntakeRateLimit } from './intake-rate-limit';

describe('IntakeRateLimit', () => {
  const limit = () => new IntakeRateLimit({ INTAKE_MAX_PER_MINUTE: 3 } as ApiConfig);
  const minute = Date.UTC(2026, 11, 7, 10, 0);

  it('lets a caller send up to the limit in a minute, then says how many seconds remain in it', () => {
    const intake = limit();
    expect([1, 2, 3].map((s) => intake.take('user:a', minute + s * 1000))).toEqual([undefined, undefined, undefined]);
    expect(intake.take('user:a', minute + 15_500)).toBe(45);
    expect(intake.take('user:a', minute + 59_999)).toBe(1);
  });

  it('counts each caller on its own, and starts again with the next minute', () => {
    const intake = limit();
    for (let i = 0; i < 4; i += 1) intake.take('user:a', minute);
    expect(intake.take('client:b', minute)).toBeUndefined();
    expect(intake.take('user:a', minute + 60_000)).toBeUndefined();
  });
});
