import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A polled referral whose intake failed on Keta's side (not refused: failed), held to be tried again so that
 * the watermark can move on and one referral does not stop every later one. Kept until it is received,
 * refused, or gone from the EHR. The EHR's ServiceRequest id, a code and counts: no PHI.
 */
export class HeldPolledReferral1764110000000 implements MigrationInterface {
  name = 'HeldPolledReferral1764110000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE inbound_poll_held (
        connection_id uuid NOT NULL REFERENCES ehr_connection (id) ON DELETE CASCADE,
        request_id text NOT NULL,
        error_code text NOT NULL,
        attempts integer NOT NULL DEFAULT 1,
        held_at timestamptz NOT NULL DEFAULT now(),
        next_attempt_at timestamptz NOT NULL,
        PRIMARY KEY (connection_id, request_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE inbound_poll_held`);
  }
}
