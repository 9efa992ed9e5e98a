import { findIndication } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { z } from 'zod';
import { sortFindings, type Finding } from '../findings/finding';
import { parseInput } from '../findings/rules-input';
import type { Policy } from '../policy/policy';
import { sourceOf } from '../policy/resolve-policy';

const referralInputSchema = z.strictObject({
  indication: z.strictObject({ system: z.string().min(1), code: z.string().min(1) }),
  documents: z
    .strictObject({
      mentalHealthReferralLetter: z.boolean().optional(),
      painManagementReferral: z.boolean().optional(),
      mentalHealthEvaluation: z.boolean().optional(),
    })
    .default({}),
  inMentalHealthTreatment: z.boolean().optional(),
  consultationCompleted: z.boolean().optional(),
});
export type ReferralRequirementsInput = z.input<typeof referralInputSchema>;
type Parsed = z.output<typeof referralInputSchema>;

export interface ReferralRequirementsResult {
  complete: boolean;
  /** What is missing (block), or may be missing (review), before treatment can start. */
  findings: Finding[];
}

/**
 * What a referral must bring, by indication (seed 003, "Do I need a referral to begin therapy?"): for
 * mental health a letter from the treating provider and ongoing treatment; for chronic pain perhaps a
 * pain-management referral, and a mental-health evaluation when the patient is not in treatment; and a
 * consultation where the clinic holds one first (seed 001).
 */
export function referralRequirements(input: ReferralRequirementsInput, policy: Policy): ReferralRequirementsResult {
  const parsed = parseInput(referralInputSchema, input);
  const indication = findIndication(parsed.indication.system, parsed.indication.code);
  if (!indication) {
    throw new DomainError(ErrorCode.ValidationFailed, 'The rule input is invalid', [{ field: 'indication.code', message: 'is not a known indication (DOMAIN.md §3.3, §3.4)' }]);
  }
  const findings = [
    ...(indication.group === 'chronic-pain' ? painRequirements(parsed, policy) : mentalHealthRequirements(parsed, policy)),
    ...consultation(parsed, policy),
  ];
  return { complete: !findings.some((f) => f.severity === 'block' || f.severity === 'review'), findings: sortFindings(findings) };
}

function mentalHealthRequirements(input: Parsed, policy: Policy): Finding[] {
  const { referral } = policy.rules;
  const findings: Finding[] = [];
  if (referral.mentalHealthLetter && input.documents.mentalHealthReferralLetter !== true) {
    findings.push({ code: 'referral.mental-health-letter-missing', severity: 'block', message: 'Ask the treating mental-health provider for a referral letter.', source: sourceOf(policy, 'referral.mentalHealthLetter') });
  }
  if (referral.ongoingMentalHealthTreatment && input.inMentalHealthTreatment !== true) {
    findings.push(input.inMentalHealthTreatment === false
      ? { code: 'referral.not-in-mental-health-treatment', severity: 'block', message: 'The patient must continue ongoing mental-health treatment during ketamine therapy; it has stopped.', source: sourceOf(policy, 'referral.ongoingMentalHealthTreatment') }
      : { code: 'referral.mental-health-treatment-unknown', severity: 'review', message: 'Confirm that the patient continues ongoing mental-health treatment.', source: sourceOf(policy, 'referral.ongoingMentalHealthTreatment') });
  }
  return findings;
}

function painRequirements(input: Parsed, policy: Policy): Finding[] {
  const { referral } = policy.rules;
  const findings: Finding[] = [];
  if (referral.painManagementReferral !== 'not-required' && input.documents.painManagementReferral !== true) {
    const required = referral.painManagementReferral === 'required';
    findings.push({
      code: 'referral.pain-management-referral-missing',
      severity: required ? 'block' : 'review',
      message: required ? 'Ask the pain-management provider for a referral.' : 'Decide whether this patient needs a referral from a pain-management provider.',
      source: sourceOf(policy, 'referral.painManagementReferral'),
    });
  }
  if (referral.mentalHealthEvaluationWhenUntreated && input.inMentalHealthTreatment !== true && input.documents.mentalHealthEvaluation !== true) {
    findings.push({
      code: 'referral.mental-health-evaluation-missing',
      severity: input.inMentalHealthTreatment === false ? 'block' : 'review',
      message: input.inMentalHealthTreatment === false
        ? 'The patient is not in mental-health treatment: arrange a mental-health evaluation before treatment.'
        : 'Confirm the patient is in mental-health treatment, or arrange a mental-health evaluation.',
      source: sourceOf(policy, 'referral.mentalHealthEvaluationWhenUntreated'),
    });
  }
  return findings;
}

function consultation(input: Parsed, policy: Policy): Finding[] {
  if (!policy.rules.referral.consultationBeforeTreatment || input.consultationCompleted === true) return [];
  return [{ code: 'referral.consultation-needed', severity: 'block', message: 'Schedule a consultation with the medical team before the first infusion.', source: sourceOf(policy, 'referral.consultationBeforeTreatment') }];
}
