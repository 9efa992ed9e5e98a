import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The clinic as an insurer knows it on a superbill: its NPI, tax id (EIN), address and phone. */
export class BillingProvider1764010000000 implements MigrationInterface {
  name = 'BillingProvider1764010000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE clinic_settings ADD COLUMN billing_provider jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE clinic_settings DROP COLUMN billing_provider`);
  }
}
