import { CONDITION_CLINICAL_STATUSES, type Coding, type ConditionRecord } from '@keta/domain';
import type { FieldIssue } from '@keta/errors';
import type { Condition } from '@medplum/fhirtypes';
import { CONDITION_CLINICAL, CONDITION_VERIFICATION } from './condition.mapper';
import { unreadable } from './read-error';
import { withSenderIdentifiers } from './sender-identifiers';
import { isPart2 } from './security-labels';

/** A Condition as Keta keeps it, less what Keta assigns (its id, the patient's id, when Keta recorded it). */
export type ConditionFromFhir = Omit<ConditionRecord, 'id' | 'patientId' | 'recordedAt'>;

/**
 * A Condition as a diagnosis of the patient: its codings and text, clinical status, onset (onsetDateTime; other
 * onset forms are not kept) and whether it is Part 2 data. Only confirmed conditions, or ones with no
 * verification status, are read: Keta keeps no verification status, so a provisional or refuted one would
 * read as confirmed.
 */
export function fromFhirCondition(condition: Condition): ConditionFromFhir {
  const issues: FieldIssue[] = [];
  const clinical = condition.clinicalStatus?.coding?.find((c) => c.system === CONDITION_CLINICAL)?.code;
  const clinicalStatus = CONDITION_CLINICAL_STATUSES.find((s) => s === clinical);
  if (!clinicalStatus) issues.push({ field: 'Condition.clinicalStatus', message: `needs a code of ${CONDITION_CLINICAL}: one of ${CONDITION_CLINICAL_STATUSES.join(', ')}` });
  const verification = condition.verificationStatus?.coding?.find((c) => c.system === CONDITION_VERIFICATION)?.code;
  if (verification && verification !== 'confirmed') issues.push({ field: 'Condition.verificationStatus', message: 'must be confirmed (or absent): Keta takes confirmed diagnoses only' });
  const codings = (condition.code?.coding ?? []).flatMap(({ system, code, display }): Coding[] => (system && code ? [{ system, code, ...(display ? { display } : {}) }] : []));
  const text = condition.code?.text?.trim() ? condition.code.text : undefined;
  if (!codings.length && !text) issues.push({ field: 'Condition.code', message: 'needs a coding (system and code) or a text' });
  if (issues.length) throw unreadable(issues);
  return {
    code: { codings, ...(text ? { text } : {}) },
    clinicalStatus: clinicalStatus!,
    ...(condition.onsetDateTime ? { onset: condition.onsetDateTime } : {}),
    part2: isPart2(condition.meta?.security),
    ...withSenderIdentifiers(condition.identifier),
  };
}
