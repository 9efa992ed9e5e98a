import type { QuestionnaireResponseRecord } from '@keta/domain';
import { validateResource } from '@medplum/core';
import { indexFhirDefinitions } from '../test/fhir-definitions';
import { KETA_SYSTEMS } from './identifier-systems';
import { toFhirQuestionnaireResponse, toFhirQuestionnaireScore } from './questionnaire-response.mapper';

beforeAll(indexFhirDefinitions);

const phq9: QuestionnaireResponseRecord = {
  id: 'q0000000-0000-4000-8000-000000000001', scoreId: 's0000000-0000-4000-8000-000000000001', patientId: 'p1', encounterId: 'e1',
  instrument: 'phq9', answers: [3, 2, 2, 1, 0, 1, 2, 1, 0], authoredAt: '2026-03-02T14:50:00.000Z',
};
const gad7: QuestionnaireResponseRecord = { ...phq9, instrument: 'gad7', answers: [1, 1, 2, 0, 3, 1, 0], encounterId: undefined };

describe('QuestionnaireResponse mapping', () => {
  it('is a completed response by the patient: one integer answer per item, in order', () => {
    const { resource, syncIdentifier } = toFhirQuestionnaireResponse(phq9);
    expect(() => validateResource(resource)).not.toThrow();
    expect(resource).toMatchObject({
      status: 'completed', subject: { reference: 'Patient/p1' }, author: { reference: 'Patient/p1' },
      encounter: { reference: 'Encounter/e1' }, authored: '2026-03-02T14:50:00.000Z',
    });
    expect(resource.item?.map((i) => [i.linkId, i.answer?.[0]?.valueInteger])).toEqual(phq9.answers.map((a, i) => [`phq9-${i + 1}`, a]));
    expect(resource.identifier).toEqual({ system: KETA_SYSTEMS.questionnaireResponse, value: phq9.id });
    expect(syncIdentifier).toEqual(resource.identifier);
  });
});

describe('score Observation mapping', () => {
  it.each([
    ['44261-6', 12, phq9],
    ['70274-6', 8, gad7],
  ] as const)('gives a survey Observation with LOINC %s and the total (%i) as an integer', (loinc, total, record) => {
    const { resource, syncIdentifier } = toFhirQuestionnaireScore(record);
    expect(() => validateResource(resource)).not.toThrow();
    expect(resource.category).toEqual([{ coding: [expect.objectContaining({ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey' })] }]);
    expect(resource.code.coding).toEqual([expect.objectContaining({ system: 'http://loinc.org', code: loinc })]);
    expect(resource).toMatchObject({ id: record.scoreId, status: 'final', valueInteger: total, effectiveDateTime: record.authoredAt, subject: { reference: 'Patient/p1' } });
    expect(resource.derivedFrom).toEqual([{ reference: `QuestionnaireResponse/${record.id}` }]);
    expect(syncIdentifier).toEqual({ system: KETA_SYSTEMS.questionnaireScore, value: record.scoreId });
  });

  it('links the score to the encounter only when the response has one', () => {
    expect(toFhirQuestionnaireScore(phq9).resource.encounter).toEqual({ reference: 'Encounter/e1' });
    expect(toFhirQuestionnaireScore(gad7).resource).not.toHaveProperty('encounter');
  });
});
