import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When reconciliation last compared each ledger row with its EHR: the scheduled run takes the rows checked
 * least recently (never first), so every record is looked at in turn rather than by chance.
 */
export class LedgerReconciledAt1764090000000 implements MigrationInterface {
  name = 'LedgerReconciledAt1764090000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE sync_ledger ADD COLUMN reconciled_at timestamptz`);
    await db.query(`CREATE INDEX sync_ledger_reconcile_idx ON sync_ledger (connection_id, reconciled_at NULLS FIRST) WHERE status = 'synced'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX sync_ledger_reconcile_idx`);
    await db.query(`ALTER TABLE sync_ledger DROP COLUMN reconciled_at`);
  }
}
