import { weekdayOf } from '../calendar/clinic-time';
import type { SeriesCalendar } from './series-input';

/**
 * Whether a series session can take a local date: the clinic is open that weekday, not closed that
 * date, has a chair free at the series' time, and (where the protocol says so) it is not a weekend.
 */
export function bookableDays(calendar: SeriesCalendar, weekdaysOnly: boolean): (date: string) => boolean {
  const closed = new Set(calendar.closures);
  const booked = calendar.booked ?? {};
  return (date) => {
    const weekday = weekdayOf(date);
    if (weekdaysOnly && (weekday === 'sat' || weekday === 'sun')) return false;
    return calendar.openingDays.includes(weekday) && !closed.has(date) && (booked[date] ?? 0) < calendar.chairs;
  };
}
