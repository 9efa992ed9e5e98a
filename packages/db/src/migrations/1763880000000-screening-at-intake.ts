import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a referral brings about its patient (conditions, home medications, measurements), what screening
 * finds, and the referral's decision with its reason. Inbound records are keyed by (source, key) so a
 * resent resource updates the record it made instead of adding another.
 */
export class ScreeningAtIntake1763880000000 implements MigrationInterface {
  name = 'ScreeningAtIntake1763880000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE referral ADD COLUMN status_reason text, ADD COLUMN attestations jsonb NOT NULL DEFAULT '{}', ADD COLUMN placer_identifier jsonb`);
    await db.query(`
      CREATE TABLE condition (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patient (id),
        codings jsonb NOT NULL,
        text text,
        clinical_status text NOT NULL CHECK (clinical_status IN ('active','recurrence','relapse','inactive','remission','resolved')),
        onset text,
        part2 boolean NOT NULL DEFAULT false,
        identifiers jsonb NOT NULL DEFAULT '[]',
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK (jsonb_array_length(codings) > 0 OR text IS NOT NULL)
      )`);
    await db.query(`
      CREATE TABLE home_medication (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patient (id),
        rxnorm text CHECK (rxnorm ~ '^[0-9]{1,10}$'),
        name text NOT NULL,
        status text NOT NULL CHECK (status IN ('active','on-hold','stopped','completed')),
        dosage text,
        identifiers jsonb NOT NULL DEFAULT '[]',
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE measurement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patient (id),
        encounter_id uuid,
        measurement jsonb NOT NULL CHECK (measurement ? 'kind'),
        effective_at timestamptz NOT NULL,
        identifiers jsonb NOT NULL DEFAULT '[]'
      )`);
    await db.query(`
      CREATE TABLE screening_finding (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id uuid NOT NULL REFERENCES referral (id),
        patient_id uuid NOT NULL REFERENCES patient (id),
        code text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('block','review','warn','info')),
        message text NOT NULL,
        source text NOT NULL,
        medication_id uuid REFERENCES home_medication (id),
        identified_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz
      )`);
    // One open finding per (referral, rule, medication); resolved ones stay as the record of what was found.
    await db.query(`
      CREATE UNIQUE INDEX screening_finding_open_idx ON screening_finding (referral_id, code, coalesce(medication_id, '00000000-0000-0000-0000-000000000000'))
       WHERE resolved_at IS NULL`);
    for (const table of ['condition', 'home_medication', 'measurement', 'screening_finding']) {
      await db.query(`CREATE INDEX ${table}_patient_idx ON ${table} (patient_id)`);
    }
    await db.query(`
      CREATE TABLE inbound_record (
        source text NOT NULL,
        key text NOT NULL,
        record_type text NOT NULL CHECK (record_type IN ('condition','home-medication','measurement','referral-letter')),
        record_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source, key, record_type)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE inbound_record, screening_finding, measurement, home_medication, condition`);
    await db.query(`ALTER TABLE referral DROP COLUMN status_reason, DROP COLUMN attestations, DROP COLUMN placer_identifier`);
  }
}
