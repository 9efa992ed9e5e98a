import { errorRate, healthOf, type HealthInput } from './connection-health';

const WELL: HealthInput = {
  enabled: true, paused: false, authRefused: null, circuit: 'closed', queue: { waiting: 0, active: 0, delayed: 0, failed: 0 }, deadLetters: 0,
  last5m: { completed: 20, failed: 0 }, oldestPendingSeconds: null, referralPolling: { lastErrorCode: null, held: 0 },
};

describe('healthOf', () => {
  it('is healthy when nothing is wrong, and says nothing', () => {
    expect(healthOf(WELL)).toEqual({ health: 'healthy', reasons: [] });
  });

  it.each([
    [{ enabled: false }, 'disabled', ['disabled']],
    [{ paused: true, circuit: 'open' }, 'paused', ['paused by ops']],
    [{ circuit: 'open' }, 'unhealthy', ['circuit open']],
    [{ authRefused: { code: 'ehr_auth_invalid_client', at: '2026-12-07T06:00:00.000Z' }, circuit: 'open' }, 'unhealthy', [
      "the EHR refused Keta's credentials (ehr_auth_invalid_client) at 2026-12-07T06:00:00.000Z: sync is held until they change or ops retry", 'circuit open',
    ]],
    [{ circuit: 'half-open' }, 'unhealthy', ['circuit half-open']],
    [{ last5m: { completed: 1, failed: 3 } }, 'unhealthy', ['75 % of syncs failed in the last 5 minutes']],
    [{ oldestPendingSeconds: 1200 }, 'unhealthy', ['oldest pending record waiting 1200 s']],
    [{ queue: null }, 'degraded', ['queue state unknown: Redis does not answer']],
    [{ queue: { waiting: 0, active: 0, delayed: 0, failed: 1 }, deadLetters: 2 }, 'degraded', ['1 failed job', '2 dead letters']],
    [{ last5m: { completed: 8, failed: 2 } }, 'degraded', ['20 % of syncs failed in the last 5 minutes']],
    [{ oldestPendingSeconds: 120 }, 'degraded', ['oldest pending record waiting 120 s']],
    [{ referralPolling: { lastErrorCode: 'ehr_unreachable', held: 1 } }, 'degraded', [
      'the last poll for referrals failed (ehr_unreachable)', '1 polled referral held: the intake failed, tried again at later polls',
    ]],
    [{ referralPolling: { lastErrorCode: null, held: 3 } }, 'degraded', ['3 polled referrals held: the intake failed, tried again at later polls']],
    [{ referralPolling: null }, 'healthy', []],
    [{ last5m: { completed: 0, failed: 2 } }, 'healthy', []],
    [{ oldestPendingSeconds: 119 }, 'healthy', []],
  ] as const)('%j is %s', (change, health, reasons) => {
    expect(healthOf({ ...WELL, ...change } as HealthInput)).toEqual({ health, reasons });
  });

  it('counts the error rate only when there were attempts', () => {
    expect(errorRate({ completed: 0, failed: 0 })).toBeNull();
    expect(errorRate({ completed: 3, failed: 1 })).toBe(0.25);
  });
});
