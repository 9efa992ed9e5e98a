import { z } from 'zod';
import { sortFindings, type Finding } from '../findings/finding';
import { parseInput } from '../findings/rules-input';
import type { Policy } from '../policy/policy';
import { sourceOf } from '../policy/resolve-policy';
import { diastolicSchema, systolicSchema, vitalSignsSchema, type VitalSigns } from './vital-signs';

/** A reading during the infusion, with the repeat blood pressure when one was taken. */
export type VitalsReading = VitalSigns & { repeatedSystolic?: number; repeatedDiastolic?: number };

const readingSchema = vitalSignsSchema.extend({
  repeatedSystolic: systolicSchema.optional(),
  repeatedDiastolic: diastolicSchema.optional(),
});

interface BloodPressure { systolic?: number | undefined; diastolic?: number | undefined }

/** Either number at or above its line; a missing number is not high. */
const atOrAbove = (bp: BloodPressure, line: { systolic: number; diastolic: number }) =>
  (bp.systolic ?? 0) >= line.systolic || (bp.diastolic ?? 0) >= line.diastolic;

/**
 * Pause on two high measurements (the reading and its repeat), re-measure on one. Which of the two came
 * first does not matter: one high reading of two still needs a re-measure.
 */
function bloodPressureAlerts(reading: z.output<typeof readingSchema>, policy: Policy): Finding[] {
  const line = policy.rules.monitoring.pauseBloodPressure;
  const first = { systolic: reading.systolic, diastolic: reading.diastolic };
  const repeat = { systolic: reading.repeatedSystolic, diastolic: reading.repeatedDiastolic };
  const high = [first, repeat].filter((bp) => atOrAbove(bp, line));
  if (high.length === 0) return [];
  // Cite the line crossed, so a clinic's own systolic or diastolic value is cited as theirs.
  const crossed = high.some((bp) => (bp.systolic ?? 0) >= line.systolic) ? 'systolic' : 'diastolic';
  const source = sourceOf(policy, `monitoring.pauseBloodPressure.${crossed}`);
  const limit = `${line.systolic}/${line.diastolic}`;
  return high.length === 2
    ? [{ code: 'monitoring.blood-pressure-pause', severity: 'block', message: `Blood pressure is at or above ${limit} on the reading and its repeat: pause the infusion; a clinician decides when to resume.`, source }]
    : [{ code: 'monitoring.blood-pressure-remeasure', severity: 'warn', message: `One blood pressure reading is at or above ${limit}: re-measure now, and pause the infusion if the repeat is also at or above it.`, source }];
}

interface RangeRule { value: number | undefined; min: number; max: number; name: string; unit: string; code: string; path: string }

/** Outside [min, max] (the limits themselves are in range): a clinician assesses the patient. */
function rangeAlerts({ value, min, max, name, unit, code, path }: RangeRule, policy: Policy): Finding[] {
  if (value === undefined || (value >= min && value <= max)) return [];
  const side = value < min ? 'low' : 'high';
  return [{
    code: `monitoring.${code}-${side}`,
    severity: 'review',
    message: `${name} ${value}${unit} is ${side === 'low' ? 'below' : 'above'} the clinic's range (${min}-${max}): a clinician assesses the patient and re-checks it.`,
    source: sourceOf(policy, `${path}.${side === 'low' ? 'min' : 'max'}`),
  }];
}

/** Below the floor (the floor itself is fine): pause, since low oxygen cannot wait for a review. */
function spo2Alerts(spo2: number | undefined, policy: Policy): Finding[] {
  const floor = policy.rules.monitoring.minSpo2;
  if (spo2 === undefined || spo2 >= floor) return [];
  return [{ code: 'monitoring.spo2-low', severity: 'block', message: `SpO2 ${spo2}% is below ${floor}%: pause the infusion, check breathing and the probe, and re-measure.`, source: sourceOf(policy, 'monitoring.minSpo2') }];
}

/** Alerts for one reading during an infusion, against the policy's monitoring lines. */
export function vitalsAlerts(reading: VitalsReading, policy: Policy): Finding[] {
  const r = parseInput(readingSchema, reading, 'reading');
  const { heartRate, respiratoryRate } = policy.rules.monitoring;
  return sortFindings([
    ...bloodPressureAlerts(r, policy),
    ...rangeAlerts({ value: r.heartRate, ...heartRate, name: 'Heart rate', unit: '/min', code: 'heart-rate', path: 'monitoring.heartRate' }, policy),
    ...rangeAlerts({ value: r.respiratoryRate, ...respiratoryRate, name: 'Respiratory rate', unit: '/min', code: 'respiratory-rate', path: 'monitoring.respiratoryRate' }, policy),
    ...spo2Alerts(r.spo2, policy),
  ]);
}
