import type { ConsentKind } from '@keta/domain';
import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

@Entity({ name: 'consent' })
export class ConsentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Column({ type: 'text' })
  kind!: ConsentKind;

  @Column({ type: 'text' })
  status!: 'active' | 'revoked';

  @Column({ name: 'recipient_name', type: 'text', nullable: true })
  recipientName!: string | null;

  @Column({ name: 'recipient_url', type: 'text', nullable: true })
  recipientUrl!: string | null;

  @Column({ name: 'covers_part2', type: 'boolean' })
  coversPart2!: boolean;

  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'expires_on', type: 'date', nullable: true })
  expiresOn!: string | null;

  @Column({ name: 'document_id', type: 'uuid', nullable: true })
  documentId!: string | null;

  /** The form version the patient read and signed (consents recorded before forms existed have none). */
  @Column({ name: 'form_id', type: 'uuid', nullable: true })
  formId!: string | null;

  @Column({ type: 'text', nullable: true })
  signer!: 'patient' | 'legal-representative' | null;

  @Column({ name: 'representative_name', type: 'text', nullable: true })
  representativeName!: string | null;

  /** The staff member who saw it signed. */
  @Column({ name: 'witnessed_by', type: 'uuid', nullable: true })
  witnessedBy!: string | null;

  /** Bumped by every change (its ETag): a revocation names the version it was made from. */
  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;
}
