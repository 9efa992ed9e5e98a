import { z } from 'zod';

/**
 * The EHR sync queues: one per connection, so each destination has its own rate limit and can be paused.
 * A job names a (connection, patient) pair and nothing else: the processor reads the current state from
 * PostgreSQL, so job payloads never carry PHI and a late job never sends stale data.
 */
export const EHR_SYNC_JOB = 'sync-patient' as const;

export const syncPatientPayload = z.strictObject({
  connectionId: z.uuid(),
  patientId: z.uuid(),
  traceId: z.string().min(1).max(64),
});
export type SyncPatientPayload = z.infer<typeof syncPatientPayload>;

/** A (connection, patient) pair with changes to send. */
export type SyncTarget = Pick<SyncPatientPayload, 'connectionId' | 'patientId'>;

/** BullMQ queue names may not contain ':'. */
export function ehrSyncQueueName(connectionId: string): string {
  return `ehr-sync.${connectionId}`;
}

/** At most one sync job waiting per (connection, patient): later changes ride along with it. */
export function syncDeduplicationId({ connectionId, patientId }: Pick<SyncPatientPayload, 'connectionId' | 'patientId'>): string {
  return `${connectionId}.${patientId}`;
}

/** Every job name the worker must have a processor for; it refuses to start otherwise. */
export const JOB_NAMES = [EHR_SYNC_JOB] as const;
export type JobName = (typeof JOB_NAMES)[number];
