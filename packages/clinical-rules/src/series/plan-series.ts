import { sortFindings, type Finding } from '../findings/finding';
import { parseInput } from '../findings/rules-input';
import type { Policy } from '../policy/policy';
import { pickSeriesDays } from './pick-series-days';
import { bookableDays } from './series-calendar';
import { invalidField } from './series-error';
import { protocolFinding, spanFinding } from './series-findings';
import { seriesInputSchema, type SeriesKind } from './series-input';
import { resolveProtocol } from './series-protocol';
import { seriesSession, type SeriesSession } from './series-session';

export interface SeriesPlan {
  kind: SeriesKind;
  protocol: string;
  sessions: SeriesSession[];
  findings: Finding[];
}

/**
 * An infusion series on the clinic's calendar: the protocol from the policy, each infusion on the earliest
 * bookable day that keeps its spacing and weekly limit, at the same wall time. Invalid input, a protocol the
 * policy lacks, or a calendar with no room for the series within 52 weeks raise a validation error.
 */
export function planSeries(input: unknown, policy: Policy): SeriesPlan {
  const { kind, protocol: name, startDate, startTime, calendar } = parseInput(seriesInputSchema, input);
  const protocol = resolveProtocol(policy, kind, name);
  const days = pickSeriesDays(protocol, startDate, bookableDays(calendar, protocol.weekdaysOnly));
  if (!days) throw invalidField('calendar', `has too few bookable days for ${protocol.infusions} infusions within 52 weeks of the start date`);
  const timing = { startTime, timeZone: calendar.timeZone, infusionMinutes: protocol.infusionMinutes, visitMinutes: protocol.visitMinutes };
  // pickSeriesDays returns exactly `infusions` dates, and the policy schema makes that at least one.
  const span = spanFinding(protocol, days[0]!, days.at(-1)!, policy);
  return {
    kind,
    protocol: protocol.name,
    sessions: days.map((date, i) => seriesSession(i + 1, date, timing)),
    findings: sortFindings([protocolFinding(protocol, policy), ...(span ? [span] : [])]),
  };
}
