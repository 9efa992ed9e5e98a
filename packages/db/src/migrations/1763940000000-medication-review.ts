import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A home medication carries a version that every change bumps: the clinic corrects or stops it with If-Match. */
export class MedicationReview1763940000000 implements MigrationInterface {
  name = 'MedicationReview1763940000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE home_medication ADD COLUMN version integer NOT NULL DEFAULT 1`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE home_medication DROP COLUMN version`);
  }
}
