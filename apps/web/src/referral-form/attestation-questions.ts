import type { Attestations } from '@keta/domain';

export type AttestationKey = keyof Attestations;

/** The screening questions of packages/domain/src/attestations.ts, in plain words for the referrer. */
export const ATTESTATION_QUESTIONS: ReadonlyArray<{ key: AttestationKey; question: string }> = [
  { key: 'failedStandardTreatment', question: 'Standard treatment has been tried and did not help enough' },
  { key: 'seeingMentalHealthProvider', question: 'The patient is under the ongoing care of a mental-health provider' },
  { key: 'activeSubstanceUse', question: 'The patient currently uses alcohol or drugs in a harmful way (active substance use)' },
  { key: 'historyOfPsychosis', question: 'The patient has ever had psychosis' },
  { key: 'increasedIntracranialPressure', question: 'The patient has ever had raised pressure inside the skull (increased intracranial pressure)' },
  { key: 'uncontrolledHypertension', question: 'The patient has high blood pressure that is not under control' },
  { key: 'unstableCardiovascularDisease', question: 'The patient has acute or unstable heart or blood-vessel disease' },
  { key: 'previousNegativeKetamineResponse', question: 'The patient has had a negative response to ketamine before' },
  { key: 'ketamineAbuseDisorder', question: 'The patient has ever had a ketamine abuse disorder' },
  { key: 'pregnant', question: 'The patient is pregnant' },
];
