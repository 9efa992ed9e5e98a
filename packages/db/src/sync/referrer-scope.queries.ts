import type { EntityManager } from 'typeorm';

/**
 * What of a patient's records a referrer's EHR receives (`Type/id` keys): the Patient, ServiceRequest and
 * Task of the referrals its referrers' NPIs sent; the same rule as the outbox's targets (outbox.queries.ts).
 */
export async function referrerScope(db: EntityManager, patientId: string, referrerNpis: readonly string[]): Promise<Set<string>> {
  const rows = (await db.query(
    `SELECT id, task_id FROM referral WHERE patient_id = $1 AND referrer_npi = ANY($2::text[])`,
    [patientId, referrerNpis],
  )) as Array<{ id: string; task_id: string }>;
  if (!rows.length) return new Set();
  return new Set([`Patient/${patientId}`, ...rows.flatMap((r) => [`ServiceRequest/${r.id}`, `Task/${r.task_id}`])]);
}
