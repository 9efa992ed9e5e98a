import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keta as a SMART Backend Services client of an EHR: the connection's client settings, the signing keys Keta
 * generated for it (private half sealed, public half published in the JWKS), and the EHR's last refusal of
 * its credentials, which holds the connection until someone acts. Also the setting for polling the EHR for
 * referrals.
 */
export class SmartClient1764080000000 implements MigrationInterface {
  name = 'SmartClient1764080000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE ehr_connection DROP CONSTRAINT ehr_connection_auth_kind_check, DROP CONSTRAINT ehr_connection_auth_check`);
    await db.query(`
      ALTER TABLE ehr_connection
        ADD COLUMN auth_smart jsonb,
        ADD COLUMN auth_refused_code text,
        ADD COLUMN auth_refused_at timestamptz,
        ADD COLUMN poll_referrals jsonb,
        ADD CONSTRAINT ehr_connection_auth_kind_check CHECK (auth_kind IN ('none', 'bearer', 'smart-backend')),
        ADD CONSTRAINT ehr_connection_auth_check CHECK ((auth_kind = 'bearer') = (auth_token_env IS NOT NULL)
          AND (auth_kind = 'smart-backend') = (auth_smart IS NOT NULL))`);
    // The private key is kept only sealed; the CHECK keeps private members out of the published half.
    await db.query(`
      CREATE TABLE ehr_signing_key (
        kid text PRIMARY KEY,
        connection_id uuid NOT NULL REFERENCES ehr_connection (id) ON DELETE CASCADE,
        algorithm text NOT NULL CHECK (algorithm IN ('RS384', 'ES384')),
        public_jwk jsonb NOT NULL CHECK (NOT (public_jwk ?| array['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'])),
        sealed_with text NOT NULL,
        iv bytea NOT NULL,
        auth_tag bytea NOT NULL,
        ciphertext bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
      )`);
    await db.query(`CREATE UNIQUE INDEX ehr_signing_key_current_idx ON ehr_signing_key (connection_id) WHERE retired_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE ehr_signing_key`);
    await db.query(`DELETE FROM ehr_connection WHERE auth_kind = 'smart-backend'`);
    await db.query(`ALTER TABLE ehr_connection DROP CONSTRAINT ehr_connection_auth_kind_check, DROP CONSTRAINT ehr_connection_auth_check`);
    await db.query(`
      ALTER TABLE ehr_connection
        DROP COLUMN auth_smart, DROP COLUMN auth_refused_code, DROP COLUMN auth_refused_at, DROP COLUMN poll_referrals,
        ADD CONSTRAINT ehr_connection_auth_kind_check CHECK (auth_kind IN ('none', 'bearer')),
        ADD CONSTRAINT ehr_connection_auth_check CHECK ((auth_kind = 'bearer') = (auth_token_env IS NOT NULL))`);
  }
}
