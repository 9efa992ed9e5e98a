import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Referrals received as FHIR, keyed by (source, the ServiceRequest's identifier or fullUrl): sending again changes nothing. */
export class InboundReferral1763870000000 implements MigrationInterface {
  name = 'InboundReferral1763870000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE inbound_referral (
        source text NOT NULL,
        key text NOT NULL,
        referral_id uuid NOT NULL REFERENCES referral (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source, key)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE inbound_referral`);
  }
}
