import type { BillingProvider, PolicyPreset, Weekday } from '@keta/domain';
import { Column, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** One clinic per deployment: a single row, id 1 (DESIGN.md, "Decisions"). */
@Entity({ name: 'clinic_settings' })
export class ClinicSettingsEntity {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone!: string;

  @Column({ name: 'opening_days', type: 'text', array: true })
  openingDays!: Weekday[];

  @Column({ type: 'integer' })
  chairs!: number;

  @Column({ name: 'policy_preset', type: 'text' })
  policyPreset!: PolicyPreset;

  /** The clinic's values over its preset's (clinical-rules' resolvePolicy merges them). */
  @Column({ name: 'policy_adjustments', type: 'jsonb', default: () => "'{}'::jsonb" })
  policyAdjustments!: Record<string, unknown>;

  /** Local dates the clinic is closed (YYYY-MM-DD in its time zone). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  closures!: string[];

  /** What a superbill names the clinic by for insurers; null until an admin sets it. */
  @Column({ name: 'billing_provider', type: 'jsonb', nullable: true })
  billingProvider!: BillingProvider | null;

  /** Bumped by every change (its ETag): once the settings exist, a change names the version it was made from. */
  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
