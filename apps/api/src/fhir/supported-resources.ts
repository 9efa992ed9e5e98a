/**
 * What /fhir/R4 serves: the resource types the projection holds and, per type, the search parameters it
 * understands. The parser, the SQL builder and the CapabilityStatement all read this one table, so the
 * endpoint cannot advertise a parameter it does not implement, nor implement one it does not advertise.
 */
export const FHIR_TYPES = ['Patient', 'ServiceRequest', 'Task'] as const;
export type FhirType = (typeof FHIR_TYPES)[number];

/** How a parameter is evaluated against the projection (see search-query.builder.ts). */
export type SearchKind = 'id' | 'identifier' | 'patient' | 'status' | 'last-updated' | 'authored';

export interface SearchParamDefinition {
  name: string;
  kind: SearchKind;
  type: 'token' | 'reference' | 'date';
  /** The canonical URL of the standard R4 SearchParameter this one implements. */
  definition: string;
  documentation: string;
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
const status = (type: FhirType): SearchParamDefinition => ({
  name: 'status', kind: 'status', type: 'token', definition: `${SP}${type}-status`, documentation: 'The status code.',
});
const patientRef = (name: 'patient' | 'subject', definition: string): SearchParamDefinition => ({
  name, kind: 'patient', type: 'reference', definition: `${SP}${definition}`, documentation: `The patient: ${PATIENT_REF}`,
});
const authored = (name: 'authored' | 'authored-on', definition: string): SearchParamDefinition => ({
  name, kind: 'authored', type: 'date', definition: `${SP}${definition}`, documentation: `authoredOn. ${PREFIXES}`,
});

export interface SupportedResource {
  searchParams: readonly SearchParamDefinition[];
  /** The one _include value the type takes: its patient, added with search.mode = include. */
  include?: string;
}

/** R4 names its date parameter `authored` on ServiceRequest but `authored-on` on Task; both are kept as R4 spells them. */
export const SUPPORTED: Record<FhirType, SupportedResource> = {
  Patient: { searchParams: [id, lastUpdated, identifier('Patient-identifier')] },
  ServiceRequest: {
    searchParams: [
      id, lastUpdated, identifier('clinical-identifier'), patientRef('patient', 'clinical-patient'),
      patientRef('subject', 'ServiceRequest-subject'), status('ServiceRequest'), authored('authored', 'ServiceRequest-authored'),
    ],
    include: 'ServiceRequest:patient',
  },
  Task: {
    searchParams: [
      id, lastUpdated, identifier('Task-identifier'), patientRef('patient', 'Task-patient'),
      patientRef('subject', 'Task-subject'), status('Task'), authored('authored-on', 'Task-authored-on'),
    ],
    include: 'Task:patient',
  },
};
