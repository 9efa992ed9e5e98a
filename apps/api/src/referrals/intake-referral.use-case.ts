import { PatientIdentifierEntity, ReferralEntity, writeProjection } from '@keta/db';
import type { ReferralIntake } from '@keta/domain';
import { toFhirPatient, toFhirReferralTask, toFhirServiceRequest } from '@keta/fhir-mapping';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { matchOrCreatePatient } from './patient-matcher';
import { toPatientRecord, toReferralRecord } from './referral-record';

/**
 * Takes in a referral, whatever the entry point (REST today; the portal and inbound FHIR later): the
 * patient, the referral, their FHIR projection and the outbox rows commit in one transaction.
 * Nothing goes to Redis here: the worker's relay picks the outbox up.
 */
@Injectable()
export class IntakeReferralUseCase {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async execute(input: ReferralIntake, submittedBy: string): Promise<{ id: string }> {
    const { id } = await this.db.transaction((tx) => this.executeIn(tx, input, submittedBy));
    return { id };
  }

  /** The same, inside a caller's transaction (a FHIR transaction Bundle takes in all its referrals or none). */
  async executeIn(tx: EntityManager, input: ReferralIntake, submittedBy: string | null): Promise<{ id: string; patientId: string }> {
    const patient = await matchOrCreatePatient(tx, input.patient);
    const identifiers = await tx.getRepository(PatientIdentifierEntity).find({ where: { patientId: patient.id }, order: { system: 'ASC', value: 'ASC' } });
    const referral = await tx.getRepository(ReferralEntity).save({
      id: randomUUID(),
      taskId: randomUUID(),
      patientId: patient.id,
      status: 'received',
      indicationSystem: input.indication.system,
      indicationCode: input.indication.code,
      reason: input.reason,
      referrerName: input.referrer.name,
      referrerNpi: input.referrer.npi,
      referrerOrganization: input.referrer.organization ?? null,
      referrerPhone: input.referrer.phone ?? null,
      submittedBy,
    });
    const patientRecord = toPatientRecord(patient, identifiers.map(({ system, value }) => ({ system, value })));
    const referralRecord = toReferralRecord(referral);
    await writeProjection(tx, [toFhirPatient(patientRecord), toFhirServiceRequest(referralRecord), toFhirReferralTask(referralRecord)]);
    return { id: referral.id, patientId: patient.id };
  }
}
