import { z } from 'zod';

/**
 * What a patient comes to the clinic for: a consultation, an infusion of a series, KAP (ketamine-assisted
 * psychotherapy) or a booster infusion after a series. Infusions and boosters take a chair.
 */
export const APPOINTMENT_KINDS = ['consultation', 'infusion', 'kap', 'booster'] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];

/** The kinds that occupy an infusion chair for the visit. */
export const CHAIR_KINDS: ReadonlySet<AppointmentKind> = new Set(['infusion', 'booster']);

/** checked-in and completed are set by the infusion encounter; the front desk books, cancels and marks no-shows. */
export const APPOINTMENT_STATUSES = ['booked', 'cancelled', 'no-show', 'checked-in', 'completed'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** One appointment as the FHIR mapping takes it; instants are ISO strings. */
export interface AppointmentRecord {
  id: string;
  patientId: string;
  kind: AppointmentKind;
  status: AppointmentStatus;
  start: string;
  end: string;
  /** The chair (1..the clinic's chairs) of an infusion or booster. */
  chair?: number;
  /** The referral the treatment answers (infusions of a series, boosters after it). */
  referralId?: string;
  seriesId?: string;
  cancelationReason?: string;
  createdAt: string;
}

const instant = z.iso.datetime({ offset: true, error: 'must be an instant such as 2026-06-01T13:00:00Z' });
const reason = z.string().trim().min(1).max(500);

/** What the front desk books by hand; infusions are booked by planning a series. */
export const newAppointmentSchema = z.strictObject({
  kind: z.enum(['consultation', 'kap', 'booster']),
  start: instant,
});
export type NewAppointment = z.infer<typeof newAppointmentSchema>;

export const appointmentRescheduleSchema = z.strictObject({ start: instant });
export type AppointmentReschedule = z.infer<typeof appointmentRescheduleSchema>;

/** Cancelling an appointment or a series says why (sent to the EHR as the cancelation reason). */
export const cancellationSchema = z.strictObject({ reason });
export type Cancellation = z.infer<typeof cancellationSchema>;

/** GET /appointments: by start, within the clinic-local days given (both included). */
export const appointmentQuerySchema = z
  .strictObject({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(100000).default(0),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after to', path: ['from'] });
export type AppointmentQuery = z.infer<typeof appointmentQuerySchema>;
