import type { ConditionRecord } from '@keta/domain';
import type { Condition } from '@medplum/fhirtypes';
import { KETA_SYSTEMS } from './identifier-systems';
import type { ProjectedResource } from './projected-resource';
import { PART2_LABELS } from './security-labels';

export const CONDITION_CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
export const CONDITION_VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const CONDITION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';

/**
 * A diagnosis as a confirmed problem-list Condition, coded and named as it was given. Part 2 data carries
 * its security labels so sync holds it back unless a privacy consent covers it (DOMAIN.md §2.3).
 */
export function toFhirCondition(record: ConditionRecord): ProjectedResource<Condition> {
  const own = { system: KETA_SYSTEMS.condition, value: record.id };
  const { codings, text } = record.code;
  const resource: Condition & { id: string } = {
    resourceType: 'Condition',
    id: record.id,
    ...(record.part2 ? { meta: { security: PART2_LABELS.map((label) => ({ ...label })) } } : {}),
    identifier: [own, ...(record.identifiers ?? [])],
    clinicalStatus: { coding: [{ system: CONDITION_CLINICAL, code: record.clinicalStatus }] },
    verificationStatus: { coding: [{ system: CONDITION_VERIFICATION, code: 'confirmed' }] },
    category: [{ coding: [{ system: CONDITION_CATEGORY, code: 'problem-list-item', display: 'Problem List Item' }] }],
    code: { ...(codings.length ? { coding: codings.map((c) => ({ ...c })) } : {}), ...(text ? { text } : {}) },
    subject: { reference: `Patient/${record.patientId}` },
    ...(record.onset ? { onsetDateTime: record.onset } : {}),
    recordedDate: record.recordedAt,
  };
  return { resource, patientId: record.patientId, syncIdentifier: own, status: record.clinicalStatus };
}
