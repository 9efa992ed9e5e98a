import { addDays, daysBetween, isLocalDate, localDate, weekStart, weekdayOf, zonedInstant } from './clinic-time';

describe('clinic time', () => {
  it.each([
    // New York: EST (UTC-5) before 2026-03-08, EDT (UTC-4) after; back to EST on 2026-11-01.
    ['2026-03-07', '09:00', 'America/New_York', '2026-03-07T14:00:00.000Z'],
    ['2026-03-09', '09:00', 'America/New_York', '2026-03-09T13:00:00.000Z'],
    ['2026-03-08', '02:30', 'America/New_York', '2026-03-08T07:30:00.000Z'],
    ['2026-11-01', '01:30', 'America/New_York', '2026-11-01T05:30:00.000Z'],
    ['2026-06-15', '08:00', 'Europe/London', '2026-06-15T07:00:00.000Z'],
    ['2026-06-15', '08:00', 'UTC', '2026-06-15T08:00:00.000Z'],
    ['2026-06-15', '23:30', 'Australia/Lord_Howe', '2026-06-15T13:00:00.000Z'],
  ])('%s %s in %s is %s', (date, time, zone, iso) => {
    const instant = zonedInstant(date, time, zone);
    expect(instant.toISOString()).toBe(iso);
    expect(localDate(instant, zone)).toBe(date);
  });

  it('reads the local date of an instant in the clinic zone', () => {
    expect(localDate(new Date('2026-11-28T02:00:00Z'), 'America/Los_Angeles')).toBe('2026-11-27');
  });

  it('does calendar arithmetic on local dates', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(weekdayOf('2026-11-23')).toBe('mon');
    expect(weekStart('2026-11-29')).toBe('2026-11-23');
    expect(weekStart('2026-11-23')).toBe('2026-11-23');
  });

  it('refuses what is not a local date or time', () => {
    expect(isLocalDate('2026-02-30')).toBe(false);
    expect(isLocalDate('2026-02-28')).toBe(true);
    expect(() => zonedInstant('2026-13-01', '09:00', 'UTC')).toThrow(RangeError);
    expect(() => zonedInstant('2026-01-01', '24:00', 'UTC')).toThrow(RangeError);
    expect(() => addDays('nope', 1)).toThrow(RangeError);
  });
});
