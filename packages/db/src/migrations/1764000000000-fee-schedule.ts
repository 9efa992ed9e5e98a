import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The clinic's fee schedule (one row, like clinic_settings): its currency and its fees by CPT/HCPCS code, as
 * a JSON array the api validates; superbills price their lines from it.
 */
export class FeeSchedule1764000000000 implements MigrationInterface {
  name = 'FeeSchedule1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE fee_schedule (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        currency text NOT NULL CHECK (currency IN ('USD')),
        fees jsonb NOT NULL CHECK (jsonb_typeof(fees) = 'array'),
        updated_by uuid NOT NULL REFERENCES app_user (id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE fee_schedule`);
  }
}
