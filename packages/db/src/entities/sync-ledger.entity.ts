import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type SyncStatus = 'synced' | 'failed';

/** What one EHR connection holds of one record: the local version it has, and its own id and version. */
@Entity({ name: 'sync_ledger' })
export class SyncLedgerEntity {
  @PrimaryColumn({ name: 'connection_id', type: 'uuid' })
  connectionId!: string;

  @PrimaryColumn({ name: 'resource_type', type: 'text' })
  resourceType!: string;

  @PrimaryColumn({ name: 'resource_id', type: 'uuid' })
  resourceId!: string;

  @Column({ name: 'local_version', type: 'integer' })
  localVersion!: number;

  @Column({ name: 'remote_id', type: 'text', nullable: true })
  remoteId!: string | null;

  @Column({ name: 'remote_version', type: 'text', nullable: true })
  remoteVersion!: string | null;

  @Column({ type: 'text' })
  status!: SyncStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error_code', type: 'text', nullable: true })
  lastErrorCode!: string | null;

  /** When reconciliation last compared this row with the EHR; null until it has. */
  @Column({ name: 'reconciled_at', type: 'timestamptz', nullable: true })
  reconciledAt!: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
