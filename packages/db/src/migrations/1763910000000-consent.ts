import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Patients' consents (treatment, and privacy naming the EHR it releases records to), and the ledger's
 * `withheld`: a record version consent keeps from a connection, with the reason as its code.
 */
export class Consent1763910000000 implements MigrationInterface {
  name = 'Consent1763910000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE consent (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patient (id),
        kind text NOT NULL CHECK (kind IN ('treatment', 'privacy')),
        status text NOT NULL CHECK (status IN ('active', 'revoked')),
        recipient_name text,
        recipient_url text,
        covers_part2 boolean NOT NULL DEFAULT false,
        signed_at timestamptz NOT NULL,
        revoked_at timestamptz,
        expires_on date,
        document_id uuid REFERENCES document (id),
        created_by uuid REFERENCES app_user (id),
        CHECK ((kind = 'privacy') = (recipient_name IS NOT NULL)),
        CHECK ((status = 'revoked') = (revoked_at IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX consent_patient_idx ON consent (patient_id)`);
    await db.query(`ALTER TABLE sync_ledger DROP CONSTRAINT sync_ledger_status_check`);
    await db.query(`ALTER TABLE sync_ledger ADD CONSTRAINT sync_ledger_status_check CHECK (status IN ('synced', 'failed', 'dead', 'withheld'))`);
    await db.query(`ALTER TABLE sync_ledger ADD COLUMN withheld_version integer`);
    await db.query(`ALTER TABLE sync_ledger ADD CONSTRAINT sync_ledger_withheld_check CHECK ((status = 'withheld') = (withheld_version IS NOT NULL))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE sync_ledger DROP CONSTRAINT sync_ledger_withheld_check`);
    await db.query(`DELETE FROM sync_ledger WHERE status = 'withheld'`);
    await db.query(`ALTER TABLE sync_ledger DROP COLUMN withheld_version`);
    await db.query(`ALTER TABLE sync_ledger DROP CONSTRAINT sync_ledger_status_check`);
    await db.query(`ALTER TABLE sync_ledger ADD CONSTRAINT sync_ledger_status_check CHECK (status IN ('synced', 'failed', 'dead'))`);
    await db.query(`DROP TABLE consent`);
  }
}
