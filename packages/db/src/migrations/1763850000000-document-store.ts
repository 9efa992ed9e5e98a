import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Referral letters and signed consents, encrypted at rest (AES-256-GCM) with the key id kept for rotation. */
export class DocumentStore1763850000000 implements MigrationInterface {
  name = 'DocumentStore1763850000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patient (id),
        referral_id uuid REFERENCES referral (id),
        kind text NOT NULL CHECK (kind IN ('referral-letter', 'signed-consent')),
        content_type text NOT NULL,
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        key_id text NOT NULL,
        iv bytea NOT NULL,
        auth_tag bytea NOT NULL,
        ciphertext bytea NOT NULL,
        created_by uuid REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX document_referral_idx ON document (referral_id)`);
    await db.query(`CREATE INDEX document_patient_idx ON document (patient_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE document`);
  }
}
