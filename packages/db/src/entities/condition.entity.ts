import type { Coding, ConditionClinicalStatus, Identifier } from '@keta/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'condition' })
export class ConditionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Column({ type: 'jsonb' })
  codings!: Coding[];

  @Column({ type: 'text', nullable: true })
  text!: string | null;

  @Column({ name: 'clinical_status', type: 'text' })
  clinicalStatus!: ConditionClinicalStatus;

  @Column({ type: 'text', nullable: true })
  onset!: string | null;

  @Column({ type: 'boolean' })
  part2!: boolean;

  @Column({ type: 'jsonb' })
  identifiers!: Identifier[];

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
