import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-connection sync settings: the types it receives (all when null), paused, its rate limit and
 * concurrency, the NPIs whose referrals a referrer's EHR hears about, and how it authenticates: none, or a bearer token read from the worker's environment
 * variable named here (the secret itself never enters the database).
 */
export class ConnectionSettings1763920000000 implements MigrationInterface {
  name = 'ConnectionSettings1763920000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE ehr_connection
        ADD COLUMN resource_types text[],
        ADD COLUMN paused boolean NOT NULL DEFAULT false,
        ADD COLUMN rate_limit_per_minute integer CHECK (rate_limit_per_minute BETWEEN 1 AND 100000),
        ADD COLUMN concurrency integer CHECK (concurrency BETWEEN 1 AND 100),
        ADD COLUMN referrer_npis text[] NOT NULL DEFAULT '{}',
        ADD COLUMN auth_kind text NOT NULL DEFAULT 'none' CHECK (auth_kind IN ('none', 'bearer')),
        ADD COLUMN auth_token_env text CHECK (auth_token_env ~ '^EHR_[A-Z0-9_]{1,64}$'),
        ADD CONSTRAINT ehr_connection_auth_check CHECK ((auth_kind = 'bearer') = (auth_token_env IS NOT NULL))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE ehr_connection DROP COLUMN resource_types, DROP COLUMN paused, DROP COLUMN rate_limit_per_minute, DROP COLUMN concurrency,
      DROP COLUMN auth_kind, DROP COLUMN auth_token_env, DROP COLUMN referrer_npis`);
  }
}
