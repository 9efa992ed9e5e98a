import type { Attestations, Identifier, ReferralStatus } from '@keta/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

@Entity({ name: 'referral' })
export class ReferralEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Column({ type: 'text' })
  status!: ReferralStatus;

  @Column({ name: 'indication_system', type: 'text' })
  indicationSystem!: string;

  @Column({ name: 'indication_code', type: 'text' })
  indicationCode!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'referrer_name', type: 'text' })
  referrerName!: string;

  @Column({ name: 'referrer_npi', type: 'text' })
  referrerNpi!: string;

  @Column({ name: 'referrer_organization', type: 'text', nullable: true })
  referrerOrganization!: string | null;

  @Column({ name: 'referrer_phone', type: 'text', nullable: true })
  referrerPhone!: string | null;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason!: string | null;

  @Column({ type: 'jsonb' })
  attestations!: Attestations;

  @Column({ name: 'placer_identifier', type: 'jsonb', nullable: true })
  placerIdentifier!: Identifier | null;

  @Column({ name: 'submitted_by', type: 'uuid', nullable: true })
  submittedBy!: string | null;

  /** Bumped by every change (its ETag): TypeORM increments it on each update. A change names the version it was made from. */
  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;

  /** The clinician who decided (accepted, declined, asked for information): from then on the status is theirs. */
  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
