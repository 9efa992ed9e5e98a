import { PatientEntity, PatientIdentifierEntity, writeProjection } from '@keta/db';
import type { PatientContactChange } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { toFhirPatient } from '@keta/fhir-mapping';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { toPatientRecord } from '../referrals/referral-record';
import { AuditedChange } from '../audit/audited-change.service';
import { assertCurrent } from '../http/if-match';
import type { PatientView } from './patient-view';

/** A change to a patient: the row, its FHIR projection and the outbox row in one transaction, so every EHR gets it. */
@Injectable()
export class PatientsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly changes: AuditedChange,
  ) {}

  async get(id: string): Promise<PatientView> {
    const patient = await this.db.getRepository(PatientEntity).findOneBy({ id });
    if (!patient) throw new DomainError(ErrorCode.NotFound, 'No patient has this id');
    return viewOf(this.db.manager, patient);
  }

  /** Made from the version read (If-Match): a stale change would put back a number the front desk just replaced. */
  async changeContact(id: string, change: PatientContactChange, expectedVersion: number): Promise<PatientView> {
    return this.changes.run(async (tx) => {
      const patient = await tx.getRepository(PatientEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!patient) throw new DomainError(ErrorCode.NotFound, 'No patient has this id');
      assertCurrent('patient', patient.version, expectedVersion);
      const saved = await tx.getRepository(PatientEntity).save({
        ...patient, ...(change.phone !== undefined ? { phone: change.phone } : {}), ...(change.email !== undefined ? { email: change.email } : {}),
      });
      const view = await viewOf(tx, saved);
      await writeProjection(tx, [toFhirPatient(view)]);
      return view;
    });
  }
}

async function viewOf(db: EntityManager, patient: PatientEntity): Promise<PatientView> {
  const identifiers = await db.getRepository(PatientIdentifierEntity).find({ where: { patientId: patient.id }, order: { system: 'ASC', value: 'ASC' } });
  return { ...toPatientRecord(patient, identifiers.map(({ system, value }) => ({ system, value }))), version: patient.version };
}
