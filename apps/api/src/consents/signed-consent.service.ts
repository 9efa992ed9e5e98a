import { ConsentEntity, ConsentFormEntity } from '@keta/db';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import { AuditedChange } from '../audit/audited-change.service';
import { DocumentStore } from '../documents/document-store.service';
import { assertCurrent } from '../http/if-match';
import type { ConsentView } from './consent-view';
import { ConsentsService } from './consents.service';

/**
 * The signed consent form (a scan or the signing pad's PDF), kept in the document store like a referral
 * letter: encrypted, its SHA-256 recorded, and named by the Consent the EHRs receive. Kept once: a signed
 * document is never replaced (a new signature is a new consent).
 */
@Injectable()
export class SignedConsentService {
  constructor(
    private readonly changes: AuditedChange,
    private readonly documents: DocumentStore,
    private readonly consents: ConsentsService,
  ) {}

  attach(consentId: string, contentType: string, bytes: unknown, by: string, expectedVersion: number): Promise<ConsentView> {
    if (!Buffer.isBuffer(bytes)) throw new DomainError(ErrorCode.UnsupportedMediaType, 'Send the signed consent form as application/pdf');
    return this.changes.run(async (tx) => {
      const row = await tx.getRepository(ConsentEntity).findOne({ where: { id: consentId }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new DomainError(ErrorCode.NotFound, 'No consent has this id');
      assertCurrent('consent', row.version, expectedVersion);
      if (row.documentId) throw new DomainError(ErrorCode.Conflict, 'This consent\'s signed form is already kept: a signed document is not replaced');
      const stored = await this.documents.store({ kind: 'signed-consent', patientId: row.patientId, referralId: null, contentType, bytes, createdBy: by }, tx);
      const form = row.formId ? await tx.getRepository(ConsentFormEntity).findOneBy({ id: row.formId }) : null;
      return this.consents.project(tx, await tx.getRepository(ConsentEntity).save({ ...row, documentId: stored.id }), form);
    });
  }
}
