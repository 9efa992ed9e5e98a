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
  const rows = latestOf(entries);
  if (!rows.length) return;
  await db.query(
    `INSERT INTO sync_ledger AS l (connection_id, resource_type, resource_id, local_version, remote_id, remote_version, status, attempts, last_error_code)
     SELECT $1, t.resource_type, t.resource_id, t.local_version, t.remote_id, t.remote_version, 'synced', 1, NULL
       FROM unnest($2::text[], $3::uuid[], $4::integer[], $5::text[], $6::text[]) AS t (resource_type, resource_id, local_version, remote_id, remote_version)
     ON CONFLICT (connection_id, resource_type, resource_id) DO UPDATE SET
       local_version = EXCLUDED.local_version, remote_id = EXCLUDED.remote_id, remote_version = EXCLUDED.remote_version,
       status = 'synced', attempts = l.attempts + 1, last_error_code = NULL, dead_version = NULL, outcome = NULL, withheld_version = NULL,
       updated_at = now()
     WHERE l.local_version <= EXCLUDED.local_version`,
    [connectionId, ...columnsOf(rows), rows.map((e) => e.remoteId), rows.map((e) => e.remoteVersion)],
  );
}

type RecordVersion = { resourceType: string; resourceId: string; localVersion: number };

/**
 * One row per record, its latest version: the statements below write all rows at once, and one statement
 * may not touch a ledger row twice.
 */
function latestOf<T extends RecordVersion>(records: readonly T[]): T[] {
  const byKey = new Map<string, T>();
  for (const r of records) {
    const key = `${r.resourceType}/${r.resourceId}`;
    const held = byKey.get(key);
    if (!held || held.localVersion < r.localVersion) byKey.set(key, r);
  }
  return [...byKey.values()];
}

function columnsOf(rows: readonly RecordVersion[]): [string[], string[], number[]] {
  return [rows.map((r) => r.resourceType), rows.map((r) => r.resourceId), rows.map((r) => r.localVersion)];
}

/** Records a failed attempt for records the EHR does not hold yet at this version (an error code, never PHI). */
export async function recordFailure(
  db: EntityManager,
  connectionId: string,
  records: readonly RecordVersion[],
  errorCode: string,
): Promise<void> {
  const rows = latestOf(records);
  if (!rows.length) return;
  await db.query(
    `INSERT INTO sync_ledger AS l (connection_id, resource_type, resource_id, local_version, status, attempts, last_error_code)
     SELECT $1, t.resource_type, t.resource_id, t.local_version, 'failed', 1, $5
       FROM unnest($2::text[], $3::uuid[], $4::integer[]) AS t (resource_type, resource_id, local_version)
     ON CONFLICT (connection_id, resource_type, resource_id) DO UPDATE SET
       attempts = l.attempts + 1, last_error_code = EXCLUDED.last_error_code, updated_at = now(),
       status = CASE WHEN l.local_version >= EXCLUDED.local_version THEN l.status ELSE 'failed' END,
       dead_version = CASE WHEN l.local_version >= EXCLUDED.local_version THEN l.dead_version END,
       withheld_version = CASE WHEN l.local_version >= EXCLUDED.local_version THEN l.withheld_version END`,
    [connectionId, ...columnsOf(rows), errorCode],
  );
}


/**
 * Records versions consent keeps from a connection, the reason as the code ("the ledger says why"). What the
 * EHR already holds is kept as it was (its local and remote versions); the outbox row is settled.
 */
export async function recordWithheld(
  db: EntityManager,
  connectionId: string,
  records: readonly RecordVersion[],
  reason: string,
): Promise<void> {
  const rows = latestOf(records);
  if (!rows.length) return;
  await db.query(
    `INSERT INTO sync_ledger AS l (connection_id, resource_type, resource_id, local_version, status, attempts, last_error_code, withheld_version)
     SELECT $1, t.resource_type, t.resource_id, t.local_version, 'withheld', 0, $5, t.local_version
       FROM unnest($2::text[], $3::uuid[], $4::integer[]) AS t (resource_type, resource_id, local_version)
     ON CONFLICT (connection_id, resource_type, resource_id) DO UPDATE SET
       status = 'withheld', last_error_code = EXCLUDED.last_error_code, withheld_version = EXCLUDED.withheld_version,
       dead_version = NULL, outcome = NULL, updated_at = now()`,
    [connectionId, ...columnsOf(rows), reason],
  );
}
