import type { Instrument } from '@keta/domain';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A completed PHQ-9 or GAD-7: its answers, their total, and who recorded it (DOMAIN.md §2.7). */
@Entity({ name: 'questionnaire_response' })
export class QuestionnaireResponseEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The id of its total-score Observation. */
  @Column({ name: 'score_id', type: 'uuid' })
  scoreId!: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Column({ name: 'encounter_id', type: 'uuid', nullable: true })
  encounterId!: string | null;

  @Column({ type: 'text' })
  instrument!: Instrument;

  /** One answer per item, in item order, each 0-3. */
  @Column({ type: 'smallint', array: true })
  answers!: number[];

  /** The sum of the answers, kept so that outcome queries need not add them up. */
  @Column({ type: 'smallint' })
  total!: number;

  @Column({ name: 'authored_at', type: 'timestamptz' })
  authoredAt!: Date;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
