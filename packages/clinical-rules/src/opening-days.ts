import type { ClinicSettings, Weekday } from '@keta/domain';

const WEEKDAY_BY_SHORT_NAME: Record<string, Weekday> = {
  Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun',
};

/** The clinic's weekday at an instant, in the clinic's own time zone (an infusion at 23:30 UTC may be tomorrow). */
export function clinicWeekday(instant: Date, timeZone: string): Weekday {
  const short = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(instant);
  const day = WEEKDAY_BY_SHORT_NAME[short];
  if (!day) throw new Error(`Unexpected weekday name: ${short}`);
  return day;
}

/**
 * Whether the clinic is open on the day of an instant. Source: clinic-set (clinic settings); seed 003
 * ("pain protocols ... Monday through Friday, no weekends") is one clinic's choice of days.
 */
export function isOpeningDay(instant: Date, clinic: Pick<ClinicSettings, 'timeZone' | 'openingDays'>): boolean {
  return clinic.openingDays.includes(clinicWeekday(instant, clinic.timeZone));
}
