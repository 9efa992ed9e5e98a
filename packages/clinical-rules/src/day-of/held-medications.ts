import { addDays, localDate, zonedInstant } from '../calendar/clinic-time';
import type { Finding, Severity } from '../findings/finding';
import { classifyMedication } from '../medications/review-medications';
import type { Policy } from '../policy/policy';
import { sourceOf } from '../policy/resolve-policy';
import type { ParsedDayOfInput } from './day-of-input';

const SEVERITY: Record<'block' | 'warn' | 'none', Severity> = { block: 'block', warn: 'warn', none: 'info' };

/**
 * Medications the policy holds: taken inside the hold window (from "the evening before" or from midnight
 * of the infusion day, in clinic time) they block or warn, as the policy says; not knowing when the last dose
 * was is a warning, or a block where taking it blocks.
 */
export function heldMedicationFindings(input: ParsedDayOfInput, policy: Policy): Finding[] {
  const day = localDate(new Date(input.appointmentStart), input.timeZone);
  return input.medications.flatMap((medication) => {
    const classified = classifyMedication(medication);
    if (!classified) return [];
    const rule = policy.rules.medications[classified.drugClass];
    const from = rule.instruction === 'hold-day-of'
      ? zonedInstant(day, '00:00', input.timeZone)
      : rule.instruction === 'hold-evening-before-and-day-of'
        ? zonedInstant(addDays(day, -1), `${String(policy.rules.dayOf.eveningStartsAtHour).padStart(2, '0')}:00`, input.timeZone)
        : undefined;
    if (!from) return [];
    const name = medication.name ?? `RxNorm ${medication.rxnorm}`;
    const source = sourceOf(policy, `medications.${classified.drugClass}`);
    if (!medication.lastDoseAt) {
      // Where taking it blocks, an unknown last dose blocks too: nobody has confirmed it was held.
      const severity = rule.ifTaken === 'block' ? 'block' as const : 'warn' as const;
      return [{ code: 'day-of.held-medication-unknown', severity, message: `Ask when the patient last took ${name}; it should be held before the infusion.`, source }];
    }
    if (Date.parse(medication.lastDoseAt) < from.getTime()) return [];
    return [{ code: `day-of.held-medication-taken`, severity: SEVERITY[rule.ifTaken], message: `The patient took ${name} inside its hold window (since ${from.toISOString()}).`, source }];
  });
}
