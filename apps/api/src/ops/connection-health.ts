import type { Health, QueueDepth } from '@keta/domain';

export interface HealthInput {
  enabled: boolean;
  paused: boolean;
  /** The EHR refused Keta's credentials: its code, and since when sync is held. */
  authRefused: { code: string; at: string } | null;
  circuit: string;
  queue: QueueDepth | null;
  deadLetters: number;
  last5m: { completed: number; failed: number };
  oldestPendingSeconds: number | null;
  /** Polling for referrals, where the connection polls: the last poll's error code, and referrals held. */
  referralPolling: { lastErrorCode: string | null; held: number } | null;
}

/** A record waiting this long means the connection is behind; ten times as long, that it is stuck. */
const BEHIND_SECONDS = 120;
const STUCK_SECONDS = 1200;
/** Failure rates over the last five minutes, counted once a few attempts were made. */
const MIN_ATTEMPTS = 3;
const DEGRADED_RATE = 0.1;
const UNHEALTHY_RATE = 0.5;

export const errorRate = ({ completed, failed }: { completed: number; failed: number }): number | null =>
  completed + failed === 0 ? null : failed / (completed + failed);

/** A connection's health at a glance, with the reasons in words, worst first. */
export function healthOf(input: HealthInput): { health: Health; reasons: string[] } {
  if (!input.enabled) return { health: 'disabled', reasons: ['disabled'] };
  if (input.paused) return { health: 'paused', reasons: ['paused by ops'] };
  const rate = errorRate(input.last5m);
  const attempts = input.last5m.completed + input.last5m.failed;
  const pending = input.oldestPendingSeconds ?? 0;
  const unhealthy = [
    input.authRefused ? `the EHR refused Keta's credentials (${input.authRefused.code}) at ${input.authRefused.at}: sync is held until they change or ops retry` : null,
    input.circuit === 'open' || input.circuit === 'half-open' ? `circuit ${input.circuit}` : null,
    rate !== null && attempts >= MIN_ATTEMPTS && rate >= UNHEALTHY_RATE ? `${Math.round(rate * 100)} % of syncs failed in the last 5 minutes` : null,
    pending >= STUCK_SECONDS ? `oldest pending record waiting ${pending} s` : null,
  ].filter((r): r is string => r !== null);
  if (unhealthy.length) return { health: 'unhealthy', reasons: unhealthy };
  const degraded = [
    input.queue === null ? 'queue state unknown: Redis does not answer' : null,
    input.queue && input.queue.failed > 0 ? `${input.queue.failed} failed job${input.queue.failed === 1 ? '' : 's'}` : null,
    input.deadLetters > 0 ? `${input.deadLetters} dead letter${input.deadLetters === 1 ? '' : 's'}` : null,
    rate !== null && attempts >= MIN_ATTEMPTS && rate >= DEGRADED_RATE ? `${Math.round(rate * 100)} % of syncs failed in the last 5 minutes` : null,
    pending >= BEHIND_SECONDS ? `oldest pending record waiting ${pending} s` : null,
    ...pollingReasons(input.referralPolling),
  ].filter((r): r is string => r !== null);
  return degraded.length ? { health: 'degraded', reasons: degraded } : { health: 'healthy', reasons: [] };
}

function pollingReasons(polling: HealthInput['referralPolling']): Array<string | null> {
  if (!polling) return [];
  const { lastErrorCode, held } = polling;
  return [
    lastErrorCode ? `the last poll for referrals failed (${lastErrorCode})` : null,
    held > 0 ? `${held} polled referral${held === 1 ? '' : 's'} held: the intake failed, tried again at later polls` : null,
  ];
}
