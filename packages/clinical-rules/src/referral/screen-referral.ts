import type { Attestations } from '@keta/domain';
import type { EligibilityInput } from '../eligibility/eligibility-input';
import { screenEligibility } from '../eligibility/screen-eligibility';
import type { Finding } from '../findings/finding';
import { reviewMedications, type Medication } from '../medications/review-medications';
import type { Policy } from '../policy/policy';
import { referralRequirements } from './referral-requirements';

export interface ReferralScreeningInput {
  indication: { system: string; code: string };
  sex?: EligibilityInput['sex'];
  conditions: NonNullable<EligibilityInput['conditions']>;
  bloodPressure: NonNullable<EligibilityInput['bloodPressure']>;
  attestations: Attestations;
  medications: readonly Medication[];
  hasLetter: boolean;
}

/** accepted: nothing stands in the way; needs-information: someone must answer or send something; declined: a criterion excludes. */
export type ReferralDecision = 'accepted' | 'needs-information' | 'declined';

export interface ReferralScreening {
  decision: ReferralDecision;
  /** The Task's statusReason: why declined, or what is needed; absent when accepted. */
  reason?: string;
  findings: Finding[];
  /** One per medication, in input order: its interaction finding, if any. */
  medicationFindings: Array<Finding | null>;
}

/**
 * The consultation is the clinic's first step once it accepts a referral (seed 001), so it is never a
 * reason to hold the referral back.
 */
const AFTER_ACCEPTANCE = new Set(['referral.consultation-needed']);

/**
 * Screens a referral at intake: exclusion criteria, what the referral must bring, and medication
 * interactions. Interactions are recorded but do not decide: the day-of checklist acts on them.
 */
export function screenReferral(input: ReferralScreeningInput, policy: Policy): ReferralScreening {
  const { indication, sex, conditions, bloodPressure, attestations, medications, hasLetter } = input;
  const eligibility = screenEligibility({ indication, sex, conditions, bloodPressure, attestations }, policy);
  const requirements = referralRequirements({
    indication,
    documents: { mentalHealthReferralLetter: hasLetter, painManagementReferral: hasLetter },
    // Seeing a mental-health provider is how a referral attests ongoing treatment.
    inMentalHealthTreatment: attestations.seeingMentalHealthProvider,
  }, policy).findings.filter((f) => !AFTER_ACCEPTANCE.has(f.code));
  const medicationFindings = reviewMedications(medications, policy).map((r) => r.finding);
  const findings = [...eligibility.findings, ...requirements];
  return { ...decide(eligibility.findings, findings), findings, medicationFindings };
}

function decide(eligibility: readonly Finding[], all: readonly Finding[]): Pick<ReferralScreening, 'decision' | 'reason'> {
  const exclusions = eligibility.filter((f) => f.severity === 'block');
  if (exclusions.length) return { decision: 'declined', reason: sentences(exclusions) };
  const open = all.filter((f) => f.severity === 'block' || f.severity === 'review');
  return open.length ? { decision: 'needs-information', reason: sentences(open) } : { decision: 'accepted' };
}

function sentences(findings: readonly Finding[]): string {
  return findings.map((f) => f.message).join(' ');
}
