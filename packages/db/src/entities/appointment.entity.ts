import type { AppointmentKind, AppointmentStatus } from '@keta/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * A patient's appointment. An infusion or booster holds `chair` from start to end (the visit, not only the
 * infusion); the table's exclusion constraint keeps two booked visits off one chair at once.
 */
@Entity({ name: 'appointment' })
export class AppointmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Column({ type: 'text' })
  kind!: AppointmentKind;

  @Column({ type: 'text' })
  status!: AppointmentStatus;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'integer', nullable: true })
  chair!: number | null;

  @Column({ name: 'series_id', type: 'uuid', nullable: true })
  seriesId!: string | null;

  /** 1-based place in its series. */
  @Column({ name: 'session_number', type: 'integer', nullable: true })
  sessionNumber!: number | null;

  @Column({ name: 'referral_id', type: 'uuid', nullable: true })
  referralId!: string | null;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason!: string | null;

  /** Bumped by every change (its ETag): a reschedule or cancellation names the version it was made from. */
  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
