import type { AdverseEffect } from '@keta/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An effect a clinician saw during or after an infusion. */
@Entity({ name: 'adverse_effect' })
export class AdverseEffectEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Column({ name: 'encounter_id', type: 'uuid' })
  encounterId!: string;

  @Column({ name: 'administration_id', type: 'uuid', nullable: true })
  administrationId!: string | null;

  @Column({ type: 'text' })
  effect!: AdverseEffect;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'boolean' })
  serious!: boolean;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;
}
