import type { Finding } from '../findings/finding';
import type { Policy } from '../policy/policy';
import { sourceOf } from '../policy/resolve-policy';
import type { DischargeVitals } from './discharge-input';

/** Compared as a percentage of baseline. SpO2 is not: 20 % of 98 would let 78 % pass, so it has the floor. */
const COMPARED = { systolic: 'Systolic blood pressure', diastolic: 'Diastolic blood pressure', heartRate: 'Heart rate', respiratoryRate: 'Respiratory rate' } as const;

/**
 * Each vital within the policy's percentage of its baseline, either way (exactly at the limit is back);
 * a vital measured at baseline and not re-checked is not back; blood pressure under the monitoring pause line
 * and SpO2 at or above the monitoring floor.
 */
export function vitalsAtBaselineFindings(baseline: DischargeVitals, current: DischargeVitals, policy: Policy): Finding[] {
  const percent = policy.rules.discharge.vitalsWithinPercentOfBaseline;
  const source = sourceOf(policy, 'discharge.vitalsWithinPercentOfBaseline');
  const findings: Finding[] = [];
  for (const [key, name] of Object.entries(COMPARED) as Array<[keyof typeof COMPARED, string]>) {
    const [before, now] = [baseline[key], current[key]];
    if (before === undefined) continue;
    if (now === undefined) {
      findings.push({ code: 'discharge.vital-not-rechecked', severity: 'block', message: `${name} was measured before the infusion but not since: re-measure it before discharge.`, source });
    } else if (Math.abs(now - before) * 100 > percent * before) {
      findings.push({ code: 'discharge.vitals-not-at-baseline', severity: 'block', message: `${name} ${now} is more than ${percent}% from its baseline of ${before}: wait and re-measure before discharge.`, source });
    }
  }
  return [...findings, ...pauseLineFindings(current, policy), ...spo2Findings(baseline.spo2, current.spo2, policy)];
}

/** Near baseline is not enough when the baseline was already high: at or above the pause line, nobody leaves. */
function pauseLineFindings({ systolic, diastolic }: DischargeVitals, policy: Policy): Finding[] {
  const line = policy.rules.monitoring.pauseBloodPressure;
  if (systolic < line.systolic && diastolic < line.diastolic) return [];
  return [{
    code: 'discharge.blood-pressure-at-pause-line',
    severity: 'block',
    message: `Blood pressure ${systolic}/${diastolic} is at or above ${line.systolic}/${line.diastolic}: the patient stays under observation and a clinician reviews it.`,
    source: sourceOf(policy, `monitoring.pauseBloodPressure.${systolic >= line.systolic ? 'systolic' : 'diastolic'}`),
  }];
}

function spo2Findings(before: number | undefined, now: number | undefined, policy: Policy): Finding[] {
  const floor = policy.rules.monitoring.minSpo2;
  const source = sourceOf(policy, 'monitoring.minSpo2');
  if (now === undefined) {
    return before === undefined ? [] : [{ code: 'discharge.vital-not-rechecked', severity: 'block', message: 'SpO2 was measured before the infusion but not since: re-measure it before discharge.', source }];
  }
  if (now >= floor) return [];
  return [{ code: 'discharge.spo2-below-minimum', severity: 'block', message: `SpO2 ${now}% is below ${floor}%: the patient stays under observation.`, source }];
}
