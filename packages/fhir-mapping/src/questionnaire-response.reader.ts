import { INSTRUMENTS, INSTRUMENT_ITEM_COUNTS, type Instrument, type QuestionnaireResponseRecord } from '@keta/domain';
import type { FieldIssue } from '@keta/errors';
import type { Observation, QuestionnaireResponse } from '@medplum/fhirtypes';
import { TOTAL_SCORE, questionnaireLinkId, questionnaireTotal } from './questionnaire-response.mapper';
import { unreadable } from './read-error';

const idIn = (reference: string | undefined, type: string) => reference?.match(new RegExp(`^${type}/([^/]+)$`))?.[1];
const isItemAnswer = (n: number | undefined): n is number => n !== undefined && Number.isInteger(n) && n >= 0 && n <= 3;

/** The answers in item order, if every item is there, in order, answered 0-3. */
function readAnswers(response: QuestionnaireResponse, instrument: Instrument): number[] | undefined {
  const items = response.item ?? [];
  const answers = items.map((item) => item.answer?.[0]?.valueInteger);
  const inOrder = items.length === INSTRUMENT_ITEM_COUNTS[instrument] && items.every((item, i) => item.linkId === questionnaireLinkId(instrument, i));
  return inOrder && answers.every(isItemAnswer) ? answers : undefined;
}

/**
 * A PHQ-9 or GAD-7 from its response and total-score Observation: the instrument from the score's LOINC
 * code, and the score must be derived from this response and equal the sum of its answers.
 */
export function fromFhirQuestionnaireResponse(response: QuestionnaireResponse, score: Observation): QuestionnaireResponseRecord {
  const issues: FieldIssue[] = [];
  const need = (ok: unknown, field: string, message: string) => ok || issues.push({ field, message });
  const instrument = INSTRUMENTS.find((i) => score.code.coding?.some((c) => c.system === TOTAL_SCORE[i].system && c.code === TOTAL_SCORE[i].code));
  need(instrument, 'Observation.code', 'must be LOINC 44261-6 (PHQ-9 total) or 70274-6 (GAD-7 total)');
  need(score.id, 'Observation.id', 'is required');
  need(response.id && idIn(score.derivedFrom?.[0]?.reference, 'QuestionnaireResponse') === response.id, 'Observation.derivedFrom', 'must reference this QuestionnaireResponse');
  need(response.status === 'completed', 'QuestionnaireResponse.status', 'must be completed');
  const patientId = idIn(response.subject?.reference, 'Patient');
  need(patientId, 'QuestionnaireResponse.subject', 'must reference the Patient');
  need(response.authored, 'QuestionnaireResponse.authored', 'needs when the questionnaire was answered');
  const answers = instrument && readAnswers(response, instrument);
  if (instrument) need(answers, 'QuestionnaireResponse.item', `needs items ${questionnaireLinkId(instrument, 0)} to ${questionnaireLinkId(instrument, INSTRUMENT_ITEM_COUNTS[instrument] - 1)} in order, each answered with an integer 0-3`);
  if (answers) need(score.valueInteger === questionnaireTotal(answers), 'Observation.valueInteger', `must be the sum of the answers (${questionnaireTotal(answers)})`);
  if (issues.length) throw unreadable(issues);
  const encounterId = idIn(response.encounter?.reference, 'Encounter');
  return {
    id: response.id!, scoreId: score.id!, patientId: patientId!, ...(encounterId ? { encounterId } : {}),
    instrument: instrument!, answers: answers!, authoredAt: response.authored!,
  };
}
