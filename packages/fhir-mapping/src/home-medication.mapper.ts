import type { HomeMedicationFormat, HomeMedicationRecord } from '@keta/domain';
import type { CodeableConcept, MedicationRequest, MedicationStatement } from '@medplum/fhirtypes';
import { KETA_SYSTEMS } from './identifier-systems';
import type { ProjectedResource } from './projected-resource';

export const RXNORM_SYSTEM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const MEDICATION_REQUEST_CATEGORY = 'http://terminology.hl7.org/CodeSystem/medicationrequest-category';

/** The drug: its RxNorm code when known, and always the name as given. */
function medication({ rxnorm, name }: HomeMedicationRecord): CodeableConcept {
  return { ...(rxnorm ? { coding: [{ system: RXNORM_SYSTEM, code: rxnorm }] } : {}), text: name };
}

/*
 * Both resources share Keta's home-medication identifier, and the four statuses Keta keeps mean the same in
 * both R4 status value sets (active, on-hold, stopped, completed), so they are carried as they are.
 */

/** A home medication as a MedicationStatement, asserted when Keta recorded it (when it was started is not known). */
export function toFhirMedicationStatement(record: HomeMedicationRecord): ProjectedResource<MedicationStatement> {
  const own = { system: KETA_SYSTEMS.homeMedication, value: record.id };
  const resource: MedicationStatement & { id: string } = {
    resourceType: 'MedicationStatement',
    id: record.id,
    identifier: [own, ...(record.identifiers ?? [])],
    status: record.status,
    medicationCodeableConcept: medication(record),
    subject: { reference: `Patient/${record.patientId}` },
    dateAsserted: record.recordedAt,
    ...(record.dosage ? { dosage: [{ text: record.dosage }] } : {}),
  };
  return { resource, patientId: record.patientId, syncIdentifier: own, status: record.status };
}

/**
 * A home medication as US Core expects it (DOMAIN.md §2.5): a reported MedicationRequest with intent plan
 * and the R4 category community (medication taken at home).
 */
export function toFhirReportedMedicationRequest(record: HomeMedicationRecord): ProjectedResource<MedicationRequest> {
  const own = { system: KETA_SYSTEMS.homeMedication, value: record.id };
  const resource: MedicationRequest & { id: string } = {
    resourceType: 'MedicationRequest',
    id: record.id,
    identifier: [own, ...(record.identifiers ?? [])],
    status: record.status,
    intent: 'plan',
    category: [{ coding: [{ system: MEDICATION_REQUEST_CATEGORY, code: 'community', display: 'Community' }] }],
    reportedBoolean: true,
    medicationCodeableConcept: medication(record),
    subject: { reference: `Patient/${record.patientId}` },
    authoredOn: record.recordedAt,
    ...(record.dosage ? { dosageInstruction: [{ text: record.dosage }] } : {}),
  };
  return { resource, patientId: record.patientId, syncIdentifier: own, status: record.status };
}

const BY_FORMAT: Record<HomeMedicationFormat, (record: HomeMedicationRecord) => ProjectedResource<MedicationStatement | MedicationRequest>> = {
  'medication-statement': toFhirMedicationStatement,
  'us-core-medication-request': toFhirReportedMedicationRequest,
};

/** A home medication in the form an EHR connection receives (its home-medication format setting). */
export function toFhirHomeMedication(record: HomeMedicationRecord, format: HomeMedicationFormat): ProjectedResource<MedicationStatement | MedicationRequest> {
  return BY_FORMAT[format](record);
}
