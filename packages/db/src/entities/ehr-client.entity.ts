import type { Jwks } from '@keta/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** An EHR system registered for SMART Backend Services: its id is the OAuth client_id. */
@Entity({ name: 'ehr_client' })
export class EhrClientEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Public keys only (a CHECK refuses `d` and `k` as well as the API); assertions are verified against them. */
  @Column({ type: 'jsonb' })
  jwks!: Jwks;

  /** SMART v2 system scopes, e.g. `system/Patient.rs`: the most a token of this client can carry. */
  @Column({ type: 'text', array: true })
  scopes!: string[];

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  /** Bumped by every change (its ETag): an admin's change names the version it was made from. */
  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
