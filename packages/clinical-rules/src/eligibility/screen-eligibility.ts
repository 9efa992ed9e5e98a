import { findIndication, type IndicationGroup } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { CONDITION_CONCEPTS } from '../codes/condition-codes';
import { sortFindings, type Finding } from '../findings/finding';
import { parseInput } from '../findings/rules-input';
import { domainRef, seed } from '../findings/source';
import type { Policy } from '../policy/policy';
import { sourceOf } from '../policy/resolve-policy';
import { eligibilityInputSchema, type EligibilityInput, type ParsedEligibilityInput } from './eligibility-input';
import { evidenceFor, type Evidence } from './evidence';
import { EXCLUSION_CRITERIA } from './exclusion-criteria';
import { bloodPressureFindings } from './hypertension';

export type EligibilityOutcome = 'eligible' | 'ineligible' | 'needs-review';

export interface EligibilityResult {
  outcome: EligibilityOutcome;
  indicationGroup: IndicationGroup;
  findings: Finding[];
}

const EXCLUSIONS = seed('003', 'What medical conditions could keep me from receiving ketamine?');

/**
 * Candidacy and the exclusion criteria: eligible, ineligible (a block), or needs review (a fact is
 * unknown or a clinician must judge). Deterministic, and blind to the order of its inputs.
 */
export function screenEligibility(input: EligibilityInput, policy: Policy): EligibilityResult {
  const parsed = parseInput(eligibilityInputSchema, input);
  const group = indicationGroupOf(parsed);
  const findings = [
    ...candidacyFindings(parsed, group, policy),
    ...EXCLUSION_CRITERIA.flatMap((c) => criterionFindings(c.code, evidenceFor(parsed, c.concept, c.attestation, c), c.label, c.question, parsed)),
    ...substanceUseFindings(parsed, policy),
    ...bloodPressureFindings(parsed, policy),
  ];
  const sorted = sortFindings(findings);
  const outcome = sorted.some((f) => f.severity === 'block') ? 'ineligible' : sorted.some((f) => f.severity === 'review') ? 'needs-review' : 'eligible';
  return { outcome, indicationGroup: group, findings: sorted };
}

function indicationGroupOf(input: ParsedEligibilityInput): IndicationGroup {
  const indication = findIndication(input.indication.system, input.indication.code);
  if (!indication) {
    throw new DomainError(ErrorCode.ValidationFailed, 'The rule input is invalid', [{ field: 'indication.code', message: 'is not a known indication (DOMAIN.md §3.3, §3.4)' }]);
  }
  return indication.group;
}

function candidacyFindings(input: ParsedEligibilityInput, group: IndicationGroup, policy: Policy): Finding[] {
  const { treats, candidacy } = policy.rules;
  const findings: Finding[] = [];
  if (!treats.includes(group)) {
    findings.push({ code: 'eligibility.condition-not-treated', severity: 'block', message: `This clinic does not treat ${group}; refer the patient to a clinic that does.`, source: sourceOf(policy, 'treats') });
  }
  const { failedStandardTreatment, seeingMentalHealthProvider } = input.attestations;
  if (candidacy.requiresFailedStandardTreatment && failedStandardTreatment !== true) {
    findings.push(failedStandardTreatment === false
      ? { code: 'eligibility.not-treatment-resistant', severity: 'block', message: 'Ketamine is for patients who have not responded to standard treatments; this patient has not tried them yet.', source: sourceOf(policy, 'candidacy.requiresFailedStandardTreatment') }
      : { code: 'eligibility.treatment-history-unknown', severity: 'review', message: 'Ask which standard treatments the patient has tried, and how they responded.', source: sourceOf(policy, 'candidacy.requiresFailedStandardTreatment') });
  }
  if (group !== 'chronic-pain' && candidacy.requiresMentalHealthProvider && seeingMentalHealthProvider !== true) {
    findings.push(seeingMentalHealthProvider === false
      ? { code: 'eligibility.no-mental-health-provider', severity: 'block', message: 'The patient must have a diagnosis and see a mental-health provider before ketamine treatment.', source: EXCLUSIONS }
      : { code: 'eligibility.mental-health-provider-unknown', severity: 'review', message: 'Confirm that the patient sees a mental-health provider who diagnosed the condition.', source: EXCLUSIONS });
  }
  return findings;
}

function criterionFindings(code: string, evidence: Evidence, label: string, question: string, input: ParsedEligibilityInput): Finding[] {
  if (code === 'pregnancy' && input.sex === 'male') return [];
  if (evidence.state === 'absent') return [];
  if (evidence.state === 'unknown') return [{ code: `eligibility.${code}-unknown`, severity: 'review', message: question, source: EXCLUSIONS }];
  const flag = evidence.unverifiedCode ? ' (matched on a code DOMAIN.md marks unverified: check it)' : '';
  return [{ code: `eligibility.${code}`, severity: 'block', message: `Not eligible: ${label} (${evidence.via})${flag}.`, source: EXCLUSIONS }];
}

/** Seed 003 excludes active substance abuse; a clinic that treats alcohol use disorder (seed 004) reviews it instead. */
function substanceUseFindings(input: ParsedEligibilityInput, policy: Policy): Finding[] {
  const evidence = evidenceFor(input, CONDITION_CONCEPTS.substanceUse, 'activeSubstanceUse', { history: false });
  const source = sourceOf(policy, 'candidacy.activeSubstanceUse');
  if (evidence.state === 'absent') return [];
  if (evidence.state === 'unknown') return [{ code: 'eligibility.active-substance-use-unknown', severity: 'review', message: 'Ask whether the patient currently uses alcohol, non-prescribed medications or other substances.', source: EXCLUSIONS }];
  if (policy.rules.candidacy.activeSubstanceUse === 'review') {
    return [{ code: 'eligibility.active-substance-use', severity: 'review', message: `Active substance use (${evidence.via}): a clinician decides whether ketamine treatment is appropriate.`, source }];
  }
  return [{ code: 'eligibility.active-substance-use', severity: 'block', message: `Not eligible: active substance use (${evidence.via}); ketamine infusions are not given during active substance abuse.`, source: source.kind === 'seed' ? source : domainRef('§4.2 (ASRA: active substance abuse)') }];
}
