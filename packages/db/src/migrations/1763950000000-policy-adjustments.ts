import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The clinic's adjustments to its policy preset (the preset's values it changes), validated by the api. */
export class PolicyAdjustments1763950000000 implements MigrationInterface {
  name = 'PolicyAdjustments1763950000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE clinic_settings ADD COLUMN policy_adjustments jsonb NOT NULL DEFAULT '{}'::jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE clinic_settings DROP COLUMN policy_adjustments`);
  }
}
