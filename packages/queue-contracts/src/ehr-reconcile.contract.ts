import { z } from 'zod';

/**
 * Reconciliation: the ledger compared with what each EHR holds, by identifier search. One queue for every
 * connection (the work is a few batch searches per run, not a stream per destination); a job names the
 * connection and, when ops ask about one patient, the patient. Ids only: the worker reads the rest.
 */
export const EHR_RECONCILE_QUEUE = 'ehr-reconcile' as const;
export const RECONCILE_WITH_EHR_JOB = 'reconcile-with-ehr' as const;

export const reconcileWithEhrPayload = z.strictObject({
  connectionId: z.uuid(),
  /** All of this patient's synced records; without it, the connection's least recently checked sample. */
  patientId: z.uuid().optional(),
});
export type ReconcileWithEhrPayload = z.infer<typeof reconcileWithEhrPayload>;

/** One job scheduler per connection: every worker upserts the same id, so the sample runs once per period. */
export function reconcileSchedulerId(connectionId: string): string {
  return `reconcile.${connectionId}`;
}

/** Every job name the reconciliation worker must have a processor for. */
export const RECONCILE_JOB_NAMES = [RECONCILE_WITH_EHR_JOB] as const;

/** How a reconciliation job is retried and kept, whoever adds it (the worker's schedulers, the API for ops). */
export const RECONCILE_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5000, jitter: 0.5 },
  removeOnComplete: { count: 200 },
  removeOnFail: { count: 500 },
} as const;
