import type { CodedConcept } from '../codes/coded-concept';
import { CONDITION_CONCEPTS } from '../codes/condition-codes';
import type { Attestation } from './eligibility-input';

/** Seed 003's list: "We will not treat patients who have any of the following medical issues". */
export interface ExclusionCriterion {
  code: string;
  concept: CodedConcept;
  attestation: Attestation;
  /** "History of ..." criteria count past conditions; the others only active ones. */
  history: boolean;
  label: string;
  question: string;
}

export const EXCLUSION_CRITERIA: readonly ExclusionCriterion[] = [
  { code: 'history-of-psychosis', concept: CONDITION_CONCEPTS.psychosis, attestation: 'historyOfPsychosis', history: true, label: 'a history of psychosis', question: 'Has the patient ever had psychosis?' },
  { code: 'increased-intracranial-pressure', concept: CONDITION_CONCEPTS.intracranialPressure, attestation: 'increasedIntracranialPressure', history: true, label: 'a history of increased intracranial pressure', question: 'Has the patient ever had increased intracranial pressure?' },
  { code: 'unstable-cardiovascular-disease', concept: CONDITION_CONCEPTS.unstableCardiovascular, attestation: 'unstableCardiovascularDisease', history: false, label: 'acute or unstable cardiovascular disease', question: 'Does the patient have acute or unstable cardiovascular disease?' },
  { code: 'previous-negative-ketamine-response', concept: { codes: [], names: [/\bnegative (response|reaction) to ketamine\b/] }, attestation: 'previousNegativeKetamineResponse', history: true, label: 'a previous negative response to ketamine', question: 'Has the patient had a negative response to ketamine before?' },
  { code: 'ketamine-abuse-disorder', concept: CONDITION_CONCEPTS.ketamineAbuse, attestation: 'ketamineAbuseDisorder', history: true, label: 'a history of ketamine abuse disorder', question: 'Has the patient ever had a ketamine abuse disorder?' },
  { code: 'pregnancy', concept: CONDITION_CONCEPTS.pregnancy, attestation: 'pregnant', history: false, label: 'a current pregnancy', question: 'Is the patient pregnant?' },
];
