import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outcome questionnaires (PHQ-9, GAD-7): the answers as given, their total, when the patient filled it in,
 * the infusion encounter it was filled in at (if any) and who recorded it.
 */
export class Outcomes1763990000000 implements MigrationInterface {
  name = 'Outcomes1763990000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE questionnaire_response (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        score_id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patient (id),
        encounter_id uuid REFERENCES infusion_encounter (id),
        instrument text NOT NULL CHECK (instrument IN ('phq9', 'gad7')),
        answers smallint[] NOT NULL CHECK (array_position(answers, NULL) IS NULL AND 0 <= ALL (answers) AND 3 >= ALL (answers)),
        total smallint NOT NULL CHECK (total BETWEEN 0 AND 27),
        authored_at timestamptz NOT NULL,
        recorded_by uuid NOT NULL REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT questionnaire_response_items CHECK (cardinality(answers) = CASE instrument WHEN 'phq9' THEN 9 WHEN 'gad7' THEN 7 END)
      )`);
    await db.query(`CREATE INDEX questionnaire_response_patient_idx ON questionnaire_response (patient_id, instrument, authored_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE questionnaire_response`);
  }
}
