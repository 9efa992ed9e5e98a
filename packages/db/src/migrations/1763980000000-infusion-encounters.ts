import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The infusion day: an encounter per checked-in chair appointment (the day-of checklist that let it start, and
 * the clinician's override with its reason when one did), the ketamine given (dose, rate and its changes), and
 * the adverse effects seen. Vital signs and pain scores are measurements of the encounter.
 */
export class InfusionEncounters1763980000000 implements MigrationInterface {
  name = 'InfusionEncounters1763980000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE infusion_encounter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patient (id),
        appointment_id uuid NOT NULL UNIQUE REFERENCES appointment (id),
        referral_id uuid REFERENCES referral (id),
        stage text NOT NULL CHECK (stage IN ('checked-in', 'infusing', 'recovery', 'discharged')),
        checked_in_at timestamptz NOT NULL,
        checked_in_by uuid NOT NULL REFERENCES app_user (id),
        day_of_findings jsonb NOT NULL,
        override_reason text CHECK (length(override_reason) BETWEEN 1 AND 1000),
        overridden_by uuid REFERENCES app_user (id),
        baseline_vitals jsonb NOT NULL,
        infusion_ended_at timestamptz,
        discharged_at timestamptz,
        discharge_findings jsonb,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT encounter_override_by CHECK ((override_reason IS NULL) = (overridden_by IS NULL))
      )`);
    await db.query(`CREATE INDEX infusion_encounter_patient_idx ON infusion_encounter (patient_id, checked_in_at)`);
    await db.query(`
      CREATE TABLE infusion_administration (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patient (id),
        encounter_id uuid NOT NULL UNIQUE REFERENCES infusion_encounter (id),
        status text NOT NULL CHECK (status IN ('in-progress', 'completed', 'stopped')),
        concentration_mg_per_ml integer NOT NULL CHECK (concentration_mg_per_ml IN (10, 50, 100)),
        dose_mg numeric(8, 2) NOT NULL CHECK (dose_mg > 0),
        rate_mg_per_hour numeric(8, 2) NOT NULL CHECK (rate_mg_per_hour > 0),
        rate_changes jsonb NOT NULL DEFAULT '[]'::jsonb,
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        lot_number text CHECK (length(lot_number) BETWEEN 1 AND 40),
        status_reason text CHECK (length(status_reason) BETWEEN 1 AND 500),
        weight_measurement_id uuid REFERENCES measurement (id),
        CONSTRAINT administration_stopped_reason CHECK ((status = 'stopped') = (status_reason IS NOT NULL))
      )`);
    await db.query(`
      CREATE TABLE adverse_effect (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patient (id),
        encounter_id uuid NOT NULL REFERENCES infusion_encounter (id),
        administration_id uuid REFERENCES infusion_administration (id),
        effect text NOT NULL,
        occurred_at timestamptz NOT NULL,
        serious boolean NOT NULL,
        recorded_by uuid NOT NULL REFERENCES app_user (id)
      )`);
    await db.query(`CREATE INDEX adverse_effect_encounter_idx ON adverse_effect (encounter_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE adverse_effect`);
    await db.query(`DROP TABLE infusion_administration`);
    await db.query(`DROP TABLE infusion_encounter`);
  }
}
