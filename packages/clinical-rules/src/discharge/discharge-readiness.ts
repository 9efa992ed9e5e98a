import { hasSeverity, sortFindings, type Finding } from '../findings/finding';
import { parseInput } from '../findings/rules-input';
import type { Policy } from '../policy/policy';
import { sourceOf } from '../policy/resolve-policy';
import { dischargeInputSchema, type DischargeInput } from './discharge-input';
import { vitalsAtBaselineFindings } from './vitals-at-baseline';

export interface DischargeReadiness {
  /** No blocking finding: the patient may leave. */
  ready: boolean;
  findings: Finding[];
  /** What to tell the patient on leaving, given whether or not they are ready yet. */
  instructions: string[];
}

const MS_PER_MINUTE = 60_000;

/** At least the policy's recovery time since the infusion ended (exactly the minimum is enough). */
function recoveryFindings(infusionEndedAt: string, now: string, policy: Policy): Finding[] {
  const minimum = policy.rules.discharge.minRecoveryMinutes;
  const elapsed = (Date.parse(now) - Date.parse(infusionEndedAt)) / MS_PER_MINUTE;
  if (elapsed >= minimum) return [];
  return [{
    code: 'discharge.recovery-time-not-met',
    severity: 'block',
    message: `${Math.floor(elapsed)} min since the infusion ended; the clinic's minimum recovery is ${minimum} min: wait ${Math.ceil(minimum - elapsed)} more min.`,
    source: sourceOf(policy, 'discharge.minRecoveryMinutes'),
  }];
}

/** Only a confirmed yes will do where the clinic requires someone to take the patient home. */
function responsibleAdultFindings(present: boolean | undefined, policy: Policy): Finding[] {
  if (!policy.rules.discharge.responsibleAdultRequired || present === true) return [];
  const message = present === false
    ? 'No responsible adult or driver is here to take the patient home: the patient may not leave alone; arrange one.'
    : 'Confirm that a responsible adult or driver is here to take the patient home.';
  return [{ code: 'discharge.responsible-adult-not-confirmed', severity: 'block', message, source: sourceOf(policy, 'discharge.responsibleAdultRequired') }];
}

function instructionsFor(policy: Policy): string[] {
  const { noDrivingHours, responsibleAdultRequired } = policy.rules.discharge;
  return [
    noDrivingHours > 0
      ? `Do not drive or operate heavy machinery for at least ${noDrivingHours} hours after the infusion.`
      : 'Do not drive yourself home after the infusion.',
    ...(responsibleAdultRequired ? ['Go home with your designated driver or a responsible adult.'] : []),
  ];
}

/**
 * Whether a patient may leave after an infusion: recovery time (seed 002 Q6), vitals back near baseline,
 * someone to take them home (seed 000); the no-driving instruction (seed 004) is always given.
 */
export function dischargeReadiness(input: DischargeInput, policy: Policy): DischargeReadiness {
  const { infusionEndedAt, now, baseline, current, responsibleAdultPresent } = parseInput(dischargeInputSchema, input);
  const findings = sortFindings([
    ...recoveryFindings(infusionEndedAt, now, policy),
    ...vitalsAtBaselineFindings(baseline, current, policy),
    ...responsibleAdultFindings(responsibleAdultPresent, policy),
  ]);
  return { ready: !hasSeverity(findings, 'block'), findings, instructions: instructionsFor(policy) };
}
