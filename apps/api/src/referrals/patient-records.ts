import type { ConditionEntity, HomeMedicationEntity, MeasurementEntity, ScreeningFindingEntity } from '@keta/db';
import type { ConditionRecord, HomeMedicationRecord, MeasurementRecord, ScreeningFindingRecord } from '@keta/domain';

/** What Keta holds about a patient, as the records the mappers take. */
export function toConditionRecord(row: ConditionEntity): ConditionRecord {
  return {
    id: row.id,
    patientId: row.patientId,
    code: { codings: row.codings, ...(row.text ? { text: row.text } : {}) },
    clinicalStatus: row.clinicalStatus,
    ...(row.onset ? { onset: row.onset } : {}),
    recordedAt: row.recordedAt.toISOString(),
    ...(row.part2 ? { part2: true } : {}),
    ...(row.identifiers.length ? { identifiers: row.identifiers } : {}),
  };
}

export function toHomeMedicationRecord(row: HomeMedicationEntity): HomeMedicationRecord {
  return {
    id: row.id,
    patientId: row.patientId,
    ...(row.rxnorm ? { rxnorm: row.rxnorm } : {}),
    name: row.name,
    status: row.status,
    ...(row.dosage ? { dosage: row.dosage } : {}),
    ...(row.identifiers.length ? { identifiers: row.identifiers } : {}),
    recordedAt: row.recordedAt.toISOString(),
  };
}

export function toMeasurementRecord(row: MeasurementEntity): MeasurementRecord {
  return {
    id: row.id,
    patientId: row.patientId,
    ...(row.encounterId ? { encounterId: row.encounterId } : {}),
    measurement: row.measurement,
    effectiveAt: row.effectiveAt.toISOString(),
    ...(row.identifiers.length ? { identifiers: row.identifiers } : {}),
  };
}

export function toScreeningFindingRecord(row: ScreeningFindingEntity): ScreeningFindingRecord {
  return {
    id: row.id,
    patientId: row.patientId,
    referralId: row.referralId,
    code: row.code,
    severity: row.severity,
    message: row.message,
    source: row.source,
    ...(row.medicationId ? { medicationId: row.medicationId } : {}),
    identifiedAt: row.identifiedAt.toISOString(),
    ...(row.resolvedAt ? { resolvedAt: row.resolvedAt.toISOString() } : {}),
  };
}
