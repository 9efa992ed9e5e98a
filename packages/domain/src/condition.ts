import type { Coding } from './coding';
import type { Identifier } from './identifier';

/** FHIR Condition.clinicalStatus codes (http://terminology.hl7.org/CodeSystem/condition-clinical). */
export const CONDITION_CLINICAL_STATUSES = ['active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved'] as const;
export type ConditionClinicalStatus = (typeof CONDITION_CLINICAL_STATUSES)[number];

/** A diagnosis or problem of a patient, as a referral or an EHR gives it: coded, named, or both. */
export interface ConditionRecord {
  id: string;
  patientId: string;
  code: { codings: Coding[]; text?: string };
  clinicalStatus: ConditionClinicalStatus;
  /** YYYY-MM-DD or an instant, as given. */
  onset?: string;
  /** The sender's own identifiers, kept so that it finds its records by them (and If-None-Exist can match). */
  identifiers?: Identifier[];
  recordedAt: string;
  /** Substance-use data from a 42 CFR Part 2 program: labelled, and sent only where a privacy consent allows (DOMAIN.md §2.3). */
  part2?: boolean;
}
