import { SEED_FILES } from '../findings/source';
import { PRESETS } from '../policy/presets';
import { resolvePolicy } from '../policy/resolve-policy';
import type { SeriesInput } from './series-input';
import { planSeries } from './plan-series';

const WEEKDAYS_OPEN = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const ALL_WEEK = [...WEEKDAYS_OPEN, 'sat', 'sun'] as const;

/** A request on a Mon-Fri clinic in New York with two chairs, from Monday 2026-06-01 at 09:00 (13:00Z in June). */
function request(overrides: Partial<SeriesInput> = {}, calendar: Partial<SeriesInput['calendar']> = {}): SeriesInput {
  return {
    kind: 'mood',
    startDate: '2026-06-01',
    startTime: '09:00',
    ...overrides,
    calendar: { timeZone: 'America/New_York', openingDays: [...WEEKDAYS_OPEN], closures: [], chairs: 2, ...calendar },
  };
}

const datesOf = (input: SeriesInput, preset: keyof typeof PRESETS = 'default') => planSeries(input, PRESETS[preset]).sessions.map((s) => s.date);

describe('planSeries: the seed pages', () => {
  it.each([
    // [what the page says, preset, kind, protocol, opening days, start, dates, infusion min, visit min, cited seed]
    ['seed 000: 40-min mood infusions, plan 75-90 min', 'seed-000', 'mood', undefined, WEEKDAYS_OPEN, '2026-06-01',
      ['2026-06-01', '2026-06-03', '2026-06-05', '2026-06-08', '2026-06-10', '2026-06-12'], 40, 90, '003'],
    ['seed 000: pain infusions 3-4 h, plan 5 h', 'seed-000', 'pain', undefined, WEEKDAYS_OPEN, '2026-06-01',
      ['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05'], 240, 300, '003'],
    ['seed 001: six infusions over 2-3 weeks', 'seed-001', 'mood', 'condensed', WEEKDAYS_OPEN, '2026-06-01',
      ['2026-06-01', '2026-06-03', '2026-06-05', '2026-06-08', '2026-06-10', '2026-06-12'], 40, 90, '001'],
    ['seed 002: a series of 3, visit up to 2 h', 'seed-002', 'pain', undefined, WEEKDAYS_OPEN, '2026-06-01',
      ['2026-06-01', '2026-06-02', '2026-06-03'], 90, 120, '002'],
    ['seed 003: 5-day pain protocol Mon-Fri, no weekend even when open', 'seed-003', 'pain', '5-day', ALL_WEEK, '2026-06-01',
      ['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05'], 240, 300, '003'],
    ['seed 003: 5-day protocol from a Wednesday skips the weekend', 'seed-003', 'pain', '5-day', ALL_WEEK, '2026-06-03',
      ['2026-06-03', '2026-06-04', '2026-06-05', '2026-06-08', '2026-06-09'], 240, 300, '003'],
    ['seed 003: 8-day pain protocol', 'seed-003', 'pain', '8-day', ALL_WEEK, '2026-06-01',
      ['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05', '2026-06-08', '2026-06-09', '2026-06-10'], 240, 300, '003'],
    ['seed 003: 10-day pain protocol', 'seed-003', 'pain', '10-day', ALL_WEEK, '2026-06-01',
      ['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05', '2026-06-08', '2026-06-09', '2026-06-10', '2026-06-11', '2026-06-12'], 240, 300, '003'],
    ['seed 003: depression 2-3 a week over 2-3 weeks', 'seed-003', 'mood', undefined, WEEKDAYS_OPEN, '2026-06-01',
      ['2026-06-01', '2026-06-03', '2026-06-05', '2026-06-08', '2026-06-10', '2026-06-12'], 40, 90, '003'],
    ['seed 004: condensed, two a week for three weeks', 'seed-004', 'mood', 'condensed', WEEKDAYS_OPEN, '2026-06-01',
      ['2026-06-01', '2026-06-03', '2026-06-08', '2026-06-10', '2026-06-15', '2026-06-17'], 40, 90, '004'],
    ['seed 004: extended, one to two a week over 3-6 weeks', 'seed-004', 'mood', 'extended', WEEKDAYS_OPEN, '2026-06-01',
      ['2026-06-01', '2026-06-04', '2026-06-08', '2026-06-11', '2026-06-15', '2026-06-18'], 40, 90, '004'],
    ['default (seed 004 reading): extended mood series', 'default', 'mood', 'extended', WEEKDAYS_OPEN, '2026-06-01',
      ['2026-06-01', '2026-06-04', '2026-06-08', '2026-06-11', '2026-06-15', '2026-06-18'], 40, 90, '004'],
    ['default (seed 003 reading): 10-day pain protocol', 'default', 'pain', '10-day', WEEKDAYS_OPEN, '2026-06-01',
      ['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05', '2026-06-08', '2026-06-09', '2026-06-10', '2026-06-11', '2026-06-12'], 240, 300, '003'],
  ] as const)('%s', (_page, preset, kind, protocol, openingDays, startDate, dates, infusionMinutes, visitMinutes, cited) => {
    const plan = planSeries(request({ kind, protocol, startDate }, { openingDays: [...openingDays] }), PRESETS[preset]);
    expect(plan.sessions.map((s) => s.date)).toEqual(dates);
    expect(plan.sessions.map((s) => s.number)).toEqual(dates.map((_, i) => i + 1));
    const first = plan.sessions[0]!;
    expect(first.start).toBe(`${dates[0]}T13:00:00.000Z`);
    expect(Date.parse(first.infusionEnd) - Date.parse(first.start)).toBe(infusionMinutes * 60_000);
    expect(Date.parse(first.visitEnd) - Date.parse(first.start)).toBe(visitMinutes * 60_000);
    expect(plan.findings).toEqual([
      expect.objectContaining({ code: 'series.protocol', severity: 'info', source: expect.objectContaining({ file: SEED_FILES[cited] }) }),
    ]);
  });

  it('names the protocol it followed, the default where none is asked for', () => {
    expect(planSeries(request({ kind: 'pain' }), PRESETS['seed-003'])).toMatchObject({ kind: 'pain', protocol: '5-day' });
    expect(planSeries(request(), PRESETS['seed-004'])).toMatchObject({ kind: 'mood', protocol: 'condensed' });
    expect(planSeries(request(), PRESETS['seed-004']).findings[0]?.message).toBe(
      'Mood series, condensed protocol: 6 infusions at least 2 days apart, at most 2 a week; each infusion runs 40 min, plan 90 min in the clinic.',
    );
    expect(planSeries(request({ kind: 'pain' }), PRESETS['seed-003']).findings[0]?.message).toBe(
      'Pain series, 5-day protocol: 5 infusions on consecutive bookable days, weekdays only; each infusion runs 240 min, plan 300 min in the clinic.',
    );
  });
});

