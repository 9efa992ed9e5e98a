import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dead letters: a record version an EHR refused by its rules (400/422) waits for a person, with the EHR's
 * OperationOutcome reduced to codes and paths (its text may echo PHI). A newer version, or a replay, sends again.
 */
export class SyncDeadLetter1763900000000 implements MigrationInterface {
  name = 'SyncDeadLetter1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE sync_ledger DROP CONSTRAINT sync_ledger_status_check`);
    await db.query(`ALTER TABLE sync_ledger ADD CONSTRAINT sync_ledger_status_check CHECK (status IN ('synced', 'failed', 'dead'))`);
    await db.query(`ALTER TABLE sync_ledger ADD COLUMN dead_version integer, ADD COLUMN outcome jsonb`);
    await db.query(`ALTER TABLE sync_ledger ADD CONSTRAINT sync_ledger_dead_check CHECK ((status = 'dead') = (dead_version IS NOT NULL))`);
    await db.query(`CREATE INDEX sync_ledger_dead_idx ON sync_ledger (connection_id) WHERE status = 'dead'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX sync_ledger_dead_idx`);
    await db.query(`ALTER TABLE sync_ledger DROP CONSTRAINT sync_ledger_dead_check`);
    await db.query(`DELETE FROM sync_ledger WHERE status = 'dead'`);
    await db.query(`ALTER TABLE sync_ledger DROP COLUMN dead_version, DROP COLUMN outcome`);
    await db.query(`ALTER TABLE sync_ledger DROP CONSTRAINT sync_ledger_status_check`);
    await db.query(`ALTER TABLE sync_ledger ADD CONSTRAINT sync_ledger_status_check CHECK (status IN ('synced', 'failed'))`);
  }
}
