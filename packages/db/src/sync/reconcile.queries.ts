import type { SyncIdentifier } from '@keta/fhir-mapping';
import type { EntityManager } from 'typeorm';
import { parseSyncKey } from '../projection/projection.store';
import { requeueCurrent } from './outbox.queries';

/** A record the ledger says an EHR holds: where (its id and version there) and how to find it (its identifier). */
export interface HeldRecord {
  resourceType: string;
  resourceId: string;
  patientId: string;
  remoteId: string;
  remoteVersion: string | null;
  syncIdentifier: SyncIdentifier;
}

export type RecordKey = { resourceType: string; resourceId: string };

/**
 * The connection's records to compare with its EHR: synced, with the EHR's id, and at the current version (one
 * behind is being sent anyway). Either all of one patient's, or the `limit` checked least recently (never first).
 */
export async function recordsToReconcile(
  db: EntityManager,
  connectionId: string,
  scope: { patientId: string } | { limit: number },
): Promise<HeldRecord[]> {
  const patientId = 'patientId' in scope ? scope.patientId : null;
  const rows = (await db.query(
    `SELECT l.resource_type, l.resource_id, f.patient_id, l.remote_id, l.remote_version, f.sync_identifier
       FROM sync_ledger l JOIN fhir_resource f ON f.resource_type = l.resource_type AND f.id = l.resource_id
      WHERE l.connection_id = $1 AND l.status = 'synced' AND l.remote_id IS NOT NULL AND l.local_version >= f.version
        AND ($2::uuid IS NULL OR f.patient_id = $2)
      ORDER BY l.reconciled_at NULLS FIRST, l.resource_type, l.resource_id
      LIMIT $3`,
    [connectionId, patientId, 'limit' in scope ? scope.limit : null],
  )) as Array<{ resource_type: string; resource_id: string; patient_id: string; remote_id: string; remote_version: string | null; sync_identifier: string }>;
  return rows.map((r) => ({
    resourceType: r.resource_type, resourceId: r.resource_id, patientId: r.patient_id, remoteId: r.remote_id, remoteVersion: r.remote_version,
    syncIdentifier: parseSyncKey(r.sync_identifier),
  }));
}

/**
 * Sends records to a connection again: its ledger forgets the version it confirmed (keeping the EHR's id, and
 * leaving dead letters and withheld records alone) and each current version goes back into the outbox, for the
 * relay to hand to the sync. A record compared with the EHR (a HeldRecord) is put behind only if the ledger
 * still holds the EHR's version it was compared at: one synced since then already matches. In the caller's
 * transaction; answers how many ledger rows were put behind.
 */
export async function resyncRecords(db: EntityManager, connectionId: string, records: ReadonlyArray<RecordKey | HeldRecord>): Promise<number> {
  if (!records.length) return 0;
  const compared = records.map((r) => 'remoteVersion' in r);
  const behind = (await db.query(
    `UPDATE sync_ledger l SET local_version = 0, updated_at = now()
       FROM unnest($2::text[], $3::uuid[], $4::boolean[], $5::text[]) AS k(resource_type, resource_id, compared, remote_version)
      WHERE l.connection_id = $1 AND l.status = 'synced' AND l.resource_type = k.resource_type AND l.resource_id = k.resource_id
        AND (NOT k.compared OR l.remote_version IS NOT DISTINCT FROM k.remote_version)
      RETURNING l.resource_type, l.resource_id`,
    [connectionId, records.map((r) => r.resourceType), records.map((r) => r.resourceId), compared, records.map((r) => ('remoteVersion' in r ? r.remoteVersion : null))],
  )) as [Array<{ resource_type: string; resource_id: string }>, number];
  await requeueCurrent(db, behind[0].map((r) => ({ resourceType: r.resource_type, resourceId: r.resource_id })));
  return behind[1];
}

/** Notes that these ledger rows were compared with the EHR now. */
export async function markReconciled(db: EntityManager, connectionId: string, records: readonly RecordKey[]): Promise<void> {
  if (!records.length) return;
  await db.query(
    `UPDATE sync_ledger l SET reconciled_at = now()
       FROM unnest($2::text[], $3::uuid[]) AS k(resource_type, resource_id)
      WHERE l.connection_id = $1 AND l.resource_type = k.resource_type AND l.resource_id = k.resource_id`,
    [connectionId, records.map((r) => r.resourceType), records.map((r) => r.resourceId)],
  );
}
