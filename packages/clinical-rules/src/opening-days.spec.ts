import { clinicWeekday, isOpeningDay } from './opening-days';

const weekdaysOnly = { timeZone: 'America/Los_Angeles', openingDays: ['mon', 'tue', 'wed', 'thu', 'fri'] as const };

describe('opening days', () => {
  it.each([
    ['2026-11-23T17:00:00Z', 'mon', true],
    ['2026-11-21T17:00:00Z', 'sat', false],
    // Saturday 02:00 UTC is still Friday evening in California.
    ['2026-11-28T02:00:00Z', 'fri', true],
  ])('%s is a %s in Los Angeles (open: %s)', (iso, weekday, open) => {
    const instant = new Date(iso);
    expect(clinicWeekday(instant, weekdaysOnly.timeZone)).toBe(weekday);
    expect(isOpeningDay(instant, { ...weekdaysOnly, openingDays: [...weekdaysOnly.openingDays] })).toBe(open);
  });
});
