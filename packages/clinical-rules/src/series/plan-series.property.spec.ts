import { WEEKDAYS, type Weekday } from '@keta/domain';
import { DomainError } from '@keta/errors';
import fc from 'fast-check';
import { addDays, daysBetween, localDate, weekStart, weekdayOf } from '../calendar/clinic-time';
import type { Policy } from '../policy/policy';
import { PRESETS } from '../policy/presets';
import { resolvePolicy } from '../policy/resolve-policy';
import { planSeries } from './plan-series';
import type { SeriesInput } from './series-input';

/** The presets, plus a policy that allows weekend pain infusions; counterexamples name them. */
const POLICIES: Record<string, Policy> = { ...PRESETS, 'weekend-pain': resolvePolicy('default', { series: { pain: { weekdaysOnly: false } } }) };
/** Every (policy, kind, protocol) a clinic can ask for. */
const REQUESTS = Object.entries(POLICIES).flatMap(([policy, { rules }]) => [
  { policy, kind: 'mood' as const, protocol: 'condensed' },
  ...(rules.series.moodExtended ? [{ policy, kind: 'mood' as const, protocol: 'extended' }] : []),
  ...rules.series.pain.protocols.map((p) => ({ policy, kind: 'pain' as const, protocol: p.name })),
]);

/** Closures and bookings fall in the first ten weeks, so after them every usable weekday repeats for 42 weeks. */
const NEAR = fc.integer({ min: -7, max: 69 });
const CASE = fc.record({
  request: fc.constantFrom(...REQUESTS),
  startDate: fc.integer({ min: 0, max: 3 * 365 }).map((offset) => addDays('2026-01-01', offset)),
  startTime: fc.tuple(fc.integer({ min: 6, max: 20 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
  timeZone: fc.constantFrom('America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'UTC'),
  // Weekend-only clinics now and then: where pain is weekdays-only, no series can fit.
  openingDays: fc.oneof(
    { arbitrary: fc.shuffledSubarray([...WEEKDAYS], { minLength: 1 }), weight: 5 },
    { arbitrary: fc.shuffledSubarray<Weekday>(['sat', 'sun'], { minLength: 1 }), weight: 1 },
  ),
  closures: fc.array(NEAR, { maxLength: 25 }),
  chairs: fc.integer({ min: 1, max: 3 }),
  booked: fc.array(fc.tuple(NEAR, fc.integer({ min: 0, max: 4 })), { maxLength: 25 }),
});
type Case = typeof CASE extends fc.Arbitrary<infer T> ? T : never;

function inputOf(c: Case): SeriesInput {
  return {
    kind: c.request.kind,
    protocol: c.request.protocol,
    startDate: c.startDate,
    startTime: c.startTime,
    calendar: {
      timeZone: c.timeZone,
      openingDays: c.openingDays,
      closures: c.closures.map((offset) => addDays(c.startDate, offset)),
      chairs: c.chairs,
      booked: Object.fromEntries(c.booked.map(([offset, taken]) => [addDays(c.startDate, offset), taken])),
    },
  };
}

const isWeekend = (day: Weekday) => day === 'sat' || day === 'sun';

/** The protocol's rules read straight off the policy, independently of the planner. */
function rulesOf(c: Case) {
  const { series } = POLICIES[c.request.policy]!.rules;
  if (c.request.kind === 'pain') {
    const p = series.pain.protocols.find((x) => x.name === c.request.protocol)!;
    return { infusions: p.infusions, minDays: p.consecutive ? 1 : p.minDaysBetween, perWeek: 7, noWeekends: series.pain.weekdaysOnly };
  }
  const m = c.request.protocol === 'condensed' ? series.moodCondensed : series.moodExtended!;
  return { infusions: m.infusions, minDays: m.minDaysBetween, perWeek: m.perWeek.max, noWeekends: false };
}

const wallTime = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

describe('planSeries: invariants', () => {
  it('fits the series on bookable days within its rules, or names the calendar when nothing can', () => {
    fc.assert(
      fc.property(CASE, (c) => {
        const input = inputOf(c);
        const rules = rulesOf(c);
        const usable = c.openingDays.filter((day) => !(rules.noWeekends && isWeekend(day)));
        let plan;
        try {
          plan = planSeries(input, POLICIES[c.request.policy]!);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).issues.map((i) => i.field)).toEqual(['calendar']);
          // With closures and bookings only in the first ten weeks, a series fails only with no usable weekday.
          expect(usable).toEqual([]);
          return;
        }
        const { closures, booked = {}, chairs } = input.calendar;
        const dates = plan.sessions.map((s) => s.date);
        expect(dates).toHaveLength(rules.infusions);
        expect(plan.sessions.map((s) => s.number)).toEqual(dates.map((_, i) => i + 1));
        for (const [i, session] of plan.sessions.entries()) {
          expect(usable).toContain(weekdayOf(session.date));
          expect(closures).not.toContain(session.date);
          expect(booked[session.date] ?? 0).toBeLessThan(chairs);
          expect(daysBetween(c.startDate, session.date)).toBeGreaterThanOrEqual(0);
          expect(daysBetween(c.startDate, session.date)).toBeLessThan(364);
          expect(localDate(new Date(session.start), c.timeZone)).toBe(session.date);
          expect(wallTime(session.start, c.timeZone)).toBe(c.startTime);
          const previous = dates[i - 1];
          if (previous !== undefined) expect(daysBetween(previous, session.date)).toBeGreaterThanOrEqual(rules.minDays);
        }
        const perWeek = new Map<string, number>();
        for (const date of dates) perWeek.set(weekStart(date), (perWeek.get(weekStart(date)) ?? 0) + 1);
        expect(Math.max(...perWeek.values())).toBeLessThanOrEqual(rules.perWeek);
        // Greedy: the first infusion is on the first bookable day.
        let first = c.startDate;
        while (!usable.includes(weekdayOf(first)) || closures.includes(first) || (booked[first] ?? 0) >= chairs) first = addDays(first, 1);
        expect(dates[0]).toBe(first);
      }),
      { numRuns: 200 },
    );
  });
});
