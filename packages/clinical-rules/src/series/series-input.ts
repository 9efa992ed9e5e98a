import { clinicSettingsSchema } from '@keta/domain';
import { z } from 'zod';
import { isLocalDate } from '../calendar/clinic-time';

export const localDateSchema = z.string().refine(isLocalDate, 'must be a local date YYYY-MM-DD');

/**
 * The clinic's calendar as the planner sees it. Time zone, opening days and chairs are the clinic
 * settings' own rules (IANA zone, non-empty unique days, 1-100 chairs), so both validate alike.
 */
export const seriesCalendarSchema = clinicSettingsSchema.pick({ timeZone: true, openingDays: true, chairs: true }).extend({
  /** Local dates the clinic is closed. */
  closures: z.array(localDateSchema).max(1000),
  /** Chairs already taken at the series' time, by local date. */
  booked: z.record(localDateSchema, z.number().int().min(0).max(100)).optional(),
});

export const seriesInputSchema = z.strictObject({
  kind: z.enum(['mood', 'pain']),
  /** mood: 'condensed' (default) or 'extended'; pain: a protocol name of the policy (default: its first). */
  protocol: z.string().min(1).max(40).optional(),
  /** The earliest local date of the series. */
  startDate: localDateSchema,
  /** The clinic wall time of every session. */
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a wall time HH:MM'),
  calendar: seriesCalendarSchema,
});

export type SeriesCalendar = z.infer<typeof seriesCalendarSchema>;
export type SeriesInput = z.infer<typeof seriesInputSchema>;
export type SeriesKind = SeriesInput['kind'];
