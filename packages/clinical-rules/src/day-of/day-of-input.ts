import { z } from 'zod';
import { medicationSchema } from '../medications/review-medications';

const instant = z.iso.datetime({ offset: true });
const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone');

export const dayOfInputSchema = z.strictObject({
  appointmentStart: instant,
  timeZone,
  treatmentConsent: z.strictObject({ status: z.enum(['active', 'draft', 'revoked', 'expired']), signedAt: instant.optional(), expiresAt: instant.optional() }).optional(),
  lastFoodAt: instant.optional(),
  /** Liquids other than water. */
  lastLiquidAt: instant.optional(),
  lastWaterAt: instant.optional(),
  driverConfirmed: z.boolean().optional(),
  medications: z.array(medicationSchema.and(z.object({ lastDoseAt: instant.optional() }))).default([]),
  bloodPressure: z.strictObject({ systolic: z.number().int().min(40).max(300), diastolic: z.number().int().min(20).max(200) }).optional(),
  pregnancy: z.enum(['pregnant', 'not-pregnant', 'not-applicable']).optional(),
  /** When the patient's consultation took place, if one has. */
  consultationHeldAt: instant.optional(),
});
export type DayOfInput = z.input<typeof dayOfInputSchema>;
export type ParsedDayOfInput = z.output<typeof dayOfInputSchema>;
