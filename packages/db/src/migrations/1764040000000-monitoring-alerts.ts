import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The alerts each set of vital signs raised during an infusion, kept with the encounter for whoever reads it later. */
export class MonitoringAlerts1764040000000 implements MigrationInterface {
  name = 'MonitoringAlerts1764040000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE infusion_encounter ADD COLUMN monitoring_alerts jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(monitoring_alerts) = 'array')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE infusion_encounter DROP COLUMN monitoring_alerts`);
  }
}
