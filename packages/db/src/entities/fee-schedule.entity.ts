import type { Fee, FeeCurrency } from '@keta/domain';
import { Column, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** The clinic's fee schedule: one per deployment (id 1, like clinic_settings), set whole by an admin. */
@Entity({ name: 'fee_schedule' })
export class FeeScheduleEntity {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id!: number;

  @Column({ type: 'text' })
  currency!: FeeCurrency;

  /** The fees by code (CPT, HCPCS), validated by the api (packages/domain feeScheduleSchema). */
  @Column({ type: 'jsonb' })
  fees!: Fee[];

  /** Bumped by every change (its ETag): once the schedule exists, a change names the version it was made from. */
  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
