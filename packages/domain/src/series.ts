import { z } from 'zod';

export const SERIES_KINDS = ['mood', 'pain'] as const;
export type SeriesKind = (typeof SERIES_KINDS)[number];

/** booked: its infusions are on the calendar; completed is set when its last infusion is done. */
export const SERIES_STATUSES = ['booked', 'cancelled', 'completed'] as const;
export type SeriesStatus = (typeof SERIES_STATUSES)[number];

/**
 * A clinician plans a series for an accepted referral: its kind, the policy's protocol (default: the
 * policy's first), the earliest local date and the clinic wall time of every infusion.
 */
export const newSeriesSchema = z.strictObject({
  referralId: z.uuid({ error: 'must be a UUID' }),
  kind: z.enum(SERIES_KINDS),
  protocol: z.string().trim().min(1).max(40).optional(),
  startDate: z.iso.date({ error: 'must be a date as YYYY-MM-DD' }),
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a wall time HH:MM'),
});
export type NewSeries = z.infer<typeof newSeriesSchema>;
