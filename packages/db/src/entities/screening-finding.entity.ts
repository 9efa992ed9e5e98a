import type { FindingSeverity } from '@keta/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'screening_finding' })
export class ScreeningFindingEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId!: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  severity!: FindingSeverity;

  @Column({ type: 'text' })
  message!: string;

  @Column({ type: 'text' })
  source!: string;

  @Column({ name: 'medication_id', type: 'uuid', nullable: true })
  medicationId!: string | null;

  @Column({ name: 'identified_at', type: 'timestamptz' })
  identifiedAt!: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;
}
