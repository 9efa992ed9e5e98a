import type { QuestionnaireResponseRecord } from '@keta/domain';
import type { Observation, QuestionnaireResponse } from '@medplum/fhirtypes';
import { toFhirQuestionnaireResponse, toFhirQuestionnaireScore } from './questionnaire-response.mapper';
import { fromFhirQuestionnaireResponse } from './questionnaire-response.reader';

const fields = (response: QuestionnaireResponse, score: Observation) => {
  try {
    fromFhirQuestionnaireResponse(response, score);
  } catch (error) {
    return (error as { issues: Array<{ field: string }> }).issues.map((i) => i.field);
  }
  return [];
};

const gad7: QuestionnaireResponseRecord = { id: 'q1', scoreId: 's1', patientId: 'p1', instrument: 'gad7', answers: [1, 1, 2, 0, 3, 1, 0], authoredAt: '2026-03-02T14:50:00.000Z' };
const response = toFhirQuestionnaireResponse(gad7).resource;
const score = toFhirQuestionnaireScore(gad7).resource;

describe('reading a questionnaire and its score', () => {
  it('names every element it cannot use', () => {
    expect(fields({ resourceType: 'QuestionnaireResponse', status: 'in-progress' }, { ...score, id: undefined, code: { text: 'PHQ-9' }, derivedFrom: [] })).toEqual([
      'Observation.code', 'Observation.id', 'Observation.derivedFrom', 'QuestionnaireResponse.status', 'QuestionnaireResponse.subject', 'QuestionnaireResponse.authored',
    ]);
  });

  it.each([
    ['a missing item', response.item?.slice(1)],
    ['an answer above 3', response.item?.map((item, i) => (i === 2 ? { ...item, answer: [{ valueInteger: 4 }] } : item))],
    ['items out of order', response.item?.slice().reverse()],
  ])('rejects %s', (_case, item) => {
    expect(fields({ ...response, item }, score)).toEqual(['QuestionnaireResponse.item']);
  });

  it('rejects a score that is not the sum of the answers', () => {
    expect(fields(response, { ...score, valueInteger: 9 })).toEqual(['Observation.valueInteger']);
  });

  it('rejects a score derived from another response', () => {
    expect(fields(response, { ...score, derivedFrom: [{ reference: 'QuestionnaireResponse/other' }] })).toEqual(['Observation.derivedFrom']);
  });
});
