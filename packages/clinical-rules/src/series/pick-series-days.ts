import { addDays, daysBetween, weekStart } from '../calendar/clinic-time';

/** How far ahead a series may run: 52 weeks from its start date. */
export const SERIES_HORIZON_DAYS = 52 * 7;

export interface SpacingRule {
  infusions: number;
  minDaysBetween: number;
  maxPerWeek: number | null;
}

/**
 * The series' dates, greedily: each infusion on the earliest bookable date that keeps the spacing and the
 * weekly limit. Taking the earliest date never hurts a later one (it only widens the gaps ahead), so when
 * this finds no series inside the horizon, none exists. Null: none fits.
 */
export function pickSeriesDays(rule: SpacingRule, startDate: string, bookable: (date: string) => boolean): string[] | null {
  const days: string[] = [];
  const perWeek = new Map<string, number>();
  for (let offset = 0; offset < SERIES_HORIZON_DAYS && days.length < rule.infusions; offset++) {
    const date = addDays(startDate, offset);
    const last = days.at(-1);
    const week = weekStart(date);
    const inWeek = perWeek.get(week) ?? 0;
    if (last !== undefined && daysBetween(last, date) < rule.minDaysBetween) continue;
    if (rule.maxPerWeek !== null && inWeek >= rule.maxPerWeek) continue;
    if (!bookable(date)) continue;
    days.push(date);
    perWeek.set(week, inWeek + 1);
  }
  return days.length === rule.infusions ? days : null;
}
