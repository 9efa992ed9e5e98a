import type { ClosingSummary } from '@keta/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What the clinic reported back when it closed a referral: kept as sent. */
@Entity({ name: 'referral_closing_summary' })
export class ReferralClosingSummaryEntity {
  @PrimaryColumn({ name: 'referral_id', type: 'uuid' })
  referralId!: string;

  @Column({ name: 'series_id', type: 'uuid' })
  seriesId!: string;

  @Column({ type: 'jsonb' })
  summary!: ClosingSummary;

  @Column({ name: 'closed_by', type: 'uuid' })
  closedBy!: string;

  @Column({ name: 'closed_at', type: 'timestamptz' })
  closedAt!: Date;
}
