import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SMART Backend Services: the EHR clients allowed to ask for tokens, the jti of every assertion they spent
 * (replay protection), and the client as an actor in the audit trail.
 */
export class SmartBackendServices1763860000000 implements MigrationInterface {
  name = 'SmartBackendServices1763860000000';

  async up(db: QueryRunner): Promise<void> {
    // The API refuses private keys at registration; the CHECK keeps one from landing any other way.
    await db.query(`
      CREATE TABLE ehr_client (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        jwks jsonb NOT NULL CHECK (jsonb_typeof(jwks -> 'keys') = 'array'
          AND NOT jsonb_path_exists(jwks, '$.keys[*] ? (exists(@.d) || exists(@.k))')),
        scopes text[] NOT NULL CHECK (cardinality(scopes) >= 1),
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE client_assertion_jti (
        client_id uuid NOT NULL REFERENCES ehr_client (id) ON DELETE CASCADE,
        jti text NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (client_id, jti)
      )`);
    await db.query(`CREATE INDEX client_assertion_jti_expires_at_idx ON client_assertion_jti (expires_at)`);
    // Expand only: a nullable column, so rows written before it (and by older replicas) stay valid.
    await db.query(`ALTER TABLE audit_event ADD COLUMN actor_client_id uuid`);
    await db.query(`CREATE INDEX audit_event_actor_client_idx ON audit_event (actor_client_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE audit_event DROP COLUMN actor_client_id`);
    await db.query(`DROP TABLE client_assertion_jti`);
    await db.query(`DROP TABLE ehr_client`);
  }
}
