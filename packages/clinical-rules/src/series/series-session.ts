import { zonedInstant } from '../calendar/clinic-time';

/** One infusion of a series; instants are ISO strings (UTC). */
export interface SeriesSession {
  /** 1-based place in the series. */
  number: number;
  /** The clinic's local date. */
  date: string;
  start: string;
  infusionEnd: string;
  /** When the chair is free again: the planned time in clinic, from the start. */
  visitEnd: string;
}

export interface SessionTiming {
  startTime: string;
  timeZone: string;
  infusionMinutes: number;
  visitMinutes: number;
}

/**
 * A session on a local date. The start is the wall time in the clinic's zone on that date, so a series keeps
 * its 09:00 across a daylight-saving change; the ends are elapsed minutes from that instant.
 */
export function seriesSession(number: number, date: string, timing: SessionTiming): SeriesSession {
  const start = zonedInstant(date, timing.startTime, timing.timeZone).getTime();
  const after = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
  return { number, date, start: after(0), infusionEnd: after(timing.infusionMinutes), visitEnd: after(timing.visitMinutes) };
}
