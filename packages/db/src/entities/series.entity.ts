import type { SeriesKind, SeriesStatus } from '@keta/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** An infusion series planned for an accepted referral; its infusions are appointments. */
@Entity({ name: 'series' })
export class SeriesEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId!: string;

  @Column({ type: 'text' })
  kind!: SeriesKind;

  /** The policy's protocol it follows (condensed, extended, 5-day, ...). */
  @Column({ type: 'text' })
  protocol!: string;

  @Column({ type: 'text' })
  status!: SeriesStatus;

  /** What the planner said of it (its protocol; a series stretched past the protocol's weeks). */
  @Column({ type: 'jsonb' })
  findings!: Array<{ code: string; severity: string; message: string; source: string }>;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason!: string | null;

  @Column({ name: 'planned_by', type: 'uuid' })
  plannedBy!: string;

  /** Bumped by every change (its ETag): a cancellation names the version it was made from. */
  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
