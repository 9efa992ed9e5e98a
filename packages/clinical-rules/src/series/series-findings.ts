import { daysBetween } from '../calendar/clinic-time';
import type { Finding } from '../findings/finding';
import type { Policy } from '../policy/policy';
import { sourceOf } from '../policy/resolve-policy';
import type { SeriesProtocol } from './series-protocol';

/** For the record: which protocol the series follows and what it asks of the patient, with its source. */
export function protocolFinding(protocol: SeriesProtocol, policy: Policy): Finding {
  const spacing = protocol.minDaysBetween === 1 ? 'on consecutive bookable days' : `at least ${protocol.minDaysBetween} days apart`;
  const weekly = protocol.maxPerWeek === null ? '' : `, at most ${protocol.maxPerWeek} a week`;
  const weekends = protocol.weekdaysOnly ? ', weekdays only' : '';
  return {
    code: 'series.protocol',
    severity: 'info',
    message:
      `${protocol.kind === 'mood' ? 'Mood' : 'Pain'} series, ${protocol.name} protocol: ${protocol.infusions} infusions ${spacing}${weekly}${weekends}; ` +
      `each infusion runs ${protocol.infusionMinutes} min, plan ${protocol.visitMinutes} min in the clinic.`,
    source: sourceOf(policy, protocol.policyPath),
  };
}

/**
 * When the series, first day to last inclusive, runs longer than the protocol's weeks: the calendar (closures,
 * full days, few opening days) stretched it past what the source recommends.
 */
export function spanFinding(protocol: SeriesProtocol, first: string, last: string, policy: Policy): Finding | null {
  if (protocol.maxWeeks === null) return null;
  const spanDays = daysBetween(first, last) + 1;
  if (spanDays <= protocol.maxWeeks * 7) return null;
  return {
    code: 'series.span-exceeds-policy',
    severity: 'warn',
    message:
      `The series runs ${spanDays} days (${first} to ${last}), longer than the ${protocol.maxWeeks} weeks the ${protocol.name} protocol ` +
      'allows: open more days or chairs, move closures, or confirm the longer series with the prescriber.',
    source: sourceOf(policy, `${protocol.policyPath}.weeks`),
  };
}
