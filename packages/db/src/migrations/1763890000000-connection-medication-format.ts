import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How each EHR receives home medications: MedicationStatement, or US Core's reported MedicationRequest. */
export class ConnectionMedicationFormat1763890000000 implements MigrationInterface {
  name = 'ConnectionMedicationFormat1763890000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE ehr_connection ADD COLUMN home_medication_format text NOT NULL DEFAULT 'medication-statement'
        CHECK (home_medication_format IN ('medication-statement', 'us-core-medication-request'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE ehr_connection DROP COLUMN home_medication_format`);
  }
}
