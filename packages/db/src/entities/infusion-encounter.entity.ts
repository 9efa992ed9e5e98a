import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Where a checked-in patient is on the infusion day. */
export type InfusionStage = 'checked-in' | 'infusing' | 'recovery' | 'discharged' | 'not-infused';

/** What a day-of, vitals or discharge rule found: codes, severities and messages of clinical-rules (a message may name a medication). */
export interface StoredFinding {
  code: string;
  severity: string;
  message: string;
}

/** An alert a set of vital signs raised while the patient was monitored: when, and the readings it is about. */
export interface MonitoringAlert extends StoredFinding {
  at: string;
  readingIds: string[];
}

/** Vital signs as the rules take them (mmHg, per minute, %). */
export interface StoredVitals {
  systolic: number;
  diastolic: number;
  heartRate: number;
  spo2?: number;
  respiratoryRate?: number;
}

/** One checked-in infusion or booster appointment, from check-in to discharge. */
@Entity({ name: 'infusion_encounter' })
export class InfusionEncounterEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Column({ name: 'appointment_id', type: 'uuid' })
  appointmentId!: string;

  @Column({ name: 'referral_id', type: 'uuid', nullable: true })
  referralId!: string | null;

  @Column({ type: 'text' })
  stage!: InfusionStage;

  @Column({ name: 'checked_in_at', type: 'timestamptz' })
  checkedInAt!: Date;

  @Column({ name: 'checked_in_by', type: 'uuid' })
  checkedInBy!: string;

  /** What the day-of checklist found at check-in (a go has none that block or wait for review). */
  @Column({ name: 'day_of_findings', type: 'jsonb' })
  dayOfFindings!: StoredFinding[];

  /** Why a clinician let a no-go start, in their words; the clinician in `overriddenBy`. */
  @Column({ name: 'override_reason', type: 'text', nullable: true })
  overrideReason!: string | null;

  @Column({ name: 'overridden_by', type: 'uuid', nullable: true })
  overriddenBy!: string | null;

  /** The vitals at check-in: discharge compares against them. */
  @Column({ name: 'baseline_vitals', type: 'jsonb' })
  baselineVitals!: StoredVitals;

  @Column({ name: 'infusion_ended_at', type: 'timestamptz', nullable: true })
  infusionEndedAt!: Date | null;

  @Column({ name: 'discharged_at', type: 'timestamptz', nullable: true })
  dischargedAt!: Date | null;

  /** Why a checked-in patient went home without an infusion. */
  @Column({ name: 'not_infused_reason', type: 'text', nullable: true })
  notInfusedReason!: string | null;

  /** Added to, never changed: each vitals reading's alerts, in the order they were raised. */
  @Column({ name: 'monitoring_alerts', type: 'jsonb', default: () => `'[]'` })
  monitoringAlerts!: MonitoringAlert[];

  @Column({ name: 'discharge_findings', type: 'jsonb', nullable: true })
  dischargeFindings!: StoredFinding[] | null;

  /**
   * The version of the whole infusion day (encounter and administration): every step moves it on, also one
   * that changes only the administration, so it is kept by the store, not by TypeORM (which bumps only on change).
   */
  @Column({ type: 'integer', default: 1 })
  version!: number;
}
