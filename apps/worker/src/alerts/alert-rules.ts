import type { ConnectionBacklog, EhrConnectionEntity, SyncAlertKind } from '@keta/db';

type AlertThresholds = NonNullable<EhrConnectionEntity['alertThresholds']>;

export interface AlertDefaults {
  ALERT_OLDEST_PENDING_SECONDS: number;
  ALERT_FAILURE_RATE: number;
  ALERT_MIN_ATTEMPTS: number;
  ALERT_NO_TRAFFIC_MINUTES: number;
}

/** What one check measured for one kind: breached or clear; `undefined` when it could not be measured. */
export interface AlertReading {
  kind: SyncAlertKind;
  breached: boolean;
  value: number;
  threshold: number;
}

/**
 * The alert rules for one connection: its oldest pending record too old; too many of its attempts of the last
 * 5 minutes failed (from a minimum number of attempts; unmeasured while Redis does not answer); no record
 * confirmed for too long while records wait.
 */
export function readAlerts(
  backlog: ConnectionBacklog,
  attempts: { completed: number; failed: number } | undefined,
  overrides: AlertThresholds | null,
  defaults: AlertDefaults,
): AlertReading[] {
  const oldest = overrides?.oldestPendingSeconds ?? defaults.ALERT_OLDEST_PENDING_SECONDS;
  const rate = overrides?.failureRate ?? defaults.ALERT_FAILURE_RATE;
  const minAttempts = overrides?.minAttempts ?? defaults.ALERT_MIN_ATTEMPTS;
  const noTraffic = overrides?.noTrafficMinutes ?? defaults.ALERT_NO_TRAFFIC_MINUTES;
  const readings: AlertReading[] = [
    { kind: 'oldest-pending', breached: (backlog.oldestPendingSeconds ?? 0) >= oldest, value: Math.round(backlog.oldestPendingSeconds ?? 0), threshold: oldest },
  ];
  if (attempts) {
    const total = attempts.completed + attempts.failed;
    const failureRate = total === 0 ? 0 : attempts.failed / total;
    readings.push({ kind: 'failure-rate', breached: total >= minAttempts && failureRate >= rate, value: failureRate, threshold: rate });
  }
  const minutes = backlog.sinceLastSyncSeconds / 60;
  readings.push({ kind: 'no-success', breached: backlog.pending > 0 && minutes >= noTraffic, value: Math.floor(minutes), threshold: noTraffic });
  return readings;
}
