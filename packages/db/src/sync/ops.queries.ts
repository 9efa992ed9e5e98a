import type { LedgerRecord, LedgerStatus, OutcomeSummary } from '@keta/domain';
import type { EntityManager } from 'typeorm';
import { requeueCurrent } from './outbox.queries';

/** The ledger's `dead` status is a dead letter to ops. */
const TO_LEDGER: Record<LedgerStatus, string> = { synced: 'synced', failed: 'failed', 'dead-letter': 'dead', withheld: 'withheld' };
const FOR_OPS = (status: string): LedgerStatus => (status === 'dead' ? 'dead-letter' : (status as LedgerStatus));

export interface LedgerSummary {
  deadLetters: number;
  failed: number;
  lastSuccessAt: Date | null;
  topFailureReasons: Array<{ code: string; count: number }>;
}

/** Per connection: dead letters, failing records, the last record it took, and the most frequent error codes. */
export async function ledgerSummaries(db: EntityManager): Promise<Map<string, LedgerSummary>> {
  const totals = (await db.query(
    `SELECT connection_id, count(*) FILTER (WHERE status = 'dead')::int AS dead, count(*) FILTER (WHERE status = 'failed')::int AS failed,
            max(updated_at) FILTER (WHERE status = 'synced') AS last_success
       FROM sync_ledger GROUP BY connection_id`,
  )) as Array<{ connection_id: string; dead: number; failed: number; last_success: Date | null }>;
  const reasons = (await db.query(
    `SELECT connection_id, last_error_code AS code, count(*)::int AS count FROM sync_ledger
      WHERE status IN ('failed', 'dead') AND last_error_code IS NOT NULL
      GROUP BY connection_id, last_error_code ORDER BY count DESC, last_error_code`,
  )) as Array<{ connection_id: string; code: string; count: number }>;
  return new Map(totals.map((t) => [t.connection_id, {
    deadLetters: t.dead, failed: t.failed, lastSuccessAt: t.last_success,
    topFailureReasons: reasons.filter((r) => r.connection_id === t.connection_id).slice(0, 5).map(({ code, count }) => ({ code, count })),
  }]));
}

