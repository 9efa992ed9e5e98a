import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Patients, referrals, the FHIR projection, the outbox, EHR connections and the sync ledger. */
export class ReferralSync1763840000000 implements MigrationInterface {
  name = 'ReferralSync1763840000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE patient (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        given_names text[] NOT NULL,
        family_name text NOT NULL,
        birth_date date NOT NULL,
        sex text NOT NULL CHECK (sex IN ('female','male','other','unknown')),
        phone text,
        email text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE patient_identifier (
        system text NOT NULL,
        value text NOT NULL,
        patient_id uuid NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
        PRIMARY KEY (system, value)
      )`);
    await db.query(`CREATE INDEX patient_identifier_patient_idx ON patient_identifier (patient_id)`);
    await db.query(`
      CREATE TABLE referral (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patient (id),
        status text NOT NULL CHECK (status IN ('received','needs-information','accepted','declined','cancelled','completed')),
        indication_system text NOT NULL,
        indication_code text NOT NULL,
        reason text NOT NULL,
        referrer_name text NOT NULL,
        referrer_npi text NOT NULL CHECK (referrer_npi ~ '^[0-9]{10}$'),
        referrer_organization text,
        referrer_phone text,
        submitted_by uuid REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX referral_patient_idx ON referral (patient_id)`);
    await db.query(`CREATE INDEX referral_submitted_by_idx ON referral (submitted_by)`);
    // The FHIR projection: derived from the domain tables in the same transaction, rebuildable from them.
    await db.query(`
      CREATE TABLE fhir_resource (
        resource_type text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        patient_id uuid NOT NULL,
        identifiers text[] NOT NULL,
        sync_identifier text NOT NULL,
        status text,
        last_updated timestamptz NOT NULL,
        resource jsonb NOT NULL,
        PRIMARY KEY (resource_type, id)
      )`);
    await db.query(`CREATE INDEX fhir_resource_patient_idx ON fhir_resource (patient_id)`);
    await db.query(`CREATE INDEX fhir_resource_identifiers_idx ON fhir_resource USING gin (identifiers)`);
    await db.query(`
      CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        patient_id uuid NOT NULL,
        resource_type text NOT NULL,
        resource_id uuid NOT NULL,
        version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        enqueued_at timestamptz,
        done_at timestamptz
      )`);
    await db.query(`CREATE INDEX outbox_pending_idx ON outbox (patient_id) WHERE done_at IS NULL`);
    // Wakes the relay when a writer commits; the relay also polls, so a missed notification only delays.
    await db.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('keta_outbox', '');
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
        FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
    await db.query(`
      CREATE TABLE ehr_connection (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        base_url text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('clinic-ehr','referrer-ehr')),
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE sync_ledger (
        connection_id uuid NOT NULL REFERENCES ehr_connection (id) ON DELETE CASCADE,
        resource_type text NOT NULL,
        resource_id uuid NOT NULL,
        local_version integer NOT NULL,
        remote_id text,
        remote_version text,
        status text NOT NULL CHECK (status IN ('synced','failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error_code text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (connection_id, resource_type, resource_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['sync_ledger', 'ehr_connection', 'outbox', 'fhir_resource', 'referral', 'patient_identifier', 'patient']) {
      await db.query(`DROP TABLE ${table}`);
    }
    await db.query(`DROP FUNCTION outbox_notify()`);
  }
}
