import type { Finding } from '../findings/finding';
import type { Policy } from '../policy/policy';
import { sourceOf } from '../policy/resolve-policy';
import type { ParsedDayOfInput } from './day-of-input';

const HOUR = 3600_000;

/**
 * The fasting windows, measured between instants so that a daylight-saving change overnight counts the
 * hours that really passed. Unknown is not "fasted".
 */
export function fastingFindings(input: ParsedDayOfInput, policy: Policy): Finding[] {
  const { fastingFoodHours, fastingLiquidHours, waterAllowed } = policy.rules.dayOf;
  const start = Date.parse(input.appointmentStart);
  const findings = [window('food', input.lastFoodAt, fastingFoodHours, start, sourceOf(policy, 'dayOf.fastingFoodHours'))];
  const liquidHours = fastingLiquidHours ?? fastingFoodHours;
  if (fastingLiquidHours !== null) findings.push(window('liquids', input.lastLiquidAt, liquidHours, start, sourceOf(policy, 'dayOf.fastingLiquidHours')));
  if (!waterAllowed) findings.push(window('water', input.lastWaterAt, liquidHours, start, sourceOf(policy, 'dayOf.waterAllowed')));
  return findings.filter((f): f is Finding => f !== undefined);
}

function window(what: 'food' | 'liquids' | 'water', lastAt: string | undefined, hours: number, start: number, source: Finding['source']): Finding | undefined {
  if (lastAt === undefined) {
    return { code: `day-of.fasting-${what}-unknown`, severity: 'block', message: `Ask when the patient last had ${what}: ${hours} h without it are needed before the infusion.`, source };
  }
  const fasted = (start - Date.parse(lastAt)) / HOUR;
  if (fasted >= hours) return undefined;
  const wait = Math.ceil((hours - Math.max(fasted, 0)) * 60);
  return { code: `day-of.fasting-${what}`, severity: 'block', message: `The patient had ${what} less than ${hours} h before the infusion: wait ${wait} more minutes, or reschedule.`, source };
}
