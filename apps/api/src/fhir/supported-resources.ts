/**
 * What /fhir/R4 serves: the resource types the projection holds and, per type, the search parameters it
 * understands. The parser, the SQL builder and the CapabilityStatement all read this one table, so the
 * endpoint cannot advertise a parameter it does not implement, nor implement one it does not advertise.
 */
export const FHIR_TYPES = [
  'Patient', 'ServiceRequest', 'Task', 'DocumentReference', 'Consent', 'Condition', 'Encounter', 'MedicationAdministration',
  'MedicationStatement', 'Observation', 'DetectedIssue', 'QuestionnaireResponse',
] as const;
export type FhirType = (typeof FHIR_TYPES)[number];

/** How a parameter is evaluated against the projection (see search-query.builder.ts). */
export type SearchKind = 'id' | 'identifier' | 'patient' | 'status' | 'last-updated' | 'date';

export interface SearchParamDefinition {
  name: string;
  kind: SearchKind;
  type: 'token' | 'reference' | 'date';
  /** The canonical URL of the standard R4 SearchParameter this one implements. */
  definition: string;
  documentation: string;
  /** For a `date` kind: the element of the resource it reads, as a JSON path (Keta's mappers write instants there). */
  element?: readonly string[];
}

const SP = 'http://hl7.org/fhir/SearchParameter/';
const PREFIXES = 'Prefixes eq, gt, ge, lt, le; a date without a time is a UTC day.';
const PATIENT_REF = 'Patient/<id> or <id>.';

const id: SearchParamDefinition = { name: '_id', kind: 'id', type: 'token', definition: `${SP}Resource-id`, documentation: 'The logical id.' };
const lastUpdated: SearchParamDefinition = {
  name: '_lastUpdated', kind: 'last-updated', type: 'date', definition: `${SP}Resource-lastUpdated`, documentation: `meta.lastUpdated. ${PREFIXES}`,
};
const identifier = (definition: string): SearchParamDefinition => ({
  name: 'identifier', kind: 'identifier', type: 'token', definition: `${SP}${definition}`, documentation: 'system|value, value, system| or |value.',
});
const status = (definition: string, name = 'status'): SearchParamDefinition => ({
  name, kind: 'status', type: 'token', definition: `${SP}${definition}`, documentation: 'The status code.',
});
const patientRef = (name: 'patient' | 'subject', definition: string): SearchParamDefinition => ({
  name, kind: 'patient', type: 'reference', definition: `${SP}${definition}`, documentation: `The patient: ${PATIENT_REF}`,
});
const date = (name: string, definition: string, element: readonly string[]): SearchParamDefinition => ({
  name, kind: 'date', type: 'date', definition: `${SP}${definition}`, documentation: `${element.join('.')}. ${PREFIXES}`, element,
});

export interface SupportedResource {
  searchParams: readonly SearchParamDefinition[];
  /** The one _include value the type takes: its patient, added with search.mode = include. */
  include?: string;
}

/** The parameters every clinical type shares: its id, when it changed, its identifier and its patient. */
const clinical = (identifierDefinition: string, patientDefinition: string, subject?: string): SearchParamDefinition[] => [
  id, lastUpdated, identifier(identifierDefinition), patientRef('patient', patientDefinition), ...(subject ? [patientRef('subject', subject)] : []),
];
const withPatient = (type: FhirType, searchParams: SearchParamDefinition[]): SupportedResource => ({ searchParams, include: `${type}:patient` });

/**
 * R4 names each parameter as it does: `authored` on ServiceRequest but `authored-on` on Task, `clinical-status`
 * on Condition, `identified` on DetectedIssue. Each date reads the one
 * element Keta's mapper fills (an Encounter's `date` is its start); a home medication has no date to search
 * by, as Keta does not know when the patient started it.
 */
export const SUPPORTED: Record<FhirType, SupportedResource> = {
  Patient: { searchParams: [id, lastUpdated, identifier('Patient-identifier')] },
  ServiceRequest: withPatient('ServiceRequest', [
    ...clinical('clinical-identifier', 'clinical-patient', 'ServiceRequest-subject'), status('ServiceRequest-status'),
    date('authored', 'ServiceRequest-authored', ['authoredOn']),
  ]),
  Task: withPatient('Task', [
    ...clinical('Task-identifier', 'Task-patient', 'Task-subject'), status('Task-status'), date('authored-on', 'Task-authored-on', ['authoredOn']),
  ]),
  DocumentReference: withPatient('DocumentReference', [
    ...clinical('clinical-identifier', 'clinical-patient', 'DocumentReference-subject'), status('DocumentReference-status'),
    date('date', 'DocumentReference-date', ['date']),
  ]),
  Consent: withPatient('Consent', [...clinical('clinical-identifier', 'clinical-patient'), status('Consent-status'), date('date', 'clinical-date', ['dateTime'])]),
  Condition: withPatient('Condition', [
    ...clinical('clinical-identifier', 'clinical-patient', 'Condition-subject'), status('Condition-clinical-status', 'clinical-status'),
    date('recorded-date', 'Condition-recorded-date', ['recordedDate']),
  ]),
  Encounter: withPatient('Encounter', [
    ...clinical('clinical-identifier', 'clinical-patient', 'Encounter-subject'), status('Encounter-status'), date('date', 'clinical-date', ['period', 'start']),
  ]),
  MedicationAdministration: withPatient('MedicationAdministration', [
    ...clinical('clinical-identifier', 'clinical-patient', 'MedicationAdministration-subject'), status('medications-status'),
    date('effective-time', 'MedicationAdministration-effective-time', ['effectivePeriod', 'start']),
  ]),
  MedicationStatement: withPatient('MedicationStatement', [
    ...clinical('clinical-identifier', 'clinical-patient', 'MedicationStatement-subject'), status('medications-status'),
  ]),
  Observation: withPatient('Observation', [
    ...clinical('clinical-identifier', 'clinical-patient', 'Observation-subject'), status('Observation-status'), date('date', 'clinical-date', ['effectiveDateTime']),
  ]),
  DetectedIssue: withPatient('DetectedIssue', [...clinical('clinical-identifier', 'clinical-patient'), status('DetectedIssue-status'), date('identified', 'DetectedIssue-identified', ['identifiedDateTime'])]),
  QuestionnaireResponse: withPatient('QuestionnaireResponse', [
    ...clinical('QuestionnaireResponse-identifier', 'QuestionnaireResponse-patient', 'QuestionnaireResponse-subject'),
    status('QuestionnaireResponse-status'), date('authored', 'QuestionnaireResponse-authored', ['authored']),
  ]),
};
