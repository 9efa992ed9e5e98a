import { z } from 'zod';
import { isValidNpi } from './npi';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * The five seed clinics of shared/seeds are the policy presets; an admin picks one for the clinic.
 * The policies themselves live in clinical-rules.
 */
export const POLICY_PRESETS = ['seed-000', 'seed-001', 'seed-002', 'seed-003', 'seed-004'] as const;
export type PolicyPreset = (typeof POLICY_PRESETS)[number];

const timeZoneSchema = z.string().refine(isTimeZone, 'must be an IANA time zone such as America/New_York');

/** The clinic as billing provider: its NPI (type 2, the organisation), tax id (an EIN) and where it is. */
export const billingProviderSchema = z.strictObject({
  npi: z.string().refine(isValidNpi, 'must be a valid 10-digit NPI'),
  taxId: z.string().regex(/^\d{2}-\d{7}$/, 'must be an EIN such as 12-3456789'),
  address: z.string().trim().min(1).max(300),
  phone: z.string().trim().min(1).max(50).optional(),
});
export type BillingProvider = z.infer<typeof billingProviderSchema>;

export const clinicSettingsSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  timeZone: timeZoneSchema,
  openingDays: z
    .array(z.enum(WEEKDAYS))
    .min(1)
    .refine((days) => new Set(days).size === days.length, 'must not repeat a day'),
  chairs: z.number().int().min(1).max(100),
  policyPreset: z.enum(POLICY_PRESETS),
  /**
   * The clinic's own values over its preset's, by the policy's paths (e.g. `{ medications: { benzodiazepine:
   * { ifTaken: 'block' } } }`); checked against the policy's schema when set.
   */
  policyAdjustments: z.record(z.string(), z.unknown()).default({}),
  /** Local dates (YYYY-MM-DD, the clinic's time zone) the clinic is closed: holidays, training days. */
  closures: z
    .array(z.iso.date({ error: 'must be a date as YYYY-MM-DD' }))
    .max(1000)
    .refine((dates) => new Set(dates).size === dates.length, 'must not repeat a date')
    .default([]),
  /** How the clinic is named to insurers on a superbill (a superbill without it says so). */
  billingProvider: billingProviderSchema.optional(),
});
export type ClinicSettings = z.infer<typeof clinicSettingsSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}
