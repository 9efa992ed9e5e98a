import { PatientEntity, PatientIdentifierEntity, writeProjection } from '@keta/db';
import type { PatientContactChange, PatientRecord } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { toFhirPatient } from '@keta/fhir-mapping';
import { Injectable } from '@nestjs/common';
import { toPatientRecord } from '../referrals/referral-record';
import { AuditedChange } from '../audit/audited-change.service';

/** A change to a patient: the row, its FHIR projection and the outbox row in one transaction, so every EHR gets it. */
@Injectable()
export class PatientsService {
  constructor(
    private readonly changes: AuditedChange,
  ) {}

  async changeContact(id: string, change: PatientContactChange): Promise<PatientRecord> {
    return this.changes.run(async (tx) => {
      const patient = await tx.getRepository(PatientEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!patient) throw new DomainError(ErrorCode.NotFound, 'No patient has this id');
      const saved = await tx.getRepository(PatientEntity).save({
        ...patient, ...(change.phone !== undefined ? { phone: change.phone } : {}), ...(change.email !== undefined ? { email: change.email } : {}),
      });
      const identifiers = await tx.getRepository(PatientIdentifierEntity).find({ where: { patientId: id }, order: { system: 'ASC', value: 'ASC' } });
      const record = toPatientRecord(saved, identifiers.map(({ system, value }) => ({ system, value })));
      await writeProjection(tx, [toFhirPatient(record)]);
      return record;
    });
  }
}
