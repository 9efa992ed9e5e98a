import type { EntityManager } from 'typeorm';

/** However often a held referral has failed, it is tried again at least this often. */
const LONGEST_WAIT_SECONDS = 6 * 60 * 60;

/** The EHR ids of this connection's held referrals that are due another try, the longest held first. */
export async function dueHeldReferrals(tx: EntityManager, connectionId: string, limit: number): Promise<string[]> {
  const rows = (await tx.query(
    `SELECT request_id FROM inbound_poll_held WHERE connection_id = $1 AND next_attempt_at <= now() ORDER BY held_at LIMIT $2`,
    [connectionId, limit],
  )) as Array<{ request_id: string }>;
  return rows.map((r) => r.request_id);
}

/**
 * Holds a referral whose intake failed (or whose EHR did not answer when it was tried again), or counts one
 * more failure of one held already: tried again after `everySeconds`, then twice as long after each failure,
 * up to LONGEST_WAIT_SECONDS (the doubling stops at 2^20, long past it, so the number never overflows).
 */
export async function holdReferral(tx: EntityManager, connectionId: string, requestId: string, errorCode: string, everySeconds: number): Promise<void> {
  await tx.query(
    `INSERT INTO inbound_poll_held (connection_id, request_id, error_code, next_attempt_at)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4))
     ON CONFLICT (connection_id, request_id) DO UPDATE SET error_code = EXCLUDED.error_code, attempts = inbound_poll_held.attempts + 1,
       next_attempt_at = now() + make_interval(secs => LEAST($4 * power(2, LEAST(inbound_poll_held.attempts, 20)), $5))`,
    [connectionId, requestId, errorCode, everySeconds, LONGEST_WAIT_SECONDS],
  );
}

/** These are held no longer: received, refused, or no longer a referral to the clinic. */
export async function releaseHeldReferrals(tx: EntityManager, connectionId: string, requestIds: string[]): Promise<void> {
  if (requestIds.length) await tx.query(`DELETE FROM inbound_poll_held WHERE connection_id = $1 AND request_id = ANY($2)`, [connectionId, requestIds]);
}
