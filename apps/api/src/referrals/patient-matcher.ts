import { PatientEntity, PatientIdentifierEntity } from '@keta/db';
import type { PatientDemographics } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import type { EntityManager } from 'typeorm';

/**
 * Finds the patient a referral is about by identifier, never by name (DESIGN.md, "Inbound"), or creates
 * one; says which. Identifiers that point at two patients, or at a patient whose name or birth date differ, need a
 * person to look: the referral is refused rather than attached to the wrong chart.
 */
export async function matchOrCreatePatient(tx: EntityManager, demographics: PatientDemographics): Promise<{ patient: PatientEntity; known: boolean }> {
  const keys = demographics.identifiers.map((i) => `${i.system}|${i.value}`).sort();
  for (const key of keys) await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`patient_identifier:${key}`]);
  const known = keys.length
    ? await tx.getRepository(PatientIdentifierEntity).find({ where: demographics.identifiers.map(({ system, value }) => ({ system, value })) })
    : [];
  const patientIds = [...new Set(known.map((k) => k.patientId))];
  if (patientIds.length > 1) throw mismatch('The identifiers given belong to different patients');
  const patient = patientIds.length
    ? await tx.getRepository(PatientEntity).findOneByOrFail({ id: patientIds[0] })
    : await tx.getRepository(PatientEntity).save(toPatientEntity(demographics));
  if (patientIds.length && !samePerson(patient, demographics)) {
    throw mismatch('An identifier given belongs to a patient whose name or birth date differ');
  }
  const knownKeys = new Set(known.map((k) => `${k.system}|${k.value}`));
  const added = demographics.identifiers.filter((i) => !knownKeys.has(`${i.system}|${i.value}`));
  if (added.length) await tx.getRepository(PatientIdentifierEntity).insert(added.map((i) => ({ ...i, patientId: patient.id })));
  return { patient, known: patientIds.length > 0 };
}

function toPatientEntity(d: PatientDemographics): Partial<PatientEntity> {
  return {
    givenNames: d.name.given, familyName: d.name.family, birthDate: d.birthDate, sex: d.sex,
    phone: d.phone ?? null, email: d.email ?? null,
  };
}

function samePerson(patient: PatientEntity, d: PatientDemographics): boolean {
  const normal = (s: string) => s.trim().toLowerCase();
  return patient.birthDate === d.birthDate && normal(patient.familyName) === normal(d.name.family);
}

function mismatch(message: string): DomainError {
  return new DomainError(ErrorCode.Conflict, `${message}: review the patient before referring`, [
    { field: 'patient.identifiers', message: 'do not match one patient' },
  ]);
}
