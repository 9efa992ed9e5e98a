import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Clinic settings, users, sign-in throttle and the append-only audit trail. */
export class Foundation1763830000000 implements MigrationInterface {
  name = 'Foundation1763830000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE clinic_settings (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        time_zone text NOT NULL,
        opening_days text[] NOT NULL CHECK (cardinality(opening_days) BETWEEN 1 AND 7
          AND opening_days <@ ARRAY['mon','tue','wed','thu','fri','sat','sun']),
        chairs integer NOT NULL CHECK (chairs BETWEEN 1 AND 100),
        policy_preset text NOT NULL,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin','clinician','front-desk','referrer','ops')),
        password_hash text NOT NULL,
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE sign_in_throttle (
        key text NOT NULL,
        window_start timestamptz NOT NULL,
        attempts integer NOT NULL,
        PRIMARY KEY (key, window_start)
      )`);
    await db.query(`
      CREATE TABLE audit_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_user_id uuid,
        actor_role text,
        action text NOT NULL,
        resource_type text NOT NULL,
        resource_id text,
        outcome text NOT NULL CHECK (outcome IN ('success','denied','failed','error')),
        error_code text,
        ip text,
        request_id text
      )`);
    await db.query(`CREATE INDEX audit_event_occurred_at_idx ON audit_event (occurred_at)`);
    await db.query(`CREATE INDEX audit_event_resource_idx ON audit_event (resource_type, resource_id)`);
    await db.query(`CREATE INDEX audit_event_actor_idx ON audit_event (actor_user_id)`);
    // Append-only for every role, the table owner included: REVOKE alone would not bind the owner.
    await db.query(`
      CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER audit_event_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_event
        FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only()`);
    await db.query(`
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
        FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only()`);
    await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_event`);
    await db.query(`DROP FUNCTION audit_event_is_append_only()`);
    await db.query(`DROP TABLE sign_in_throttle`);
    await db.query(`DROP TABLE app_user`);
    await db.query(`DROP TABLE clinic_settings`);
  }
}
