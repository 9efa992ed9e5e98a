import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where polling each connection for referrals stands: the watermark (the greatest lastUpdated taken, and the
 * ServiceRequest versions taken at that instant, which the next poll reads again and passes), when it
 * last polled and polls next, the last error's code and how many referrals it received. The row is also the
 * lock: the API replica polling a connection holds it FOR UPDATE, the others skip it. Codes and counts only.
 */
export class InboundPoll1764100000000 implements MigrationInterface {
  name = 'InboundPoll1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE inbound_poll (
        connection_id uuid PRIMARY KEY REFERENCES ehr_connection (id) ON DELETE CASCADE,
        watermark timestamptz,
        seen_at_watermark text[] NOT NULL DEFAULT '{}',
        polled_at timestamptz,
        next_poll_at timestamptz NOT NULL DEFAULT now(),
        last_error_code text,
        last_error_at timestamptz,
        received integer NOT NULL DEFAULT 0,
        refused integer NOT NULL DEFAULT 0,
        last_refusal_code text
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE inbound_poll`);
  }
}
