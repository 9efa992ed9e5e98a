import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A checked-in patient may be sent home without an infusion (the encounter is then not-infused, with the
 * reason), and an infusion stopped early records the dose given by then, which may round to 0 mg.
 */
export class InfusionDayRefinements1764020000000 implements MigrationInterface {
  name = 'InfusionDayRefinements1764020000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE infusion_encounter
        DROP CONSTRAINT infusion_encounter_stage_check,
        ADD CONSTRAINT infusion_encounter_stage_check CHECK (stage IN ('checked-in', 'infusing', 'recovery', 'discharged', 'not-infused')),
        ADD COLUMN not_infused_reason text CHECK (length(not_infused_reason) BETWEEN 1 AND 500),
        ADD CONSTRAINT encounter_not_infused_reason CHECK ((stage = 'not-infused') = (not_infused_reason IS NOT NULL))`);
    await db.query(`
      ALTER TABLE infusion_administration
        DROP CONSTRAINT infusion_administration_dose_mg_check,
        ADD CONSTRAINT infusion_administration_dose_mg_check CHECK (dose_mg >= 0)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM infusion_encounter WHERE stage = 'not-infused'`);
    await db.query(`
      ALTER TABLE infusion_encounter
        DROP CONSTRAINT encounter_not_infused_reason, DROP COLUMN not_infused_reason,
        DROP CONSTRAINT infusion_encounter_stage_check,
        ADD CONSTRAINT infusion_encounter_stage_check CHECK (stage IN ('checked-in', 'infusing', 'recovery', 'discharged'))`);
    await db.query(`
      ALTER TABLE infusion_administration
        DROP CONSTRAINT infusion_administration_dose_mg_check,
        ADD CONSTRAINT infusion_administration_dose_mg_check CHECK (dose_mg > 0)`);
  }
}
