import type { Instrument, QuestionnaireResponseRecord } from '@keta/domain';
import type { Coding, Observation, QuestionnaireResponse } from '@medplum/fhirtypes';
import { KETA_SYSTEMS } from './identifier-systems';
import type { ProjectedResource } from './projected-resource';

/** LOINC total-score codes (DOMAIN.md §3.1): the Observation the clinic's outcome rules read. */
export const TOTAL_SCORE: Record<Instrument, Coding> = {
  phq9: { system: 'http://loinc.org', code: '44261-6', display: 'Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]' },
  gad7: { system: 'http://loinc.org', code: '70274-6', display: 'Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]' },
};

/**
 * DOMAIN.md verifies no Questionnaire canonical or item codes, so each linkId names the instrument and
 * the item number (phq9-1 ... phq9-9): the response still says what it answers.
 */
export const questionnaireLinkId = (instrument: Instrument, index: number) => `${instrument}-${index + 1}`;

export const questionnaireTotal = (answers: readonly number[]) => answers.reduce((sum, answer) => sum + answer, 0);

/** The completed questionnaire: one item per answer, each an integer 0-3 (DOMAIN.md §2.7). */
export function toFhirQuestionnaireResponse(record: QuestionnaireResponseRecord): ProjectedResource<QuestionnaireResponse> {
  const own = { system: KETA_SYSTEMS.questionnaireResponse, value: record.id };
  const resource: QuestionnaireResponse & { id: string } = {
    resourceType: 'QuestionnaireResponse',
    id: record.id,
    identifier: own, // R4 QuestionnaireResponse.identifier is 0..1.
    status: 'completed',
    subject: { reference: `Patient/${record.patientId}` },
    ...(record.encounterId ? { encounter: { reference: `Encounter/${record.encounterId}` } } : {}),
    authored: record.authoredAt,
    author: { reference: `Patient/${record.patientId}` },
    item: record.answers.map((answer, index) => ({ linkId: questionnaireLinkId(record.instrument, index), answer: [{ valueInteger: answer }] })),
  };
  return { resource, patientId: record.patientId, syncIdentifier: own, status: 'completed' };
}

/** The total as a survey Observation derived from the response, as US Core Screening Assessment asks. */
export function toFhirQuestionnaireScore(record: QuestionnaireResponseRecord): ProjectedResource<Observation> {
  const own = { system: KETA_SYSTEMS.questionnaireScore, value: record.scoreId };
  const resource: Observation & { id: string } = {
    resourceType: 'Observation',
    id: record.scoreId,
    identifier: [own],
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' }] }],
    code: { coding: [TOTAL_SCORE[record.instrument]] },
    subject: { reference: `Patient/${record.patientId}` },
    ...(record.encounterId ? { encounter: { reference: `Encounter/${record.encounterId}` } } : {}),
    effectiveDateTime: record.authoredAt,
    valueInteger: questionnaireTotal(record.answers),
    derivedFrom: [{ reference: `QuestionnaireResponse/${record.id}` }],
  };
  return { resource, patientId: record.patientId, syncIdentifier: own, status: 'final' };
}
