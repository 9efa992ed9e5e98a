import type { HomeMedicationStatus, Identifier } from '@keta/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

@Entity({ name: 'home_medication' })
export class HomeMedicationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Column({ type: 'text', nullable: true })
  rxnorm!: string | null;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  status!: HomeMedicationStatus;

  @Column({ type: 'text', nullable: true })
  dosage!: string | null;

  @Column({ type: 'jsonb' })
  identifiers!: Identifier[];

  /** Bumped by every change, the clinic's or a sender's (its ETag): TypeORM increments it on each update. */
  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
