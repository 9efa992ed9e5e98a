import type { ActivityWindow, Health, OpsCircuitState } from '@keta/domain';

export const HEALTH_LABELS: Record<Health, string> = {
  healthy: 'Healthy',
  degraded: 'Degraded',
  unhealthy: 'Unhealthy',
  paused: 'Paused',
  disabled: 'Disabled',
};

export const CIRCUIT_LABELS: Record<OpsCircuitState, string> = {
  closed: 'Closed (sending)',
  open: 'Open (holding back)',
  'half-open': 'Half-open (probing)',
  unknown: 'Unknown',
};

export const KIND_LABELS = { 'clinic-ehr': 'Clinic EHR', 'referrer-ehr': 'Referrer EHR' } as const;

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export const percent = (rate: number | null): string => (rate === null ? 'no attempts' : `${(rate * 100).toFixed(rate > 0 && rate < 0.01 ? 1 : 0)}% errors`);

export const windowSummary = (w: ActivityWindow): string => `${w.completed} sent · ${w.failed} failed · ${percent(w.errorRate)}`;

/** A duration in seconds as a person reads it: "45 s", "12 min", "3 h 5 min". */
export function age(seconds: number | null): string {
  if (seconds === null) return 'nothing pending';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}

const timeFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'medium' });
export const when = (iso: string | null, never = 'never'): string => (iso ? timeFormat.format(new Date(iso)) : never);