export interface LedgerSearch {
  connectionId?: string;
  resourceId?: string;
  /** A referral's patient: every record of the patient the referral is about. */
  referralId?: string;
  patientId?: string;
  resourceType?: string;
  status?: LedgerStatus;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** The ledger's rows that match, newest change first. */
export async function searchLedger(db: EntityManager, search: LedgerSearch): Promise<LedgerRecord[]> {
  const rows = (await db.query(
    `SELECT l.connection_id, l.resource_type, l.resource_id, r.patient_id, l.local_version, l.remote_id, l.status, l.attempts,
            l.last_error_code, l.outcome, l.updated_at
       FROM sync_ledger l JOIN fhir_resource r ON r.resource_type = l.resource_type AND r.id = l.resource_id
      WHERE ($1::uuid IS NULL OR l.connection_id = $1) AND ($2::uuid IS NULL OR l.resource_id = $2)
        AND ($3::uuid IS NULL OR r.patient_id = (SELECT patient_id FROM referral WHERE id = $3))
        AND ($4::uuid IS NULL OR r.patient_id = $4) AND ($5::text IS NULL OR l.resource_type = $5) AND ($6::text IS NULL OR l.status = $6)
        AND ($7::timestamptz IS NULL OR l.updated_at >= $7) AND ($8::timestamptz IS NULL OR l.updated_at <= $8)
      ORDER BY l.updated_at DESC, l.resource_type, l.resource_id LIMIT $9 OFFSET $10`,
    [
      search.connectionId ?? null, search.resourceId ?? null, search.referralId ?? null, search.patientId ?? null, search.resourceType ?? null,
      search.status ? TO_LEDGER[search.status] : null, search.from ?? null, search.to ?? null, search.limit, search.offset,
    ],
  )) as Array<{
    connection_id: string; resource_type: string; resource_id: string; patient_id: string; local_version: number; remote_id: string | null;
    status: string; attempts: number; last_error_code: string | null; outcome: OutcomeSummary | null; updated_at: Date;
  }>;
  return rows.map((r) => ({
    connectionId: r.connection_id, resourceType: r.resource_type, resourceId: r.resource_id, patientId: r.patient_id, localVersion: r.local_version,
    remoteId: r.remote_id, status: FOR_OPS(r.status), attempts: r.attempts, lastErrorCode: r.last_error_code, outcome: r.outcome, updatedAt: r.updated_at.toISOString(),
  }));
}

/** Sends every dead letter of a connection again (the EHR was fixed), in the caller's transaction; answers how many. */
export async function replayDeadLettersOf(db: EntityManager, connectionId: string): Promise<number> {
  const replayed = (await db.query(
    `UPDATE sync_ledger SET status = 'failed', dead_version = NULL, updated_at = now()
      WHERE connection_id = $1 AND status = 'dead' RETURNING resource_type, resource_id`,
    [connectionId],
  )) as [Array<{ resource_type: string; resource_id: string }>, number];
  const keys = replayed[0];
  await requeueCurrent(db, keys.map((k) => ({ resourceType: k.resource_type, resourceId: k.resource_id })));
  return keys.length;
}

/**
 * Sends a patient's records to a connection again, whole (the EHR lost or changed them): the ledger forgets
 * the versions it confirmed (keeping the EHR's ids) and every current record goes back into the outbox.
 * Dead letters and withheld records stay as they are. Answers how many records were queued.
 */
export async function resyncPatient(db: EntityManager, connectionId: string, patientId: string): Promise<number> {
  await db.query(
    `UPDATE sync_ledger l SET local_version = 0, updated_at = now() FROM fhir_resource f
      WHERE l.connection_id = $1 AND l.status = 'synced' AND f.resource_type = l.resource_type AND f.id = l.resource_id AND f.patient_id = $2`,
    [connectionId, patientId],
  );
  const queued = (await db.query(
    `INSERT INTO outbox (patient_id, resource_type, resource_id, version)
     SELECT patient_id, resource_type, id, version FROM fhir_resource WHERE patient_id = $1 RETURNING id`,
    [patientId],
  )) as unknown[];
  return queued.length;
}

/**
 * Sends everything a connection holds again (the EHR lost or changed much of it): every synced record goes
 * behind in its ledger (the EHR's ids are kept) and back into the outbox, in one statement, so the relay hands
 * each patient with records there to the sync (in its batches: this does not send anything itself). Dead
 * letters and withheld records stay as they are. Answers how many records and patients were queued.
 */
export async function resyncConnection(db: EntityManager, connectionId: string): Promise<{ queued: number; patients: number }> {
  const [row] = (await db.query(
    `WITH behind AS (
       UPDATE sync_ledger SET local_version = 0, updated_at = now() WHERE connection_id = $1 AND status = 'synced' RETURNING resource_type, resource_id),
     queued AS (
       INSERT INTO outbox (patient_id, resource_type, resource_id, version)
       SELECT f.patient_id, f.resource_type, f.id, f.version FROM fhir_resource f JOIN behind b ON b.resource_type = f.resource_type AND b.resource_id = f.id
       RETURNING patient_id)
     SELECT count(*)::int AS queued, count(DISTINCT patient_id)::int AS patients FROM queued`,
    [connectionId],
  )) as Array<{ queued: number; patients: number }>;
  return { queued: row?.queued ?? 0, patients: row?.patients ?? 0 };
}

/** Whether the patient has any record kept (in the FHIR projection): something to send or compare. */
export async function hasRecords(db: EntityManager, patientId: string): Promise<boolean> {
  const [row] = (await db.query(`SELECT 1 FROM fhir_resource WHERE patient_id = $1 LIMIT 1`, [patientId])) as unknown[];
  return row !== undefined;
}
