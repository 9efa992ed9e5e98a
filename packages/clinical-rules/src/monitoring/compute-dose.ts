import { z } from 'zod';
import { parseInput } from '../findings/rules-input';
import { domainRef, type Source } from '../findings/source';
import type { ClinicPolicy } from '../policy/clinic-policy';
import type { Policy } from '../policy/policy';

/** Mood: a total dose in mg/kg over the infusion. Pain: an hourly dose in mg/kg/h. The prescriber gives it. */
export type DoseInput =
  | { kind: 'mood'; weightKg: number; mgPerKg: number; minutes: number; concentrationMgPerMl: number }
  | { kind: 'pain'; weightKg: number; mgPerKgPerHour: number; minutes: number; concentrationMgPerMl: number };

/** All four rounded to 2 decimals, each from the unrounded values (never a rounded value rounded again). */
export interface Dose {
  totalMg: number;
  mgPerHour: number;
  mlPerHour: number;
  totalMl: number;
}

/** The conventions of DOMAIN.md §4.2, for a form to offer; computeDose never assumes them. */
export const CONVENTIONAL_DOSES: Readonly<Record<'mood' | 'pain', { dose: number; unit: string; minutes: number; source: Source }>> = {
  mood: { dose: 0.5, unit: 'mg/kg', minutes: 40, source: domainRef('§4.2 (depression: 0.5 mg/kg IV over 40 min)') },
  pain: { dose: 0.35, unit: 'mg/kg/h', minutes: 240, source: domainRef('§4.2 (CRPS: 0.35 mg/kg/h over 4 h)') },
};

const within = (range: { min: number; max: number }, rule: string) =>
  z.number()
    .min(range.min, { error: `is below the clinic's ${rule} range (${range.min}-${range.max})` })
    .max(range.max, { error: `is above the clinic's ${rule} range (${range.min}-${range.max})` });

/** Built per policy: the dose ranges are the clinic's. */
function doseSchema(monitoring: ClinicPolicy['monitoring']) {
  const common = {
    weightKg: z.number().min(1).max(400),
    minutes: z.number().int().min(1).max(600),
    // 100 mg/mL is the strongest ketamine vial: above it the unit is wrong.
    concentrationMgPerMl: z.number().positive().max(100),
  };
  return z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('mood'), mgPerKg: within(monitoring.moodDoseMgPerKg, 'mood dose mg/kg'), ...common }),
    z.strictObject({ kind: z.literal('pain'), mgPerKgPerHour: within(monitoring.painDoseMgPerKgPerHour, 'pain dose mg/kg/h'), ...common }),
  ]);
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** The pump settings for a weight-based dose; a dose outside the clinic's range is refused, not clamped. */
export function computeDose(input: DoseInput, policy: Policy): Dose {
  const dose = parseInput(doseSchema(policy.rules.monitoring), input);
  const hours = dose.minutes / 60;
  const totalMg = dose.kind === 'mood' ? dose.weightKg * dose.mgPerKg : dose.weightKg * dose.mgPerKgPerHour * hours;
  const mgPerHour = totalMg / hours;
  return {
    totalMg: round2(totalMg),
    mgPerHour: round2(mgPerHour),
    mlPerHour: round2(mgPerHour / dose.concentrationMgPerMl),
    totalMl: round2(totalMg / dose.concentrationMgPerMl),
  };
}
