import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import { DocumentStore } from '../documents/document-store.service';
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
    private readonly documents: DocumentStore,
    private readonly consents: ConsentsService,
  ) {}

  attach(consentId: string, contentType: string, bytes: unknown, by: string, expectedVersion: number): Promise<ConsentView> {
    if (!Buffer.isBuffer(bytes)) throw new DomainError(ErrorCode.UnsupportedMediaType, 'Send the signed consent form as application/pdf');
    return this.consents.change(consentId, expectedVersion, async (tx, row) => {
      if (row.documentId) throw new DomainError(ErrorCode.Conflict, 'This consent\'s signed form is already kept: a signed document is not replaced');
      const stored = await this.documents.store({ kind: 'signed-consent', patientId: row.patientId, referralId: null, contentType, bytes, createdBy: by }, tx);
      return { documentId: stored.id };
    });
  }
}
