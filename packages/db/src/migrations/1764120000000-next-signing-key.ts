import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A signing key can be published before Keta signs with it (`activated_at` null: the connection's next key),
 * for an EHR where the key itself is registered, not the JWKS URL: the admin registers the next key there,
 * then activates it. At most one current and one next key per connection.
 */
export class NextSigningKey1764120000000 implements MigrationInterface {
  name = 'NextSigningKey1764120000000';

  async up(db: QueryRunner): Promise<void> {
    // Default now(): a replica still on the code before this one inserts keys that sign at once, as it expects.
    await db.query(`ALTER TABLE ehr_signing_key ADD COLUMN activated_at timestamptz DEFAULT now()`);
    await db.query(`UPDATE ehr_signing_key SET activated_at = created_at`);
    await db.query(`DROP INDEX ehr_signing_key_current_idx`);
    await db.query(`CREATE UNIQUE INDEX ehr_signing_key_current_idx ON ehr_signing_key (connection_id) WHERE retired_at IS NULL AND activated_at IS NOT NULL`);
    await db.query(`CREATE UNIQUE INDEX ehr_signing_key_next_idx ON ehr_signing_key (connection_id) WHERE retired_at IS NULL AND activated_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM ehr_signing_key WHERE activated_at IS NULL`);
    await db.query(`DROP INDEX ehr_signing_key_next_idx`);
    await db.query(`DROP INDEX ehr_signing_key_current_idx`);
    await db.query(`CREATE UNIQUE INDEX ehr_signing_key_current_idx ON ehr_signing_key (connection_id) WHERE retired_at IS NULL`);
    await db.query(`ALTER TABLE ehr_signing_key DROP COLUMN activated_at`);
  }
}
