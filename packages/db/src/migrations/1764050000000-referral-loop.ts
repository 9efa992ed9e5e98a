import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Closing the loop with the referrer: the clinic's questions and the referrer's answers, kept in order, and the
 * summary the clinic sends back once the referral's series is done (a snapshot: what was reported stays so).
 */
export class ReferralLoop1764050000000 implements MigrationInterface {
  name = 'ReferralLoop1764050000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE referral_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id uuid NOT NULL REFERENCES referral (id),
        kind text NOT NULL CHECK (kind IN ('question', 'answer')),
        text text NOT NULL,
        author_id uuid NOT NULL REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX referral_message_referral_idx ON referral_message (referral_id, created_at)`);
    await db.query(`
      CREATE TABLE referral_closing_summary (
        referral_id uuid PRIMARY KEY REFERENCES referral (id),
        series_id uuid NOT NULL REFERENCES series (id),
        summary jsonb NOT NULL CHECK (jsonb_typeof(summary) = 'object'),
        closed_by uuid NOT NULL REFERENCES app_user (id),
        closed_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE referral_closing_summary`);
    await db.query(`DROP TABLE referral_message`);
  }
}
