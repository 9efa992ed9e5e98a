import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The records changed through the API that had no version yet: each change now names the one it was made from (If-Match). */
const VERSIONED = ['patient', 'consent', 'app_user', 'clinic_settings', 'fee_schedule', 'ehr_connection', 'ehr_client'];

/**
 * A version that every change bumps, on each record the API changes in place, so a change made from a stale
 * read is refused (412) instead of silently overwriting one it never saw. Rows already there start at 1.
 */
export class VersionsForUpdates1764030000000 implements MigrationInterface {
  name = 'VersionsForUpdates1764030000000';

  async up(db: QueryRunner): Promise<void> {
    for (const table of VERSIONED) await db.query(`ALTER TABLE ${table} ADD COLUMN version integer NOT NULL DEFAULT 1`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of VERSIONED) await db.query(`ALTER TABLE ${table} DROP COLUMN version`);
  }
}
