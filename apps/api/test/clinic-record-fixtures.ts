import {
  toFhirCondition, toFhirConsent, toFhirDetectedIssue, toFhirInfusionAdministration, toFhirInfusionEncounter, toFhirMeasurement,
  toFhirMedicationStatement, toFhirQuestionnaireResponse, toFhirReferralLetter, type ProjectedResource,
} from '@keta/fhir-mapping';
import { randomUUID } from 'node:crypto';

/** The types /fhir/R4 serves beside Patient, ServiceRequest and Task, each with a mapper for a test record. */
export type RecordType =
  | 'DocumentReference' | 'Consent' | 'Condition' | 'Encounter' | 'MedicationAdministration' | 'MedicationStatement' | 'Observation'
  | 'DetectedIssue' | 'QuestionnaireResponse';

/**
 * One record of each type for a patient, mapped as the clinic's use cases map them. `first` picks the
 * record's flavour, so two records of a type differ in status and in the year of their date.
 */
export function clinicRecord(type: RecordType, patientId: string, first: boolean): ProjectedResource {
  const id = randomUUID();
  const at = first ? '2025-03-04T10:00:00.000Z' : '2024-07-08T09:30:00.000Z';
  const later = first ? '2025-03-04T10:40:00.000Z' : '2024-07-08T10:10:00.000Z';
  switch (type) {
    case 'DocumentReference':
      return toFhirReferralLetter({ id, referralId: randomUUID(), patientId, contentType: 'application/pdf', sizeBytes: 2048, storedAt: at });
    case 'Consent':
      return toFhirConsent(first
        ? { id, patientId, signedAt: at, kind: 'treatment', status: 'active' }
        : { id, patientId, signedAt: at, kind: 'privacy', recipient: { name: 'Harbor Hospital' }, coversPart2: false, status: 'revoked', revokedAt: later });
    case 'Condition':
      return toFhirCondition({
        id, patientId, code: { codings: [{ system: 'http://snomed.info/sct', code: '370143000' }] }, clinicalStatus: first ? 'active' : 'remission', recordedAt: at,
      });
    case 'Encounter':
      return toFhirInfusionEncounter({ id, patientId, status: first ? 'finished' : 'planned', start: at, ...(first ? { end: later } : {}) });
    case 'MedicationAdministration':
      return toFhirInfusionAdministration({
        id, patientId, encounterId: randomUUID(), status: first ? 'completed' : 'stopped', concentrationMgPerMl: 10, doseMg: 35, rateMgPerHour: 52.5,
        start: at, end: later, ...(first ? {} : { statusReason: 'Blood pressure above the clinic threshold' }),
      });
    case 'MedicationStatement':
      return toFhirMedicationStatement({ id, patientId, rxnorm: '197901', name: 'lorazepam 1 MG Oral Tablet', status: first ? 'active' : 'stopped', recordedAt: at });
    case 'Observation':
      return toFhirMeasurement({ id, patientId, measurement: { kind: 'blood-pressure', systolic: first ? 128 : 141, diastolic: 82 }, effectiveAt: at });
    case 'DetectedIssue':
      return toFhirDetectedIssue({
        id, patientId, referralId: randomUUID(), code: 'medication.benzodiazepine', severity: 'warn', message: 'Lorazepam is a benzodiazepine.',
        source: 'DOMAIN.md §4.5', identifiedAt: at, ...(first ? {} : { resolvedAt: later }),
      });
    case 'QuestionnaireResponse':
      return toFhirQuestionnaireResponse({ id, scoreId: randomUUID(), patientId, instrument: first ? 'phq9' : 'gad7', answers: first ? [1, 2, 1, 0, 3, 2, 1, 0, 1] : [0, 1, 1, 0, 2, 1, 0], authoredAt: at });
  }
}
