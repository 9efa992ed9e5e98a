import type { OutcomeSummary } from '@keta/domain';
import type { EntityManager } from 'typeorm';
import { requeueCurrent } from './outbox.queries';

/**
 * Records versions the EHR refused by its rules as dead letters: they wait for a person (a replay) or for
 * a newer version; the rest of the sync goes on without them.
 */
export async function recordDeadLetter(
  db: EntityManager,
  connectionId: string,
  records: ReadonlyArray<{ resourceType: string; resourceId: string; localVersion: number }>,
  errorCode: string,
  outcome: OutcomeSummary | null,
): Promise<void> {
  for (const r of records) {
    await db.query(
      `INSERT INTO sync_ledger AS l (connection_id, resource_type, resource_id, local_version, status, attempts, last_error_code, dead_version, outcome)
       VALUES ($1, $2, $3, $4, 'dead', 1, $5, $4, $6)
       ON CONFLICT (connection_id, resource_type, resource_id) DO UPDATE SET
         status = 'dead', attempts = l.attempts + 1, last_error_code = EXCLUDED.last_error_code, dead_version = EXCLUDED.dead_version,
         outcome = EXCLUDED.outcome, withheld_version = NULL, updated_at = now()
       WHERE NOT (l.status = 'synced' AND l.local_version >= EXCLUDED.dead_version)`,
      [connectionId, r.resourceType, r.resourceId, r.localVersion, errorCode, outcome ? JSON.stringify(outcome) : null],
    );
  }
}

/** A dead letter as ops see it: ids, type, version, codes and paths; never the record or the EHR's text. */
export interface DeadLetter {
  connectionId: string;
  resourceType: string;
  resourceId: string;
  patientId: string;
  version: number;
  errorCode: string | null;
  outcome: OutcomeSummary | null;
  attempts: number;
  at: string;
}

export async function listDeadLetters(db: EntityManager, connectionId?: string): Promise<DeadLetter[]> {
  const rows = (await db.query(
    `SELECT l.connection_id, l.resource_type, l.resource_id, r.patient_id, l.dead_version, l.last_error_code, l.outcome, l.attempts, l.updated_at
       FROM sync_ledger l JOIN fhir_resource r ON r.resource_type = l.resource_type AND r.id = l.resource_id
      WHERE l.status = 'dead' AND ($1::uuid IS NULL OR l.connection_id = $1)
      ORDER BY l.updated_at, l.resource_type, l.resource_id`,
    [connectionId ?? null],
  )) as Array<{
    connection_id: string; resource_type: string; resource_id: string; patient_id: string; dead_version: number;
    last_error_code: string | null; outcome: OutcomeSummary | null; attempts: number; updated_at: Date;
  }>;
  return rows.map((r) => ({
    connectionId: r.connection_id, resourceType: r.resource_type, resourceId: r.resource_id, patientId: r.patient_id, version: r.dead_version,
    errorCode: r.last_error_code, outcome: r.outcome, attempts: r.attempts, at: r.updated_at.toISOString(),
  }));
}

/**
 * Sends a dead letter again (after the EHR or the data was fixed): the ledger forgets the refusal and the
 * record's current version goes back into the outbox, in the caller's transaction. False when there is none.
 */
export async function replayDeadLetter(db: EntityManager, key: { connectionId: string; resourceType: string; resourceId: string }): Promise<boolean> {
  const [, count] = (await db.query(
    `UPDATE sync_ledger SET status = 'failed', dead_version = NULL, updated_at = now()
      WHERE connection_id = $1 AND resource_type = $2 AND resource_id = $3 AND status = 'dead'`,
    [key.connectionId, key.resourceType, key.resourceId],
  )) as [unknown, number];
  if (!count) return false;
  await requeueCurrent(db, [key]);
  return true;
}
