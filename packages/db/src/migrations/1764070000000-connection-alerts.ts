import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts per connection: thresholds a connection may set over the worker's defaults, and the alerts fired,
 * at most one open per connection and kind (several workers check at once, one fires), with when each
 * state change was delivered to the webhook.
 */
export class ConnectionAlerts1764070000000 implements MigrationInterface {
  name = 'ConnectionAlerts1764070000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE ehr_connection ADD COLUMN alert_thresholds jsonb`);
    await db.query(`
      CREATE TABLE sync_alert (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        connection_id uuid NOT NULL REFERENCES ehr_connection (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('oldest-pending', 'failure-rate', 'no-success')),
        value double precision NOT NULL,
        threshold double precision NOT NULL,
        fired_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        fired_notified_at timestamptz,
        resolved_notified_at timestamptz
      )`);
    await db.query(`CREATE UNIQUE INDEX sync_alert_open_idx ON sync_alert (connection_id, kind) WHERE resolved_at IS NULL`);
    await db.query(`CREATE INDEX sync_alert_undelivered_idx ON sync_alert (id) WHERE fired_notified_at IS NULL OR (resolved_at IS NOT NULL AND resolved_notified_at IS NULL)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE sync_alert`);
    await db.query(`ALTER TABLE ehr_connection DROP COLUMN alert_thresholds`);
  }
}
