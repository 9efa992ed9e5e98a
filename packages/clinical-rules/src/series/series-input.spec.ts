import { DomainError } from '@keta/errors';
import { PRESETS } from '../policy/presets';
import { planSeries } from './plan-series';

const valid = {
  kind: 'mood',
  startDate: '2026-06-01',
  startTime: '09:00',
  calendar: { timeZone: 'America/New_York', openingDays: ['mon', 'wed', 'fri'], closures: [], chairs: 2 },
};

function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const withCalendar = (calendar: Record<string, unknown>) => ({ ...valid, calendar: { ...valid.calendar, ...calendar } });

describe('planSeries: input it refuses, naming the field', () => {
  it.each([
    ['empty opening days', withCalendar({ openingDays: [] }), 'calendar.openingDays'],
    ['a repeated opening day', withCalendar({ openingDays: ['mon', 'mon'] }), 'calendar.openingDays'],
    ['an unknown weekday', withCalendar({ openingDays: ['monday'] }), 'calendar.openingDays.0'],
    ['a bad time zone', withCalendar({ timeZone: 'Mars/Olympus_Mons' }), 'calendar.timeZone'],
    ['a negative chair count', withCalendar({ chairs: -1 }), 'calendar.chairs'],
    ['a fractional chair count', withCalendar({ chairs: 1.5 }), 'calendar.chairs'],
    ['a malformed closure', withCalendar({ closures: ['2026-13-01'] }), 'calendar.closures.0'],
    ['a booking on no date', withCalendar({ booked: { tomorrow: 1 } }), 'calendar.booked.tomorrow'],
    ['a negative booking', withCalendar({ booked: { '2026-06-01': -1 } }), 'calendar.booked.2026-06-01'],
    ['a missing calendar', { ...valid, calendar: undefined }, 'calendar'],
    ['a malformed start date', { ...valid, startDate: '06/01/2026' }, 'startDate'],
    ['a date that does not exist', { ...valid, startDate: '2026-02-30' }, 'startDate'],
    ['a wall time without two hour digits', { ...valid, startTime: '9:00' }, 'startTime'],
    ['a wall time past midnight', { ...valid, startTime: '24:00' }, 'startTime'],
    ['an unknown kind', { ...valid, kind: 'migraine' }, 'kind'],
    ['an empty protocol name', { ...valid, protocol: '' }, 'protocol'],
    ['an unknown key', { ...valid, chairs: 2 }, 'chairs'],
    ['no object at all', null, 'input'],
  ])('%s', (_what, input, field) => {
    const error = errorOf(() => planSeries(input, PRESETS.default));
    expect(error.code).toBe('validation_failed');
    expect(error.issues.map((i) => i.field)).toEqual([field]);
  });

  it.each([
    ['an unknown mood protocol', 'default', 'mood', 'weekly', 'must be one of: condensed, extended'],
    ['an extended series seed 001 does not offer', 'seed-001', 'mood', 'extended', 'offers no extended mood series'],
    ['an extended series seed 003 does not offer', 'seed-003', 'mood', 'extended', 'offers no extended mood series'],
    ['an unknown pain protocol', 'seed-003', 'pain', '7-day', 'must be one of: 5-day, 8-day, 10-day'],
    ['a mood protocol name for pain', 'seed-002', 'pain', 'condensed', 'must be one of: series-of-3'],
  ] as const)('%s', (_what, preset, kind, protocol, message) => {
    const error = errorOf(() => planSeries({ ...valid, kind, protocol }, PRESETS[preset]));
    expect(error.code).toBe('validation_failed');
    expect(error.issues).toEqual([{ field: 'protocol', message: expect.stringContaining(message) }]);
  });

  it('names the calendar when no series fits within 52 weeks', () => {
    const error = errorOf(() => planSeries({ ...withCalendar({ openingDays: ['sat', 'sun'] }), kind: 'pain' }, PRESETS['seed-003']));
    expect(error.code).toBe('validation_failed');
    expect(error.issues).toEqual([{ field: 'calendar', message: expect.stringContaining('5 infusions within 52 weeks') }]);
  });
});
