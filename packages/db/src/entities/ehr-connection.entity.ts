import type { EhrConnectionKind, HomeMedicationFormat } from '@keta/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
