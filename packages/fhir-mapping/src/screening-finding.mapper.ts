import type { FindingSeverity, HomeMedicationFormat, ScreeningFindingRecord } from '@keta/domain';
import type { DetectedIssue, Narrative } from '@medplum/fhirtypes';
import { KETA_SYSTEMS } from './identifier-systems';
import type { ProjectedResource } from './projected-resource';

/** Keta's finding codes (the rules' stable codes) share the finding's identifier system, as the codes are Keta's own. */
export const SCREENING_FINDING_CODES = KETA_SYSTEMS.screeningFinding;
/** Keta's own severity, kept as a workflow tag: FHIR's three levels cannot tell warn from info. */
export const FINDING_SEVERITY_TAG = `${KETA_SYSTEMS.screeningFinding}-severity`;
const DRUG_INTERACTION = { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'DRG', display: 'Drug Interaction Alert' };

const SEVERITY: Record<FindingSeverity, NonNullable<DetectedIssue['severity']>> = { block: 'high', review: 'moderate', warn: 'low', info: 'low' };
const IMPLICATED: Record<HomeMedicationFormat, string> = { 'medication-statement': 'MedicationStatement', 'us-core-medication-request': 'MedicationRequest' };

/**
 * What screening found, as a DetectedIssue: DRG for medication findings (DOMAIN.md §2.8) beside Keta's rule
 * code; the message as code text and detail; the referral screened as evidence; the home medication it is
 * about as implicated, of the type the receiving EHR gets home medications as. Where the rule comes from
 * is for people and has no element of its own (`reference` is a URI, evidence is about the patient), so it
 * is in the narrative, marked `additional` as it is not in the structured data.
 */
export function toFhirDetectedIssue(record: ScreeningFindingRecord, medicationFormat: HomeMedicationFormat = 'medication-statement'): ProjectedResource<DetectedIssue> {
  const own = { system: KETA_SYSTEMS.screeningFinding, value: record.id };
  const keta = { system: SCREENING_FINDING_CODES, code: record.code };
  const resource: DetectedIssue & { id: string } = {
    resourceType: 'DetectedIssue',
    id: record.id,
    meta: { tag: [{ system: FINDING_SEVERITY_TAG, code: record.severity }] },
    text: narrative(record),
    identifier: [own],
    status: record.resolvedAt ? 'mitigated' : 'final',
    code: { coding: record.code.startsWith('medication.') ? [{ ...DRUG_INTERACTION }, keta] : [keta], text: record.message },
    severity: SEVERITY[record.severity],
    patient: { reference: `Patient/${record.patientId}` },
    identifiedDateTime: record.identifiedAt,
    ...(record.medicationId ? { implicated: [{ reference: `${IMPLICATED[medicationFormat]}/${record.medicationId}` }] } : {}),
    evidence: [{ detail: [{ reference: `ServiceRequest/${record.referralId}` }] }],
    detail: record.message,
    ...(record.resolvedAt ? { mitigation: [{ action: { text: RESOLVED }, date: record.resolvedAt }] } : {}),
  };
  return { resource, patientId: record.patientId, syncIdentifier: own, status: resource.status };
}

/** The class of the narrative element that holds the rule's source. */
export const FINDING_SOURCE_CLASS = 'finding-source';
/** A finding screening no longer makes (the letter came, a question was answered): mitigated, saying when and why. */
export const RESOLVED = 'Resolved: screening the referral again no longer finds it';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function narrative({ message, source }: ScreeningFindingRecord): Narrative {
  const div = `<div xmlns="http://www.w3.org/1999/xhtml"><p>${escape(message)}</p><p>Source: <span class="${FINDING_SOURCE_CLASS}">${escape(source)}</span></p></div>`;
  return { status: 'additional', div };
}
