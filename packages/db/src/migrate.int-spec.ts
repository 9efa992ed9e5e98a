import { Client } from 'pg';
import { MIGRATIONS } from './migrations';
import { migrate } from './migrate';
import { createTestDatabase, type TestDatabase } from './testing';

async function tables(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  await client.end();
  return rows.map((row) => row.table_name);
}

describe('migrate', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase('migrate', { migrated: false });
  });
  afterEach(() => db.drop());

  it('applies every migration to an empty database, then finds nothing to do', async () => {
    expect(await tables(db.url)).toEqual([]);
    expect(await migrate(db.url)).toEqual(MIGRATIONS.map((m) => m.name));
    const afterFirst = await tables(db.url);
    expect(afterFirst).toEqual([
      'adverse_effect', 'app_user', 'appointment', 'audit_event', 'client_assertion_jti', 'clinic_settings', 'condition', 'consent', 'consent_form', 'document', 'ehr_client', 'ehr_connection', 'ehr_signing_key', 'fee_schedule',
      'fhir_resource', 'home_medication', 'inbound_poll', 'inbound_poll_held', 'inbound_record', 'inbound_referral', 'infusion_administration', 'infusion_encounter', 'measurement', 'outbox', 'patient', 'patient_identifier', 'questionnaire_response', 'referral', 'referral_closing_summary', 'referral_message',
      'schema_migration', 'screening_finding', 'series', 'sign_in_throttle', 'sync_alert', 'sync_ledger',
    ]);
    expect(await migrate(db.url)).toEqual([]);
    expect(await tables(db.url)).toEqual(afterFirst);
  });

  it('lets concurrent starts race safely: each migration is applied exactly once', async () => {
    const results = await Promise.all([migrate(db.url), migrate(db.url), migrate(db.url)]);
    expect(results.flat()).toEqual(MIGRATIONS.map((m) => m.name));
  });

  it('creates the database when it does not exist yet', async () => {
    const missing = new URL(db.url);
    missing.pathname = `/${db.name}_new`;
    const fresh = { ...db, name: `${db.name}_new`, url: missing.toString() };
    try {
      expect(await migrate(fresh.url)).toHaveLength(MIGRATIONS.length);
    } finally {
      const client = new Client({ connectionString: db.url });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${fresh.name}" WITH (FORCE)`);
      await client.end();
    }
  });
});
