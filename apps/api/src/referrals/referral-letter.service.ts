import { writeProjection } from '@keta/db';
import { DomainError, ErrorCode } from '@keta/errors';
import { toFhirReferralLetter } from '@keta/fhir-mapping';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { DocumentStore, type StoredDocument } from '../documents/document-store.service';
import { readableReferral } from './readable-referral';
import { ScreenReferralUseCase } from './screen-referral.use-case';
import { AuditedChange } from '../audit/audited-change.service';

/** A referral's letter, kept in the document store; a referrer reaches only the referrals they sent. */
@Injectable()
export class ReferralLetterService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly changes: AuditedChange,
    private readonly documents: DocumentStore,
    private readonly screening: ScreenReferralUseCase,
  ) {}

  /** Stores the letter with its DocumentReference, and screens the referral again: the letter may be what it lacked. */
  async attach(referralId: string, contentType: string, bytes: unknown, by: Principal): Promise<{ id: string; sha256: string }> {
    const referral = await readableReferral(this.db.manager, referralId, by);
    if (!Buffer.isBuffer(bytes)) throw new DomainError(ErrorCode.UnsupportedMediaType, 'Send the letter as application/pdf');
    const { patientId } = referral;
    return this.changes.run(async (tx) => {
      const stored = await this.documents.store({ kind: 'referral-letter', patientId, referralId, contentType, bytes, createdBy: by.userId }, tx);
      const letter = { id: stored.id, referralId, patientId, contentType: 'application/pdf' as const, sizeBytes: bytes.length, storedAt: stored.storedAt };
      await writeProjection(tx, [toFhirReferralLetter(letter)]);
      await this.screening.screenIn(tx, referralId);
      return { id: stored.id, sha256: stored.sha256 };
    });
  }

  async latest(referralId: string, by: Principal): Promise<StoredDocument> {
    await readableReferral(this.db.manager, referralId, by);
    const [row] = (await this.db.query(
      `SELECT id FROM document WHERE referral_id = $1 AND kind = 'referral-letter' ORDER BY created_at DESC, id LIMIT 1`,
      [referralId],
    )) as Array<{ id: string }>;
    if (!row) throw new DomainError(ErrorCode.NotFound, 'This referral has no letter yet');
    return this.documents.read(row.id);
  }
}
