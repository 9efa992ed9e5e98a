import { addDays, localDate, zonedInstant } from '@keta/clinical-rules';
import { DomainError, ErrorCode } from '@keta/errors';
import type { EntityManager } from 'typeorm';

/** The statuses in which a visit holds its chair (the exclusion constraint's WHERE). */
const HOLDING = `status IN ('booked', 'checked-in')`;
const EXCLUSION_VIOLATION = '23P01';

/** Chairs held by visits overlapping [start, end), leaving out one appointment (the one being moved). */
export async function takenChairs(tx: EntityManager, start: Date, end: Date, except: string | null = null): Promise<Set<number>> {
  const rows = (await tx.query(
    `SELECT DISTINCT chair FROM appointment
      WHERE chair IS NOT NULL AND ${HOLDING} AND tstzrange(starts_at, ends_at) && tstzrange($1, $2) AND id IS DISTINCT FROM $3`,
    [start, end, except],
  )) as Array<{ chair: number }>;
  return new Set(rows.map((r) => r.chair));
}

/** The lowest-numbered of the clinic's chairs free for the whole visit; null when every one is taken. */
export async function freeChair(tx: EntityManager, start: Date, end: Date, chairs: number, except: string | null = null): Promise<number | null> {
  const taken = await takenChairs(tx, start, end, except);
  for (let chair = 1; chair <= chairs; chair++) if (!taken.has(chair)) return chair;
  return null;
}

export interface SeriesTime {
  startDate: string;
  startTime: string;
  visitMinutes: number;
  timeZone: string;
  /** How many days ahead the series may run. */
  horizonDays: number;
}

/**
 * Chairs already taken at the series' time on each local date it could use: the planner's `booked`. A
 * visit can only meet the series' slot on the day it starts, the day before (a late visit) or the day it ends.
 */
export async function bookedAtSeriesTime(tx: EntityManager, time: SeriesTime): Promise<Record<string, number>> {
  const from = zonedInstant(addDays(time.startDate, -1), '00:00', time.timeZone);
  const to = zonedInstant(addDays(time.startDate, time.horizonDays + 1), '00:00', time.timeZone);
  const visits = (await tx.query(
    `SELECT chair, starts_at, ends_at FROM appointment WHERE chair IS NOT NULL AND ${HOLDING} AND starts_at < $2 AND ends_at > $1`,
    [from, to],
  )) as Array<{ chair: number; starts_at: Date; ends_at: Date }>;
  const chairsByDate = new Map<string, Set<number>>();
  for (const visit of visits) {
    const start = localDate(visit.starts_at, time.timeZone);
    for (const date of new Set([addDays(start, -1), start, localDate(visit.ends_at, time.timeZone)])) {
      const slotStart = zonedInstant(date, time.startTime, time.timeZone).getTime();
      const slotEnd = slotStart + time.visitMinutes * 60_000;
      if (visit.starts_at.getTime() < slotEnd && visit.ends_at.getTime() > slotStart) {
        chairsByDate.set(date, (chairsByDate.get(date) ?? new Set()).add(visit.chair));
      }
    }
  }
  return Object.fromEntries([...chairsByDate].map(([date, chairs]) => [date, chairs.size]));
}

/**
 * Runs a booking; the exclusion constraint firing (a chair taken at once by another booking that got past the
 * lock, which should not happen) is a conflict for the caller to retry, not our failure.
 */
export async function asChairConflict<T>(booking: () => Promise<T>): Promise<T> {
  try {
    return await booking();
  } catch (error) {
    if ((error as { code?: string }).code === EXCLUSION_VIOLATION) {
      throw new DomainError(ErrorCode.Conflict, 'The chair was taken at that time by another booking: read the calendar again and choose another time');
    }
    throw error;
  }
}
