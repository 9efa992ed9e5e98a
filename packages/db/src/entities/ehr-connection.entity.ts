import type { AlertThresholds, EhrConnectionKind, HomeMedicationFormat, PollReferrals, SmartClientAuth } from '@keta/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

@Entity({ name: 'ehr_connection' })
export class EhrConnectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'base_url', type: 'text' })
  baseUrl!: string;

  @Column({ type: 'text' })
  kind!: EhrConnectionKind;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ name: 'home_medication_format', type: 'text', default: 'medication-statement' })
  homeMedicationFormat!: HomeMedicationFormat;

  /** The FHIR types it receives; null: every type. */
  @Column({ name: 'resource_types', type: 'text', array: true, nullable: true })
  resourceTypes!: string[] | null;

  @Column({ type: 'boolean', default: false })
  paused!: boolean;

  @Column({ name: 'rate_limit_per_minute', type: 'integer', nullable: true })
  rateLimitPerMinute!: number | null;

  @Column({ type: 'integer', nullable: true })
  concurrency!: number | null;

  /** A referrer's EHR: the NPIs of the referrers whose referrals it hears about. */
  @Column({ name: 'referrer_npis', type: 'text', array: true, default: () => "'{}'" })
  referrerNpis!: string[];

  @Column({ name: 'auth_kind', type: 'text', default: 'none' })
  authKind!: 'none' | 'bearer' | 'smart-backend';

  /** The worker's environment variable that holds the bearer token (never the token). */
  @Column({ name: 'auth_token_env', type: 'text', nullable: true })
  authTokenEnv!: string | null;

  /** Keta as a SMART Backend Services client of this EHR (auth kind smart-backend); its keys are in ehr_signing_key. */
  @Column({ name: 'auth_smart', type: 'jsonb', nullable: true })
  authSmart!: Omit<SmartClientAuth, 'kind'> | null;

  /**
   * The EHR refused Keta's credentials (a code, e.g. ehr_auth_invalid_client): the connection is held, not
   * retried, until its credentials change or ops retry. Written by the worker without bumping the version.
   */
  @Column({ name: 'auth_refused_code', type: 'text', nullable: true })
  authRefusedCode!: string | null;

  @Column({ name: 'auth_refused_at', type: 'timestamptz', nullable: true })
  authRefusedAt!: Date | null;

  /** Polling the EHR for referrals addressed to the clinic; null: it sends them. */
  @Column({ name: 'poll_referrals', type: 'jsonb', nullable: true })
  pollReferrals!: PollReferrals | null;

  /** Alert thresholds over the worker's defaults (ALERT_*); null: the defaults. */
  @Column({ name: 'alert_thresholds', type: 'jsonb', nullable: true })
  alertThresholds!: AlertThresholds | null;

  /** Bumped by every change (its ETag): an admin's change names the version it was made from. */
  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
