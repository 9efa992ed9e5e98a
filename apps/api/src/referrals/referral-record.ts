import type { PatientEntity, ReferralEntity } from '@keta/db';
import type { PatientRecord, ReferralRecord } from '@keta/domain';

/** Domain rows as the records the mappers take. */
export function toPatientRecord(patient: PatientEntity, identifiers: Array<{ system: string; value: string }>): PatientRecord {
  return {
    id: patient.id,
    demographics: {
      name: { given: patient.givenNames, family: patient.familyName },
      birthDate: patient.birthDate,
      sex: patient.sex,
      ...(patient.phone ? { phone: patient.phone } : {}),
      ...(patient.email ? { email: patient.email } : {}),
      identifiers,
    },
  };
}

export function toReferralRecord(referral: ReferralEntity): ReferralRecord {
  return {
    id: referral.id,
    taskId: referral.taskId,
    patientId: referral.patientId,
    status: referral.status,
    indication: { system: referral.indicationSystem, code: referral.indicationCode },
    reason: referral.reason,
    referrer: {
      name: referral.referrerName,
      npi: referral.referrerNpi,
      ...(referral.referrerOrganization ? { organization: referral.referrerOrganization } : {}),
      ...(referral.referrerPhone ? { phone: referral.referrerPhone } : {}),
    },
    createdAt: referral.createdAt.toISOString(),
    ...(referral.statusReason ? { statusReason: referral.statusReason } : {}),
    ...(referral.placerIdentifier ? { placerIdentifier: referral.placerIdentifier } : {}),
  };
}
