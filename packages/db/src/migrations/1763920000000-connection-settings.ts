import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-connection sync settings: the types it receives (all when null), paused, its rate limit and concurrency. */
export class ConnectionSettings1763920000000 implements MigrationInterface {
  name = 'ConnectionSettings1763920000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE ehr_connection
        ADD COLUMN resource_types text[],
        ADD COLUMN paused boolean NOT NULL DEFAULT false,
        ADD COLUMN rate_limit_per_minute integer CHECK (rate_limit_per_minute BETWEEN 1 AND 100000),
        ADD COLUMN concurrency integer CHECK (concurrency BETWEEN 1 AND 100)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE ehr_connection DROP COLUMN resource_types, DROP COLUMN paused, DROP COLUMN rate_limit_per_minute, DROP COLUMN concurrency`);
  }
}
