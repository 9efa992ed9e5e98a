import type { EntityManager } from 'typeorm';

export const SYNC_ALERT_KINDS = ['oldest-pending', 'failure-rate', 'no-success'] as const;
export type SyncAlertKind = (typeof SYNC_ALERT_KINDS)[number];

/** A state change of an alert to deliver: ids and numbers only. */
export interface SyncAlertNotice {
  id: string;
  status: 'firing' | 'resolved';
  connectionId: string;
  kind: SyncAlertKind;
  value: number;
  threshold: number;
  firedAt: string;
  resolvedAt: string | null;
}

/**
 * Opens the connection's alert of this kind unless one is open; true when this call opened it. The partial
 * unique index makes the check and the insert one step, so workers checking at once fire it once.
 */
export async function fireSyncAlert(db: EntityManager, connectionId: string, kind: SyncAlertKind, value: number, threshold: number): Promise<boolean> {
  const rows = (await db.query(
    `INSERT INTO sync_alert (connection_id, kind, value, threshold) VALUES ($1, $2, $3, $4)
     ON CONFLICT (connection_id, kind) WHERE resolved_at IS NULL DO NOTHING RETURNING id`,
    [connectionId, kind, value, threshold],
  )) as unknown[];
  return rows.length === 1;
}

/** Resolves the connection's open alert of this kind; true when there was one (and this call resolved it). */
export async function resolveSyncAlert(db: EntityManager, connectionId: string, kind: SyncAlertKind, value: number): Promise<boolean> {
  const [, count] = (await db.query(
    `UPDATE sync_alert SET resolved_at = now(), value = $3 WHERE connection_id = $1 AND kind = $2 AND resolved_at IS NULL`,
    [connectionId, kind, value],
  )) as [unknown, number];
  return count > 0;
}

/** The alert state changes not yet delivered, oldest first, locked for this transaction (others skip them). */
export async function claimUndeliveredAlerts(tx: EntityManager, limit: number): Promise<SyncAlertNotice[]> {
  const rows = (await tx.query(
    `SELECT id::text, connection_id, kind, value, threshold, fired_at, resolved_at, fired_notified_at FROM sync_alert
      WHERE fired_notified_at IS NULL OR (resolved_at IS NOT NULL AND resolved_notified_at IS NULL)
      ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  )) as Array<{ id: string; connection_id: string; kind: SyncAlertKind; value: number; threshold: number; fired_at: Date; resolved_at: Date | null; fired_notified_at: Date | null }>;
  const notices: SyncAlertNotice[] = [];
  for (const r of rows) {
    const base = { id: r.id, connectionId: r.connection_id, kind: r.kind, value: r.value, threshold: r.threshold, firedAt: r.fired_at.toISOString() };
    if (!r.fired_notified_at) notices.push({ ...base, status: 'firing', resolvedAt: null });
    if (r.resolved_at) notices.push({ ...base, status: 'resolved', resolvedAt: r.resolved_at.toISOString() });
  }
  return notices;
}

/** Records that a state change of an alert was delivered. */
export async function markAlertDelivered(tx: EntityManager, id: string, status: 'firing' | 'resolved'): Promise<void> {
  await tx.query(`UPDATE sync_alert SET ${status === 'firing' ? 'fired_notified_at' : 'resolved_notified_at'} = now() WHERE id = $1`, [id]);
}
