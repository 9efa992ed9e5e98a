import type { ReferralPollView } from '@keta/domain';
import type { EntityManager } from 'typeorm';

/** A connection's poll as inbound_poll keeps it (what ops see, and what only the poll needs): no PHI. */
export interface InboundPollState extends ReferralPollView {
  connectionId: string;
  /** `id|versionId` of the ServiceRequests taken at the watermark's instant: read again by `ge`, passed. */
  seenAtWatermark: string[];
}

export interface PollTally {
  received: number;
  refused: number;
  lastRefusalCode: string | null;
  /** Referrals that could not be taken (the intake failed, or a record of theirs), held to be tried again (held-referrals.store). */
  held: number;
}

/** Every enabled connection that polls has its row; new ones are due at once. */
export async function ensurePollRows(db: EntityManager): Promise<void> {
  await db.query(`
    INSERT INTO inbound_poll (connection_id)
    SELECT id FROM ehr_connection WHERE enabled AND poll_referrals IS NOT NULL
    ON CONFLICT (connection_id) DO NOTHING`);
}

/**
 * Locks the poll row of one connection due a poll (or of the one named, due or not) for the caller's
 * transaction. SKIP LOCKED: another replica polling it already is not waited for, it is skipped, so each
 * connection is polled by one replica at a time while the others poll the rest.
 */
export async function claimPoll(tx: EntityManager, connectionId?: string): Promise<string | undefined> {
  const [row] = (await tx.query(
    `SELECT p.connection_id FROM inbound_poll p JOIN ehr_connection c ON c.id = p.connection_id
     WHERE c.enabled AND NOT c.paused AND c.poll_referrals IS NOT NULL AND (($1::uuid IS NULL AND p.next_poll_at <= now()) OR p.connection_id = $1::uuid)
     ORDER BY p.next_poll_at LIMIT 1 FOR UPDATE OF p SKIP LOCKED`,
    [connectionId ?? null],
  )) as Array<{ connection_id: string }>;
  return row?.connection_id;
}

/** A poll's row with what it holds: how many referrals, since when, and the latest failure's code. */
const POLL_WITH_HELD = `
  SELECT p.*, h.held, h.held_since, h.last_held_code FROM inbound_poll p
  LEFT JOIN LATERAL (
    SELECT count(*)::int AS held, min(held_at) AS held_since, (array_agg(error_code ORDER BY held_at DESC))[1] AS last_held_code
    FROM inbound_poll_held WHERE connection_id = p.connection_id
  ) h ON true`;

export async function readPoll(db: EntityManager, connectionId: string): Promise<InboundPollState | undefined> {
  const [row] = (await db.query(`${POLL_WITH_HELD} WHERE p.connection_id = $1`, [connectionId])) as PollRow[];
  return row && toState(row);
}

export async function readPolls(db: EntityManager): Promise<Map<string, InboundPollState>> {
  const rows = (await db.query(POLL_WITH_HELD)) as PollRow[];
  return new Map(rows.map((row) => [row.connection_id, toState(row)]));
}

/** The watermark, once a page's referrals have been received (the caller moves it forward only). */
export async function advanceWatermark(tx: EntityManager, connectionId: string, watermark: string, seenAtWatermark: string[]): Promise<void> {
  await tx.query(`UPDATE inbound_poll SET watermark = $2, seen_at_watermark = $3 WHERE connection_id = $1`, [connectionId, watermark, seenAtWatermark]);
}

/** The poll ended (done, or failed with `errorCode`): counted, and due again `everySeconds` from now. */
export async function finishPoll(tx: EntityManager, connectionId: string, tally: PollTally, everySeconds: number, errorCode: string | null): Promise<void> {
  await tx.query(
    `UPDATE inbound_poll SET polled_at = now(), next_poll_at = now() + make_interval(secs => $2),
       received = received + $3, refused = refused + $4, last_refusal_code = COALESCE($5, last_refusal_code),
       last_error_code = $6, last_error_at = CASE WHEN $6::text IS NULL THEN last_error_at ELSE now() END
     WHERE connection_id = $1`,
    [connectionId, everySeconds, tally.received, tally.refused, tally.lastRefusalCode, errorCode],
  );
}

interface PollRow {
  connection_id: string;
  watermark: Date | null;
  seen_at_watermark: string[];
  polled_at: Date | null;
  next_poll_at: Date;
  last_error_code: string | null;
  last_error_at: Date | null;
  received: number;
  refused: number;
  last_refusal_code: string | null;
  held: number;
  held_since: Date | null;
  last_held_code: string | null;
}

function toState(row: PollRow): InboundPollState {
  return {
    connectionId: row.connection_id, watermark: row.watermark?.toISOString() ?? null, seenAtWatermark: row.seen_at_watermark, polledAt: row.polled_at?.toISOString() ?? null,
    nextPollAt: row.next_poll_at.toISOString(), lastErrorCode: row.last_error_code, lastErrorAt: row.last_error_at?.toISOString() ?? null,
    received: row.received, refused: row.refused, lastRefusalCode: row.last_refusal_code,
    held: row.held, heldSince: row.held_since?.toISOString() ?? null, lastHeldCode: row.last_held_code,
  };
}
