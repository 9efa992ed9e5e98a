import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduling: the clinic's closure dates, infusion series planned for accepted referrals, and appointments.
 * An infusion or booster holds a chair for its visit; the exclusion constraint makes a double-booked chair
 * impossible whatever the application does (btree_gist gives gist the equality on the chair number).
 */
export class Scheduling1763970000000 implements MigrationInterface {
  name = 'Scheduling1763970000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await db.query(`ALTER TABLE clinic_settings ADD COLUMN closures text[] NOT NULL DEFAULT '{}'`);
    await db.query(`
      CREATE TABLE series (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patient (id),
        referral_id uuid NOT NULL REFERENCES referral (id),
        kind text NOT NULL CHECK (kind IN ('mood', 'pain')),
        protocol text NOT NULL CHECK (length(protocol) BETWEEN 1 AND 40),
        status text NOT NULL CHECK (status IN ('booked', 'cancelled', 'completed')),
        findings jsonb NOT NULL DEFAULT '[]'::jsonb,
        cancel_reason text CHECK (length(cancel_reason) BETWEEN 1 AND 500),
        planned_by uuid NOT NULL REFERENCES app_user (id),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT series_cancel_reason CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX series_patient_idx ON series (patient_id)`);
    await db.query(`CREATE INDEX series_referral_idx ON series (referral_id)`);
    await db.query(`
      CREATE TABLE appointment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patient (id),
        kind text NOT NULL CHECK (kind IN ('consultation', 'infusion', 'kap', 'booster')),
        status text NOT NULL CHECK (status IN ('booked', 'cancelled', 'no-show', 'checked-in', 'completed')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        chair integer CHECK (chair BETWEEN 1 AND 100),
        series_id uuid REFERENCES series (id),
        session_number integer CHECK (session_number >= 1),
        referral_id uuid REFERENCES referral (id),
        cancel_reason text CHECK (length(cancel_reason) BETWEEN 1 AND 500),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT appointment_ends_after_start CHECK (ends_at > starts_at),
        CONSTRAINT appointment_chair_by_kind CHECK ((chair IS NOT NULL) = (kind IN ('infusion', 'booster'))),
        CONSTRAINT appointment_series_infusion CHECK ((series_id IS NOT NULL) = (kind = 'infusion') AND (series_id IS NULL) = (session_number IS NULL)),
        CONSTRAINT appointment_chair_free EXCLUDE USING gist (chair WITH =, tstzrange(starts_at, ends_at) WITH &&)
          WHERE (status IN ('booked', 'checked-in'))
      )`);
    await db.query(`CREATE INDEX appointment_patient_idx ON appointment (patient_id, starts_at)`);
    await db.query(`CREATE INDEX appointment_starts_idx ON appointment (starts_at)`);
    await db.query(`CREATE INDEX appointment_series_idx ON appointment (series_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE appointment`);
    await db.query(`DROP TABLE series`);
    await db.query(`ALTER TABLE clinic_settings DROP COLUMN closures`);
  }
}
