import { ConsentEntity, PatientEntity, writeProjection } from '@keta/db';
import type { ConsentRecord, NewConsent } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { toFhirConsent } from '@keta/fhir-mapping';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { toConsentRecord } from './consent-record';
import { AuditedChange } from '../audit/audited-change.service';

/**
 * Consents as staff record them at signing, and their revocation. Each change writes the Consent's FHIR
 * projection and an outbox row in one transaction: the sync then looks at the patient's records again,
 * so a revoked privacy consent stops what goes to the EHR it named from then on.
 */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly changes: AuditedChange,
  ) {}

  async record(patientId: string, input: NewConsent, by: string): Promise<ConsentRecord> {
    return this.changes.run(async (tx) => {
      if (!(await tx.getRepository(PatientEntity).existsBy({ id: patientId }))) throw new DomainError(ErrorCode.NotFound, 'No patient has this id');
      const privacy = input.kind === 'privacy' ? input : undefined;
      const row = await tx.getRepository(ConsentEntity).save({
        patientId, kind: input.kind, status: 'active', recipientName: privacy?.recipient.name ?? null,
        recipientUrl: privacy?.recipient.url?.replace(/\/+$/, '') ?? null, coversPart2: privacy?.coversPart2 ?? false,
        signedAt: input.signedAt ? new Date(input.signedAt) : new Date(), revokedAt: null, expiresOn: input.expiresOn ?? null,
        documentId: null, createdBy: by,
      });
      return this.project(tx, row);
    });
  }

  async revoke(id: string): Promise<ConsentRecord> {
    return this.changes.run(async (tx) => {
      const row = await tx.getRepository(ConsentEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new DomainError(ErrorCode.NotFound, 'No consent has this id');
      if (row.status === 'revoked') throw new DomainError(ErrorCode.Conflict, 'This consent is already revoked');
      return this.project(tx, await tx.getRepository(ConsentEntity).save({ ...row, status: 'revoked', revokedAt: new Date() }));
    });
  }

  private async project(tx: EntityManager, row: ConsentEntity): Promise<ConsentRecord> {
    const record = toConsentRecord(row);
    await writeProjection(tx, [toFhirConsent(record)]);
    return record;
  }
}