describe('planSeries: the calendar', () => {
  it('pushes a session past a closure or a full day, not past a day with a chair free', () => {
    const pain = request({ kind: 'pain' });
    expect(datesOf({ ...pain, calendar: { ...pain.calendar, closures: ['2026-06-03'] } }, 'seed-003')).toEqual(
      ['2026-06-01', '2026-06-02', '2026-06-04', '2026-06-05', '2026-06-08'],
    );
    expect(datesOf({ ...pain, calendar: { ...pain.calendar, booked: { '2026-06-02': 2, '2026-06-04': 3 } } }, 'seed-003')).toEqual(
      ['2026-06-01', '2026-06-03', '2026-06-05', '2026-06-08', '2026-06-09'],
    );
    expect(datesOf({ ...pain, calendar: { ...pain.calendar, booked: { '2026-06-02': 1 } } }, 'seed-003')).toEqual(
      ['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05'],
    );
    // seed 001: a closed Wednesday moves the second infusion to Thursday, and Friday is then too soon.
    expect(datesOf(request({}, { closures: ['2026-06-03'] }), 'seed-001')).toEqual(
      ['2026-06-01', '2026-06-04', '2026-06-08', '2026-06-10', '2026-06-12', '2026-06-15'],
    );
  });

  it('starts on a Saturday: mood takes it when open, pain waits for Monday', () => {
    const saturday = { startDate: '2026-05-30' };
    expect(datesOf(request({ ...saturday, kind: 'pain' }, { openingDays: [...ALL_WEEK] }), 'seed-003')).toEqual(
      ['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05'],
    );
    // At most three in the ISO week of 1 June, so Sunday 7 June waits for Monday 8 June.
    expect(datesOf(request(saturday, { openingDays: [...ALL_WEEK] }), 'seed-001')).toEqual(
      ['2026-05-30', '2026-06-01', '2026-06-03', '2026-06-05', '2026-06-08', '2026-06-10'],
    );
    expect(datesOf(request(saturday), 'seed-001')[0]).toBe('2026-06-01');
  });

  it('keeps the wall time across the spring-forward change (New York, 2026-03-08)', () => {
    const plan = planSeries(request({ kind: 'pain', startDate: '2026-03-05' }), PRESETS['seed-003']);
    expect(plan.sessions.map((s) => s.start)).toEqual([
      '2026-03-05T14:00:00.000Z', '2026-03-06T14:00:00.000Z',
      '2026-03-09T13:00:00.000Z', '2026-03-10T13:00:00.000Z', '2026-03-11T13:00:00.000Z',
    ]);
    expect(plan.sessions[2]).toMatchObject({ infusionEnd: '2026-03-09T17:00:00.000Z', visitEnd: '2026-03-09T18:00:00.000Z' });
  });

  it('keeps the wall time across the fall-back change (New York, 2026-11-01), on the day itself too', () => {
    const plan = planSeries(request({ startDate: '2026-10-30' }, { openingDays: [...ALL_WEEK] }), PRESETS['seed-000']);
    expect(plan.sessions.map((s) => [s.date, s.start])).toEqual([
      ['2026-10-30', '2026-10-30T13:00:00.000Z'],
      ['2026-11-01', '2026-11-01T14:00:00.000Z'],
      ['2026-11-03', '2026-11-03T14:00:00.000Z'],
      ['2026-11-05', '2026-11-05T14:00:00.000Z'],
      ['2026-11-07', '2026-11-07T14:00:00.000Z'],
      ['2026-11-09', '2026-11-09T14:00:00.000Z'],
    ]);
  });

  it('warns when the calendar stretches a mood series past its weeks, citing the page', () => {
    const mondays = request({}, { openingDays: ['mon'] });
    const plan = planSeries(mondays, PRESETS['seed-001']);
    expect(plan.sessions.at(-1)?.date).toBe('2026-07-06');
    expect(plan.findings.map((f) => [f.code, f.severity])).toEqual([['series.span-exceeds-policy', 'warn'], ['series.protocol', 'info']]);
    expect(plan.findings[0]).toMatchObject({
      message: expect.stringContaining('runs 36 days (2026-06-01 to 2026-07-06), longer than the 3 weeks'),
      source: { kind: 'seed', file: SEED_FILES['001'] },
    });
    // Seed 004's extended series allows six weeks: weekly sessions over six weeks are what the page offers.
    expect(planSeries({ ...mondays, protocol: 'extended' }, PRESETS['seed-004']).findings.map((f) => f.code)).toEqual(['series.protocol']);
    // A pain protocol has no weeks to exceed.
    expect(planSeries({ ...mondays, kind: 'pain' }, PRESETS['seed-003']).findings.map((f) => f.code)).toEqual(['series.protocol']);
  });

  it('plans up to the last day of the 52 weeks and no further', () => {
    // Thursday 2026-01-01; day 364 is Thursday 2026-12-31, outside the 52 weeks.
    const closedUntil = (lastOffset: number) =>
      request({ kind: 'pain', startDate: '2026-01-01' }, { closures: Array.from({ length: lastOffset + 1 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10)) });
    expect(datesOf(closedUntil(360), 'seed-002')).toEqual(['2026-12-28', '2026-12-29', '2026-12-30']);
    expect(() => datesOf(closedUntil(361), 'seed-002')).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ field: 'calendar' })] }));
  });

  it('lets a clinic that opens weekends for pain use them when its policy allows', () => {
    const weekends = resolvePolicy('seed-003', { series: { pain: { weekdaysOnly: false } } });
    const plan = planSeries(request({ kind: 'pain', startDate: '2026-06-05' }, { openingDays: [...ALL_WEEK] }), weekends);
    expect(plan.sessions.map((s) => s.date)).toEqual(['2026-06-05', '2026-06-06', '2026-06-07', '2026-06-08', '2026-06-09']);
    expect(plan.findings[0]?.message).not.toContain('weekdays only');
  });
});
