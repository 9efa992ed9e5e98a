/**
 * What the worker says in Redis about each connection's sync, for the ops console and alerts to read: counts
 * of sync attempts per minute (each attempt, retries included, so an EHR that fails shows at once), and the
 * circuit's state. Counts, states and ids only: never a record's content.
 */

/** Minute buckets are kept this long: the console shows the last hour. */
export const SYNC_ACTIVITY_TTL_SECONDS = 2 * 60 * 60;

export const SYNC_OUTCOMES = ['completed', 'failed'] as const;
export type SyncOutcome = (typeof SYNC_OUTCOMES)[number];

/** The start of the minute an instant falls in, in epoch minutes. */
export function epochMinute(at: number): number {
  return Math.floor(at / 60_000);
}

/** A hash of outcome → count for one connection and minute. */
export function syncActivityKey(prefix: string, connectionId: string, minute: number): string {
  return `${prefix}:ops:activity:${connectionId}:${minute}`;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

/** A hash { state, since (ISO) } per connection; with several workers, the last change any of them saw wins. */
export function circuitKey(prefix: string, connectionId: string): string {
  return `${prefix}:ops:circuit:${connectionId}`;
}
