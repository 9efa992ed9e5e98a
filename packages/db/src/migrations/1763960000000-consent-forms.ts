import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consent forms, versioned: a form's text never changes once published, a change is the next version. A
 * signed consent names the form version the patient read, who signed it (the patient or a legal
 * representative) and the staff member who witnessed it.
 */
export class ConsentForms1763960000000 implements MigrationInterface {
  name = 'ConsentForms1763960000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE consent_form (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('treatment', 'privacy')),
        version integer NOT NULL CHECK (version >= 1),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 100000),
        published_at timestamptz NOT NULL DEFAULT now(),
        published_by uuid NOT NULL REFERENCES app_user (id),
        UNIQUE (kind, version)
      )`);
    await db.query(`
      ALTER TABLE consent
        ADD COLUMN form_id uuid REFERENCES consent_form (id),
        ADD COLUMN signer text CHECK (signer IN ('patient', 'legal-representative')),
        ADD COLUMN representative_name text CHECK (length(representative_name) BETWEEN 1 AND 200),
        ADD COLUMN witnessed_by uuid REFERENCES app_user (id),
        ADD CONSTRAINT consent_representative_named CHECK ((signer = 'legal-representative') = (representative_name IS NOT NULL))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE consent DROP COLUMN form_id, DROP COLUMN signer, DROP COLUMN representative_name, DROP COLUMN witnessed_by`);
    await db.query(`DROP TABLE consent_form`);
  }
}
