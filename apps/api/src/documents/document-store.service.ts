import { DocumentEntity, KeyRingCipher, type DocumentKind } from '@keta/db';
import { DomainError, ErrorCode } from '@keta/errors';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager, Repository } from 'typeorm';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { pdfProblem } from './pdf-check';

export interface NewDocument {
  kind: DocumentKind;
  patientId: string;
  referralId: string | null;
  contentType: string;
  bytes: Buffer;
  createdBy: string | null;
}

export interface StoredDocument {
  id: string;
  contentType: string;
  sha256: string;
  bytes: Buffer;
}

/**
 * The one place documents are kept: PDFs only (checked by their bytes, not their name: whole, and no
 * decompression bomb), size-limited, SHA-256 recorded, encrypted at rest. The document's id is bound into the encryption, so ciphertext moved
 * to another row does not open.
 */
@Injectable()
export class DocumentStore {
  private readonly cipher: KeyRingCipher;

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @InjectRepository(DocumentEntity) private readonly documents: Repository<DocumentEntity>,
  ) {
    this.cipher = new KeyRingCipher(config.DOCUMENT_KEYS);
  }

  async store(input: NewDocument, tx: EntityManager = this.documents.manager): Promise<{ id: string; sha256: string; storedAt: string }> {
    this.check(input);
    const id = randomUUID();
    const createdAt = new Date();
    const sha256 = createHash('sha256').update(input.bytes).digest('hex');
    const sealed = this.cipher.seal(input.bytes, id);
    await tx.getRepository(DocumentEntity).insert({
      id, kind: input.kind, patientId: input.patientId, referralId: input.referralId, contentType: 'application/pdf',
      sizeBytes: input.bytes.length, sha256, createdBy: input.createdBy, createdAt, ...sealed,
    });
    return { id, sha256, storedAt: createdAt.toISOString() };
  }

  async read(id: string): Promise<StoredDocument> {
    const row = await this.documents.findOneBy({ id });
    if (!row) throw new DomainError(ErrorCode.NotFound, 'No document has this id');
    const bytes = this.cipher.open(row, row.id);
    if (createHash('sha256').update(bytes).digest('hex') !== row.sha256) throw new Error(`Document ${id} does not match its SHA-256`);
    return { id, contentType: row.contentType, sha256: row.sha256, bytes };
  }

  private check({ contentType, bytes }: NewDocument): void {
    if (contentType.split(';')[0]?.trim() !== 'application/pdf') {
      throw new DomainError(ErrorCode.UnsupportedMediaType, 'Send the document as application/pdf');
    }
    if (bytes.length === 0) throw new DomainError(ErrorCode.ValidationFailed, 'The document is empty', [{ field: 'body', message: 'is empty' }]);
    if (bytes.length > this.config.DOCUMENT_MAX_BYTES) {
      throw new DomainError(ErrorCode.PayloadTooLarge, `The document is larger than the limit of ${this.config.DOCUMENT_MAX_BYTES} bytes`);
    }
    const problem = pdfProblem(bytes, this.config.DOCUMENT_MAX_EXPANDED_BYTES);
    if (problem) throw new DomainError(ErrorCode.ValidationFailed, 'The document is not a PDF Keta can keep', [{ field: 'body', message: problem }]);
  }
}
