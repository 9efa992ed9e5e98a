import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A referral's review by a clinician: a version that every change bumps (If-Match: a stale change is refused,
 * never silently applied), who decided and when (from then on the status is the clinician's, not screening's),
 * and the orders its list is read in.
 */
export class ReferralReview1763930000000 implements MigrationInterface {
  name = 'ReferralReview1763930000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE referral
        ADD COLUMN version integer NOT NULL DEFAULT 1,
        ADD COLUMN decided_by uuid REFERENCES app_user (id),
        ADD COLUMN decided_at timestamptz,
        ADD CONSTRAINT referral_decided_check CHECK ((decided_by IS NULL) = (decided_at IS NULL))`);
    await db.query(`CREATE INDEX referral_received_idx ON referral (created_at DESC, id DESC)`);
    // A referrer's list, newest first: replaces the index on submitted_by alone.
    await db.query(`DROP INDEX referral_submitted_by_idx`);
    await db.query(`CREATE INDEX referral_submitted_by_received_idx ON referral (submitted_by, created_at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX referral_submitted_by_received_idx`);
    await db.query(`CREATE INDEX referral_submitted_by_idx ON referral (submitted_by)`);
    await db.query(`DROP INDEX referral_received_idx`);
    await db.query(`ALTER TABLE referral DROP CONSTRAINT referral_decided_check, DROP COLUMN decided_at, DROP COLUMN decided_by, DROP COLUMN version`);
  }
}
