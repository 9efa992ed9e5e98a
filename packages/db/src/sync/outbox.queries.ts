import type { EntityManager } from 'typeorm';

/** A connection that should receive a patient's pending changes. */
export interface SyncTarget {
  connectionId: string;
  patientId: string;
}

/**
 * The connections an outbox row's record goes to (`o` is the row): every enabled clinic EHR; a referrer's
 * EHR only the Patient, ServiceRequest and Task of referrals sent by one of its NPIs (the closed loop).
 */
const TARGET_CONNECTIONS = `SELECT c.id FROM ehr_connection c WHERE c.enabled AND (c.kind = 'clinic-ehr' OR (c.kind = 'referrer-ehr' AND EXISTS (
  SELECT 1 FROM referral r WHERE r.referrer_npi = ANY(c.referrer_npis) AND (
    (o.resource_type = 'Patient' AND r.patient_id = o.resource_id) OR (o.resource_type = 'ServiceRequest' AND r.id = o.resource_id)
    OR (o.resource_type = 'Task' AND r.task_id = o.resource_id)))))`;

/**
 * True where a target connection's ledger neither holds this outbox row's version nor dead-lettered or
 * withheld it (a dead letter waits for a person, a withheld record for a consent; neither for the relay).
 */
const UNCONFIRMED = `NOT EXISTS (
  SELECT 1 FROM sync_ledger l
   WHERE l.connection_id = c.id AND l.resource_type = o.resource_type AND l.resource_id = o.resource_id
     AND ((l.status = 'synced' AND l.local_version >= o.version) OR (l.status = 'dead' AND l.dead_version >= o.version)
          OR (l.status = 'withheld' AND l.withheld_version >= o.version)))`;

/**
 * Marks outbox rows done once every target connection's ledger confirms them (or there is no target).
 * Scoped to one patient after a sync, or to all pending rows from the relay.
 */
export async function completeConfirmedOutbox(db: EntityManager, patientId?: string): Promise<number> {
  const result = (await db.query(
    `UPDATE outbox o SET done_at = now()
      WHERE o.done_at IS NULL AND ($1::uuid IS NULL OR o.patient_id = $1)
        AND NOT EXISTS (SELECT 1 FROM (${TARGET_CONNECTIONS}) c WHERE ${UNCONFIRMED})`,
    [patientId ?? null],
  )) as [unknown, number];
  return result[1];
}

/**
 * Claims pending outbox rows that were never enqueued or whose job has not confirmed them in time, and
 * answers the (connection, patient) pairs to enqueue. SKIP LOCKED lets several relays share the work.
 */
export async function claimSyncTargets(tx: EntityManager, requeueAfterMs: number, limit: number): Promise<SyncTarget[]> {
  const rows = (await tx.query(
    `WITH claimable AS (
       SELECT o.id FROM outbox o
        WHERE o.done_at IS NULL
          AND (o.enqueued_at IS NULL OR o.enqueued_at < now() - make_interval(secs => $1::double precision / 1000))
        ORDER BY o.id LIMIT $2 FOR UPDATE SKIP LOCKED),
     claimed AS (UPDATE outbox o SET enqueued_at = now() FROM claimable WHERE o.id = claimable.id RETURNING o.*)
     SELECT DISTINCT c.id AS connection_id, o.patient_id FROM claimed o CROSS JOIN LATERAL (${TARGET_CONNECTIONS}) c WHERE ${UNCONFIRMED}`,
    [requeueAfterMs, limit],
  )) as Array<{ connection_id: string; patient_id: string }>;
  return rows.map((row) => ({ connectionId: row.connection_id, patientId: row.patient_id }));
}

/** Makes a patient's unconfirmed rows claimable again at once (after a sync that may have missed some). */
export async function releasePatientOutbox(db: EntityManager, patientId: string): Promise<void> {
  await db.query(`UPDATE outbox SET enqueued_at = NULL WHERE patient_id = $1 AND done_at IS NULL`, [patientId]);
}

/** The outbox's backlog as a whole: rows not yet done, and the age in seconds of the oldest (null when none). */
export async function outboxBacklog(db: EntityManager): Promise<{ pending: number; oldestSeconds: number | null }> {
  const [row] = (await db.query(
    `SELECT count(*)::int AS pending, extract(epoch FROM now() - min(created_at))::float8 AS oldest FROM outbox WHERE done_at IS NULL`,
  )) as Array<{ pending: number; oldest: number | null }>;
  return { pending: row?.pending ?? 0, oldestSeconds: row?.oldest ?? null };
}

/** What one connection still has to receive, and when its ledger last confirmed a record. */
export interface ConnectionBacklog {
  connectionId: string;
  pending: number;
  /** Age in seconds of the oldest outbox row it has not confirmed; null when nothing is pending. */
  oldestPendingSeconds: number | null;
  /** Seconds since its ledger last confirmed a record, or since the connection was made when it never did. */
  sinceLastSyncSeconds: number;
}

/** Per enabled connection: the outbox rows it has not confirmed (by the relay's own rule) and its last success. */
export async function connectionBacklogs(db: EntityManager): Promise<ConnectionBacklog[]> {
  const rows = (await db.query(
    `WITH pending AS (
       SELECT c.id AS connection_id, count(*)::int AS pending, extract(epoch FROM now() - min(o.created_at))::float8 AS oldest
         FROM outbox o CROSS JOIN LATERAL (${TARGET_CONNECTIONS}) c
        WHERE o.done_at IS NULL AND ${UNCONFIRMED}
        GROUP BY c.id)
     SELECT e.id AS connection_id, coalesce(p.pending, 0) AS pending, p.oldest,
            extract(epoch FROM now() - coalesce((SELECT max(l.updated_at) FROM sync_ledger l WHERE l.connection_id = e.id AND l.status = 'synced'), e.created_at))::float8 AS since_sync
       FROM ehr_connection e LEFT JOIN pending p ON p.connection_id = e.id
      WHERE e.enabled`,
  )) as Array<{ connection_id: string; pending: number; oldest: number | null; since_sync: number }>;
  return rows.map((r) => ({ connectionId: r.connection_id, pending: r.pending, oldestPendingSeconds: r.oldest, sinceLastSyncSeconds: r.since_sync }));
}

/** Puts each record's current version back into the outbox (a dead letter replayed): the relay sends it on. */
export async function requeueCurrent(db: EntityManager, records: ReadonlyArray<{ resourceType: string; resourceId: string }>): Promise<void> {
  if (!records.length) return;
  await db.query(
    `INSERT INTO outbox (patient_id, resource_type, resource_id, version)
     SELECT f.patient_id, f.resource_type, f.id, f.version FROM fhir_resource f
       JOIN unnest($1::text[], $2::uuid[]) AS k(resource_type, id) ON k.resource_type = f.resource_type AND k.id = f.id`,
    [records.map((r) => r.resourceType), records.map((r) => r.resourceId)],
  );
}
