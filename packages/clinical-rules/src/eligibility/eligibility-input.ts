import { attestationsSchema } from '@keta/domain';
import { z } from 'zod';

const CLINICAL_STATUSES = ['active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved'] as const;
export const ACTIVE_STATUSES: ReadonlySet<string> = new Set(['active', 'recurrence', 'relapse']);

/** A condition as an EHR or a referral gives it (FHIR Condition.clinicalStatus codes); a code, a name, or both. */
const conditionSchema = z
  .strictObject({
    system: z.string().min(1).optional(),
    code: z.string().min(1).optional(),
    display: z.string().min(1).max(500).optional(),
    clinicalStatus: z.enum(CLINICAL_STATUSES),
  })
  .refine((c) => (c.system && c.code) || c.display, 'needs a system and code, or a display name');

const bloodPressureSchema = z.strictObject({
  systolic: z.number().int().min(40).max(300),
  diastolic: z.number().int().min(20).max(200),
  at: z.iso.datetime({ offset: true }),
});

export const eligibilityInputSchema = z.strictObject({
  indication: z.strictObject({ system: z.string().min(1), code: z.string().min(1) }),
  sex: z.enum(['female', 'male', 'other', 'unknown']).optional(),
  conditions: z.array(conditionSchema).default([]),
  bloodPressure: z.array(bloodPressureSchema).default([]),
  attestations: attestationsSchema.default({}),
});

export type EligibilityInput = z.input<typeof eligibilityInputSchema>;
export type ParsedEligibilityInput = z.output<typeof eligibilityInputSchema>;
export type Attestation = keyof z.output<typeof attestationsSchema>;
