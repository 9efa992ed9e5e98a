import type { Weekday } from '@keta/domain';

/**
 * Clinic time without a date library: local dates (YYYY-MM-DD) and wall times in the clinic's IANA time
 * zone, turned into instants through Intl, so daylight-saving changes fall where the zone says.
 */
const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function parts(instant: Date, timeZone: string): Record<string, number> {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  return Object.fromEntries(format.formatToParts(instant).filter((p) => p.type !== 'literal').map((p) => [p.type, Number(p.value)]));
}

/** The clinic's calendar date at an instant. */
export function localDate(instant: Date, timeZone: string): string {
  const p = parts(instant, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Minutes the zone is ahead of UTC at an instant. */
function offsetMinutes(instant: Date, timeZone: string): number {
  const p = parts(instant, timeZone);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/**
 * The instant of a wall time on a local date. A time skipped by a spring-forward change moves forward by
 * the gap (02:30 becomes 03:30); a time repeated in the fall is its first occurrence.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t || !isLocalDate(date)) throw new RangeError(`Not a local date and time: ${date} ${time}`);
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  const before = offsetMinutes(new Date(wall - 36 * 3600_000), timeZone);
  const after = offsetMinutes(new Date(wall + 36 * 3600_000), timeZone);
  const withBefore = new Date(wall - before * 60_000);
  const withAfter = new Date(wall - after * 60_000);
  if (offsetMinutes(withBefore, timeZone) === before) return withBefore;
  if (offsetMinutes(withAfter, timeZone) === after) return withAfter;
  return withBefore; // in a spring-forward gap: the offset before the change carries the time past it
}

export function addDays(date: string, days: number): string {
  const d = DATE.exec(date);
  if (!d) throw new RangeError(`Not a local date: ${date}`);
  return new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]) + days)).toISOString().slice(0, 10);
}

export function weekdayOf(date: string): Weekday {
  return WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()]!;
}

/** Whole days from one local date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400_000);
}

/** The Monday of the ISO week a local date falls in: weeks for "at most N a week" rules. */
export function weekStart(date: string): string {
  const offset = (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -offset);
}

export function isLocalDate(value: string): boolean {
  const d = DATE.exec(value);
  return !!d && addDays(value, 0) === value;
}
