import { CONDITION_CONCEPTS } from '../codes/condition-codes';
import type { Finding } from '../findings/finding';
import { seed } from '../findings/source';
import type { Policy } from '../policy/policy';
import { sourceOf } from '../policy/resolve-policy';
import type { ParsedEligibilityInput } from './eligibility-input';
import { evidenceFor } from './evidence';

const UNCONTROLLED = seed('003', 'What medical conditions could keep me from receiving ketamine? (uncontrolled hypertension)');

type Reading = ParsedEligibilityInput['bloodPressure'][number];

/** The latest reading; at the same instant, the higher one (so the order of readings never matters). */
function latest(readings: readonly Reading[]): Reading | undefined {
  return [...readings].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.systolic - a.systolic || b.diastolic - a.diastolic)[0];
}

const atOrAbove = (r: Reading, t: { systolic: number; diastolic: number }) => r.systolic >= t.systolic || r.diastolic >= t.diastolic;

/**
 * Uncontrolled hypertension from the latest blood pressure against the policy's hold and review lines
 * (DOMAIN.md §4.4), a hypertensive crisis code, or an attestation. Known hypertension with no reading
 * needs one.
 */
export function bloodPressureFindings(input: ParsedEligibilityInput, policy: Policy): Finding[] {
  const { holdBloodPressure: hold, reviewBloodPressure: review } = policy.rules.dayOf;
  const reading = latest(input.bloodPressure);
  const crisis = evidenceFor(input, CONDITION_CONCEPTS.hypertensiveCrisis, 'uncontrolledHypertension', { history: false });
  if (crisis.state === 'present') {
    return [{ code: 'eligibility.uncontrolled-hypertension', severity: 'block', message: `Not eligible: uncontrolled hypertension (${crisis.via}).`, source: UNCONTROLLED }];
  }
  if (reading && atOrAbove(reading, hold)) {
    return [{ code: 'eligibility.uncontrolled-hypertension', severity: 'block', message: `Not eligible while blood pressure is ${reading.systolic}/${reading.diastolic}: at or above ${hold.systolic}/${hold.diastolic}. Treat and re-measure.`, source: sourceOf(policy, 'dayOf.holdBloodPressure') }];
  }
  if (reading && atOrAbove(reading, review)) {
    return [{ code: 'eligibility.elevated-blood-pressure', severity: 'review', message: `Blood pressure ${reading.systolic}/${reading.diastolic} is at or above ${review.systolic}/${review.diastolic}: a clinician reviews whether it is controlled.`, source: sourceOf(policy, 'dayOf.reviewBloodPressure') }];
  }
  if (reading) return [];
  const known = evidenceFor(input, CONDITION_CONCEPTS.hypertension, 'uncontrolledHypertension', { history: false });
  if (known.state === 'absent') return [];
  const message = known.state === 'present' ? 'The patient has hypertension: record a blood pressure reading to show it is controlled.' : 'Record a blood pressure reading.';
  return [{ code: 'eligibility.blood-pressure-unknown', severity: 'review', message, source: UNCONTROLLED }];
}
