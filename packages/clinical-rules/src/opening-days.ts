import type { ClinicSettings, Weekday } from '@keta/domain';
import { localDate, weekdayOf } from './calendar/clinic-time';

/** The clinic's weekday at an instant, in the clinic's own time zone (an infusion at 23:30 UTC may be tomorrow). */
export function clinicWeekday(instant: Date, timeZone: string): Weekday {
  return weekdayOf(localDate(instant, timeZone));
}

/**
 * Whether the clinic is open on the day of an instant. Source: clinic-set (clinic settings); seed 003
 * ("pain protocols ... Monday through Friday, no weekends") is one clinic's choice of days.
 */
export function isOpeningDay(instant: Date, clinic: Pick<ClinicSettings, 'timeZone' | 'openingDays'>): boolean {
  return clinic.openingDays.includes(clinicWeekday(instant, clinic.timeZone));
}
