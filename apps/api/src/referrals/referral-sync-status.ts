import type { EntityManager } from 'typeorm';
import type { ConnectionSync, RecordSync } from './referral-view';

interface Row {
  connection_id: string;
  connection_name: string;
  resource_type: string;
  resource_id: string;
  version: number;
  local_version: number | null;
  remote_id: string | null;
  status: 'synced' | 'failed' | 'dead' | 'withheld' | null;
  attempts: number | null;
  last_error_code: string | null;
}

/** The sync state, per enabled clinic EHR, of a referral's records (its patient, ServiceRequest and Task). */
export async function referralSyncStatus(db: EntityManager, resourceIds: readonly string[]): Promise<ConnectionSync[]> {
  const rows = (await db.query(
    `SELECT c.id AS connection_id, c.name AS connection_name, r.resource_type, r.id AS resource_id, r.version,
            l.local_version, l.remote_id, l.status, l.attempts, l.last_error_code
       FROM ehr_connection c
       CROSS JOIN fhir_resource r
       LEFT JOIN sync_ledger l ON l.connection_id = c.id AND l.resource_type = r.resource_type AND l.resource_id = r.id
      WHERE c.enabled AND c.kind = 'clinic-ehr' AND r.id = ANY($1::uuid[])
      ORDER BY c.name, c.id, r.resource_type`,
    [resourceIds],
  )) as Row[];
  const byConnection = new Map<string, ConnectionSync>();
  for (const row of rows) {
    const connection = byConnection.get(row.connection_id) ?? { connectionId: row.connection_id, connectionName: row.connection_name, state: 'pending', records: [] };
    connection.records.push(toRecordSync(row));
    byConnection.set(row.connection_id, connection);
  }
  return [...byConnection.values()].map((c) => ({ ...c, state: stateOf(c.records) }));
}

function toRecordSync(row: Row): RecordSync {
  const current = row.status === 'synced' && (row.local_version ?? 0) >= row.version;
  return {
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    localVersion: row.version,
    syncedVersion: row.status === 'synced' ? row.local_version : null,
    remoteId: row.remote_id,
    status: current ? 'synced' : row.status === 'dead' ? 'dead-letter' : row.status === 'withheld' ? 'withheld' : row.status === 'failed' ? 'failed' : 'pending',
    attempts: row.attempts ?? 0,
    lastErrorCode: row.last_error_code,
  };
}

function stateOf(records: RecordSync[]): ConnectionSync['state'] {
  if (records.every((r) => r.status === 'synced' || r.status === 'withheld')) return 'synced';
  return records.some((r) => r.status === 'failed' || r.status === 'dead-letter') ? 'failed' : 'pending';
}
