import type { EntityManager } from 'typeorm';

export interface LedgerEntry {
  resourceType: string;
  resourceId: string;
  localVersion: number;
  remoteId: string | null;
  remoteVersion: string | null;
}

export interface LedgerState {
  localVersion: number;
  status: string;
  remoteId: string | null;
  /** The version the EHR refused by its rules, waiting for a person (a dead letter). */
  deadVersion: number | null;
}

/** What a connection's ledger says of each of a patient's records, keyed `Type/id`. */
export async function readLedger(db: EntityManager, connectionId: string, resourceIds: readonly string[]): Promise<Map<string, LedgerState>> {
  const rows = (await db.query(
    `SELECT resource_type, resource_id, local_version, status, remote_id, dead_version FROM sync_ledger WHERE connection_id = $1 AND resource_id = ANY($2::uuid[])`,
    [connectionId, resourceIds],
  )) as Array<{ resource_type: string; resource_id: string; local_version: number; status: string; remote_id: string | null; dead_version: number | null }>;
  return new Map(rows.map((r) => [
    `${r.resource_type}/${r.resource_id}`, { localVersion: r.local_version, status: r.status, remoteId: r.remote_id, deadVersion: r.dead_version },
  ]));
}

/** Whether a record's current version still has to go: not held yet, and not a dead letter at this version. */
export function isBehind(held: LedgerState | undefined, version: number): boolean {
  if (!held) return true;
  if (held.status === 'dead') return (held.deadVersion ?? 0) < version;
  // Withheld records are looked at again on every sync: a consent signed since may let them go.
  if (held.status === 'withheld') return true;
  return held.status !== 'synced' || held.localVersion < version;
}

/**
 * Records what the EHR confirmed. A late job never overwrites a newer confirmation: the row only moves
 * forward in local version.
 */
export async function recordSynced(db: EntityManager, connectionId: string, entries: readonly LedgerEntry[]): Promise<void> {
  for (const e of entries) {
    await db.query(
      `INSERT INTO sync_ledger AS l (connection_id, resource_type, resource_id, local_version, remote_id, remote_version, status, attempts, last_error_code)
       VALUES ($1, $2, $3, $4, $5, $6, 'synced', 1, NULL)
       ON CONFLICT (connection_id, resource_type, resource_id) DO UPDATE SET
         local_version = EXCLUDED.local_version, remote_id = EXCLUDED.remote_id, remote_version = EXCLUDED.remote_version,
         status = 'synced', attempts = l.attempts + 1, last_error_code = NULL, dead_version = NULL, outcome = NULL, withheld_version = NULL,
         updated_at = now()
       WHERE l.local_version <= EXCLUDED.local_version`,
      [connectionId, e.resourceType, e.resourceId, e.localVersion, e.remoteId, e.remoteVersion],
    );
  }
}

/** Records a failed attempt for records the EHR does not hold yet at this version (an error code, never PHI). */
export async function recordFailure(
  db: EntityManager,
  connectionId: string,
  records: ReadonlyArray<{ resourceType: string; resourceId: string; localVersion: number }>,
  errorCode: string,
): Promise<void> {
  for (const r of records) {
    await db.query(
      `INSERT INTO sync_ledger AS l (connection_id, resource_type, resource_id, local_version, status, attempts, last_error_code)
       VALUES ($1, $2, $3, $4, 'failed', 1, $5)
       ON CONFLICT (connection_id, resource_type, resource_id) DO UPDATE SET
         attempts = l.attempts + 1, last_error_code = EXCLUDED.last_error_code, updated_at = now(),
         status = CASE WHEN l.local_version >= EXCLUDED.local_version THEN l.status ELSE 'failed' END,
         dead_version = CASE WHEN l.local_version >= EXCLUDED.local_version THEN l.dead_version END,
         withheld_version = CASE WHEN l.local_version >= EXCLUDED.local_version THEN l.withheld_version END`,
      [connectionId, r.resourceType, r.resourceId, r.localVersion, errorCode],
    );
  }
}


/**
 * Records versions consent keeps from a connection, the reason as the code ("the ledger says why"). What the
 * EHR already holds is kept as it was (its local and remote versions); the outbox row is settled.
 */
export async function recordWithheld(
  db: EntityManager,
  connectionId: string,
  records: ReadonlyArray<{ resourceType: string; resourceId: string; localVersion: number }>,
  reason: string,
): Promise<void> {
  for (const r of records) {
    await db.query(
      `INSERT INTO sync_ledger AS l (connection_id, resource_type, resource_id, local_version, status, attempts, last_error_code, withheld_version)
       VALUES ($1, $2, $3, $4, 'withheld', 0, $5, $4)
       ON CONFLICT (connection_id, resource_type, resource_id) DO UPDATE SET
         status = 'withheld', last_error_code = EXCLUDED.last_error_code, withheld_version = EXCLUDED.withheld_version,
         dead_version = NULL, outcome = NULL, updated_at = now()`,
      [connectionId, r.resourceType, r.resourceId, r.localVersion, reason],
    );
  }
}
