import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** pg answers numeric as a string: the dose and rate are numbers to everyone else. */
const decimal = { to: (value: number) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

/** A change of the pump rate during the infusion, from which rate, and why. */
export interface RateChange {
  at: string;
  fromMgPerHour: number;
  rateMgPerHour: number;
  reason: string;
}

/** The ketamine given in one encounter. */
@Entity({ name: 'infusion_administration' })
export class InfusionAdministrationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Column({ name: 'encounter_id', type: 'uuid' })
  encounterId!: string;

  @Column({ type: 'text' })
  status!: 'in-progress' | 'completed' | 'stopped';

  @Column({ name: 'concentration_mg_per_ml', type: 'integer' })
  concentrationMgPerMl!: 10 | 50 | 100;

  /** The prescribed dose while it runs or when it completed; what was given by then when it was stopped early. */
  @Column({ name: 'dose_mg', type: 'numeric', transformer: decimal })
  doseMg!: number;

  @Column({ name: 'rate_mg_per_hour', type: 'numeric', transformer: decimal })
  rateMgPerHour!: number;

  @Column({ name: 'rate_changes', type: 'jsonb' })
  rateChanges!: RateChange[];

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'lot_number', type: 'text', nullable: true })
  lotNumber!: string | null;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason!: string | null;

  @Column({ name: 'weight_measurement_id', type: 'uuid', nullable: true })
  weightMeasurementId!: string | null;
}
