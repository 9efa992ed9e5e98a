import { ConsentEntity, ConsentFormEntity, PatientEntity, UserEntity, writeProjection } from '@keta/db';
import type { NewConsent } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { toFhirConsent } from '@keta/fhir-mapping';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { toConsentRecord } from './consent-record';
import type { ConsentView } from './consent-view';
import { AuditedChange } from '../audit/audited-change.service';
import { assertCurrent } from '../http/if-match';

/**
 * Consents as staff record them at signing, and their revocation. Each change writes the Consent's FHIR
 * projection and an outbox row in one transaction: the sync then looks at the patient's records again,
 * so a revoked privacy consent stops what goes to the EHR it named from then on.
 */
@Injectable()
export class ConsentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly changes: AuditedChange,
  ) {}

  async record(patientId: string, input: NewConsent, by: string): Promise<ConsentView> {
    return this.changes.run(async (tx) => {
      if (!(await tx.getRepository(PatientEntity).existsBy({ id: patientId }))) throw new DomainError(ErrorCode.NotFound, 'No patient has this id');
      const form = await signableForm(tx, input);
      await assertWitness(tx, input.witnessId);
      const privacy = input.kind === 'privacy' ? input : undefined;
      const representative = input.signedBy.signer === 'legal-representative' ? input.signedBy.representativeName : null;
      const row = await tx.getRepository(ConsentEntity).save({
        patientId, kind: input.kind, status: 'active', recipientName: privacy?.recipient.name ?? null,
        recipientUrl: privacy?.recipient.url?.replace(/\/+$/, '') ?? null, coversPart2: privacy?.coversPart2 ?? false,
        signedAt: signedAt(input.signedAt), revokedAt: null, expiresOn: input.expiresOn ?? null,
        documentId: null, createdBy: by, formId: form.id, signer: input.signedBy.signer, representativeName: representative, witnessedBy: input.witnessId,
      });
      return this.project(tx, row, form);
    });
  }

  /** A patient's consents, newest signature first, each with the form it was signed on and its version. */
  async list(patientId: string): Promise<ConsentView[]> {
    if (!(await this.db.getRepository(PatientEntity).existsBy({ id: patientId }))) throw new DomainError(ErrorCode.NotFound, 'No patient has this id');
    const rows = await this.db.getRepository(ConsentEntity).find({ where: { patientId }, order: { signedAt: 'DESC' } });
    const formIds = [...new Set(rows.flatMap((r) => (r.formId ? [r.formId] : [])))];
    const forms = new Map((formIds.length ? await this.db.getRepository(ConsentFormEntity).findBy({ id: In(formIds) }) : []).map((f) => [f.id, f]));
    return rows.map((row) => ({ ...toConsentRecord(row, row.formId ? forms.get(row.formId) : null), version: row.version }));
  }

  /** Made from the version read (If-Match): one revoked meanwhile by someone else answers 412, read again. */
  revoke(id: string, expectedVersion: number): Promise<ConsentView> {
    return this.change(id, expectedVersion, async (_tx, row) => {
      if (row.status === 'revoked') throw new DomainError(ErrorCode.Conflict, 'This consent is already revoked');
      return { status: 'revoked', revokedAt: new Date() };
    });
  }

  /**
   * A change to a recorded consent, from the version read (If-Match), under the row's lock: the consent and
   * its Consent projection commit with the route's audit row.
   */
  change(id: string, expectedVersion: number, apply: (tx: EntityManager, row: ConsentEntity) => Promise<Partial<ConsentEntity>>): Promise<ConsentView> {
    return this.changes.run(async (tx) => {
      const row = await tx.getRepository(ConsentEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new DomainError(ErrorCode.NotFound, 'No consent has this id');
      assertCurrent('consent', row.version, expectedVersion);
      const saved = await tx.getRepository(ConsentEntity).save({ ...row, ...(await apply(tx, row)) });
      const form = row.formId ? await tx.getRepository(ConsentFormEntity).findOneBy({ id: row.formId }) : null;
      return this.project(tx, saved, form);
    });
  }

  private async project(tx: EntityManager, row: ConsentEntity, form: ConsentFormEntity | null): Promise<ConsentView> {
    const record = toConsentRecord(row, form);
    await writeProjection(tx, [toFhirConsent(record)]);
    return { ...record, version: row.version };
  }
}

/** The form the patient signed: of the consent's kind, and the kind's latest version (an older text is not what the clinic asks for now). */
async function signableForm(tx: EntityManager, input: NewConsent): Promise<ConsentFormEntity> {
  const form = await tx.getRepository(ConsentFormEntity).findOneBy({ id: input.formId });
  if (!form) throw new DomainError(ErrorCode.BusinessRule, 'formId names no published consent form', [{ field: 'formId', message: 'names no published consent form' }]);
  if (form.kind !== input.kind) {
    throw new DomainError(ErrorCode.BusinessRule, `formId names a ${form.kind} consent form, not a ${input.kind} one`, [{ field: 'formId', message: `is a ${form.kind} consent form` }]);
  }
  const newer = await tx.getRepository(ConsentFormEntity).findOne({ where: { kind: form.kind }, order: { version: 'DESC' } });
  if (newer && newer.version > form.version) {
    throw new DomainError(ErrorCode.BusinessRule, `Version ${newer.version} of this consent form replaces version ${form.version}: have the patient sign the current one`, [{ field: 'formId', message: `version ${form.version} is replaced by version ${newer.version}` }]);
  }
  return form;
}

/** A witness is clinic staff with an account in use: not a referrer, ops or a machine. */
async function assertWitness(tx: EntityManager, witnessId: string): Promise<void> {
  const witness = await tx.getRepository(UserEntity).findOneBy({ id: witnessId });
  if (!witness || witness.disabled || !WITNESS_ROLES.has(witness.role)) {
    throw new DomainError(ErrorCode.BusinessRule, 'witnessId names no clinic staff member who can witness a signature', [{ field: 'witnessId', message: 'names no clinician, front desk or admin account in use' }]);
  }
}

const WITNESS_ROLES = new Set<string>(['clinician', 'front-desk', 'admin']);

/** A signature recorded later may be dated earlier; never in the future (a minute's clock drift aside). */
function signedAt(at: string | undefined): Date {
  if (!at) return new Date();
  if (Date.parse(at) > Date.now() + 60_000) throw new DomainError(ErrorCode.ValidationFailed, 'signedAt is in the future', [{ field: 'signedAt', message: 'is in the future' }]);
  return new Date(at);
}
