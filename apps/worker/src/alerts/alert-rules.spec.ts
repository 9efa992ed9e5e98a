import { readAlerts, type AlertDefaults } from './alert-rules';

const defaults: AlertDefaults = { ALERT_OLDEST_PENDING_SECONDS: 600, ALERT_FAILURE_RATE: 0.5, ALERT_MIN_ATTEMPTS: 5, ALERT_NO_TRAFFIC_MINUTES: 15 };
const backlog = (pending: number, oldestPendingSeconds: number | null, sinceLastSyncSeconds: number) => ({ connectionId: 'c', pending, oldestPendingSeconds, sinceLastSyncSeconds });
const breached = (...args: Parameters<typeof readAlerts>) => readAlerts(...args).filter((r) => r.breached).map((r) => r.kind);

describe('alert rules', () => {
  it.each([
    ['nothing pending, all well', backlog(0, null, 3600), { completed: 10, failed: 0 }, null, []],
    ['oldest pending past the default', backlog(3, 601, 10), { completed: 0, failed: 0 }, null, ['oldest-pending']],
    ['oldest pending under a connection\'s own threshold', backlog(3, 601, 10), undefined, { oldestPendingSeconds: 900 }, []],
    ['half the attempts failed, enough of them', backlog(1, 5, 10), { completed: 3, failed: 3 }, null, ['failure-rate']],
    ['all failed but too few attempts', backlog(1, 5, 10), { completed: 0, failed: 4 }, null, []],
    ['a lower minimum counts them', backlog(1, 5, 10), { completed: 0, failed: 4 }, { minAttempts: 2 }, ['failure-rate']],
    ['no success for 15 minutes while records wait', backlog(2, 30, 15 * 60), undefined, null, ['no-success']],
    ['no success for long but nothing waits', backlog(0, null, 3 * 3600), undefined, null, []],
  ] as const)('%s', (_, b, attempts, overrides, kinds) => {
    expect(breached(b, attempts, overrides, defaults)).toEqual(kinds);
  });

  it('leaves the failure rate unmeasured (neither fired nor resolved) when the counts could not be read', () => {
    expect(readAlerts(backlog(1, 5, 10), undefined, null, defaults).map((r) => r.kind)).toEqual(['oldest-pending', 'no-success']);
  });
});
