import { sortFindings, type Finding } from '../findings/finding';
import { parseInput } from '../findings/rules-input';
import { domainRef, seed } from '../findings/source';
import type { Policy } from '../policy/policy';
import { sourceOf } from '../policy/resolve-policy';
import { dayOfInputSchema, type DayOfInput, type ParsedDayOfInput } from './day-of-input';
import { fastingFindings } from './fasting';
import { heldMedicationFindings } from './held-medications';

export interface DayOfResult {
  /** Go only when nothing blocks and nothing waits for a clinician. */
  go: boolean;
  findings: Finding[];
}

/** Go or no-go on the day of an infusion: consultation, consent, fasting, driver, held medications, blood pressure, pregnancy. */
export function dayOfChecklist(input: DayOfInput, policy: Policy): DayOfResult {
  const parsed = parseInput(dayOfInputSchema, input);
  const findings = sortFindings([
    ...consultationFindings(parsed, policy),
    ...consentFindings(parsed),
    ...fastingFindings(parsed, policy),
    ...driverFindings(parsed, policy),
    ...heldMedicationFindings(parsed, policy),
    ...bloodPressureFindings(parsed, policy),
    ...pregnancyFindings(parsed),
  ]);
  return { go: !findings.some((f) => f.severity === 'block' || f.severity === 'review'), findings };
}

function consentFindings({ treatmentConsent: consent, appointmentStart }: ParsedDayOfInput): Finding[] {
  const source = domainRef('§5.2 (no infusion without an active treatment Consent)');
  const start = Date.parse(appointmentStart);
  if (!consent || consent.status !== 'active') {
    return [{ code: 'day-of.treatment-consent-missing', severity: 'block', message: 'There is no active treatment consent: have the patient sign it before the infusion.', source }];
  }
  if (consent.signedAt && Date.parse(consent.signedAt) > start) {
    return [{ code: 'day-of.treatment-consent-missing', severity: 'block', message: 'The treatment consent is dated after the infusion start.', source }];
  }
  if (consent.expiresAt && Date.parse(consent.expiresAt) <= start) {
    return [{ code: 'day-of.treatment-consent-expired', severity: 'block', message: 'The treatment consent has expired: have the patient sign it again.', source }];
  }
  return [];
}

/** Where the policy holds a consultation before treatment (seed 001), it has taken place by the infusion. */
function consultationFindings({ consultationHeldAt: held, appointmentStart }: ParsedDayOfInput, policy: Policy): Finding[] {
  if (!policy.rules.referral.consultationBeforeTreatment) return [];
  if (held && Date.parse(held) <= Date.parse(appointmentStart)) return [];
  return [{ code: 'day-of.consultation-missing', severity: 'block', message: 'The clinic\'s policy asks for a consultation before treatment, and none has taken place.', source: sourceOf(policy, 'referral.consultationBeforeTreatment') }];
}

function driverFindings(input: ParsedDayOfInput, policy: Policy): Finding[] {
  if (!policy.rules.dayOf.driverRequired || input.driverConfirmed === true) return [];
  return [{ code: 'day-of.driver-missing', severity: 'block', message: 'Confirm a designated driver will take the patient home: the patient may not drive after the infusion.', source: sourceOf(policy, 'dayOf.driverRequired') }];
}

function bloodPressureFindings({ bloodPressure: bp }: ParsedDayOfInput, policy: Policy): Finding[] {
  const { holdBloodPressure: hold, reviewBloodPressure: review } = policy.rules.dayOf;
  if (!bp) return [{ code: 'day-of.blood-pressure-unknown', severity: 'block', message: 'Measure the blood pressure before the infusion.', source: sourceOf(policy, 'dayOf.holdBloodPressure') }];
  const reading = `${bp.systolic}/${bp.diastolic}`;
  if (bp.systolic >= hold.systolic || bp.diastolic >= hold.diastolic) {
    return [{ code: 'day-of.blood-pressure-high', severity: 'block', message: `Blood pressure ${reading} is at or above ${hold.systolic}/${hold.diastolic}: do not start; re-measure after rest.`, source: sourceOf(policy, 'dayOf.holdBloodPressure') }];
  }
  if (bp.systolic >= review.systolic || bp.diastolic >= review.diastolic) {
    return [{ code: 'day-of.blood-pressure-elevated', severity: 'review', message: `Blood pressure ${reading} is at or above ${review.systolic}/${review.diastolic}: a clinician decides whether to start.`, source: sourceOf(policy, 'dayOf.reviewBloodPressure') }];
  }
  return [];
}

function pregnancyFindings({ pregnancy }: ParsedDayOfInput): Finding[] {
  const source = seed('003', 'What medical conditions could keep me from receiving ketamine? (pregnancy)');
  if (pregnancy === 'pregnant') return [{ code: 'day-of.pregnant', severity: 'block', message: 'The patient is pregnant: no infusion.', source }];
  if (pregnancy === undefined) return [{ code: 'day-of.pregnancy-unknown', severity: 'review', message: 'Confirm the patient is not pregnant, or that it does not apply.', source }];
  return [];
}
