import { PatientIdentifierEntity, ReferralEntity } from '@keta/db';
import type { ReferralIntake } from '@keta/domain';
import { toFhirPatient } from '@keta/fhir-mapping';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { PatientFactsRecorder, type ReceivedFacts } from './patient-facts.recorder';
import { matchOrCreatePatient } from './patient-matcher';
import { toPatientRecord } from './referral-record';
import { ScreenReferralUseCase } from './screen-referral.use-case';
import { AuditedChange } from '../audit/audited-change.service';

/**
 * Takes in a referral, whatever the entry point (REST, the portal, inbound FHIR): the patient, the
 * referral, what is known about the patient, the screening, their FHIR projection and the outbox rows
 * commit in one transaction.
 * Nothing goes to Redis here: the worker's relay picks the outbox up.
 */
@Injectable()
export class IntakeReferralUseCase {
  constructor(
    private readonly changes: AuditedChange,
    private readonly facts: PatientFactsRecorder,
    private readonly screening: ScreenReferralUseCase,
  ) {}

  async execute(input: ReferralIntake, submittedBy: string): Promise<{ id: string }> {
    const { id } = await this.changes.run((tx) => this.executeIn(tx, input, submittedBy));
    return { id };
  }

  /**
   * The same, inside a caller's transaction (a FHIR transaction Bundle takes in all its referrals or none),
   * with what an inbound Bundle says about the patient; then the referral is screened.
   */
  async executeIn(tx: EntityManager, input: ReferralIntake, submittedBy: string | null, received?: ReceivedFacts): Promise<{ id: string; patientId: string }> {
    const { patient, known } = await matchOrCreatePatient(tx, input.patient);
    const identifiers = await tx.getRepository(PatientIdentifierEntity).find({ where: { patientId: patient.id }, order: { system: 'ASC', value: 'ASC' } });
    // insert, not save: save would first look for a row with this fresh id.
    const referral: Omit<ReferralEntity, 'createdAt' | 'updatedAt'> = {
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
      statusReason: null,
      attestations: input.attestations,
      placerIdentifier: input.placerIdentifier ?? null,
      submittedBy,
      version: 1,
      decidedBy: null,
      decidedAt: null,
    };
    await tx.getRepository(ReferralEntity).insert(referral);
    const patientRecord = toPatientRecord(patient, identifiers.map(({ system, value }) => ({ system, value })));
    const indication = await this.facts.recordIndication(tx, patient.id, input.indication);
    const medications = await this.facts.recordListed(tx, patient.id, input.medications);
    if (received) await this.facts.recordReceived(tx, { patientId: patient.id, referralId: referral.id, submittedBy }, received);
    // One projection statement for the patient, the indication and the screening (docs/PERFORMANCE.md, intake).
    await this.screening.screenIn(tx, referral.id, [toFhirPatient(patientRecord), ...indication, ...medications]);
    // What this referral brought about the patient (a condition, a medication) may change their other referrals'.
    if (known) await this.screening.screenPatientIn(tx, patient.id, referral.id);
    return { id: referral.id, patientId: patient.id };
  }
}
