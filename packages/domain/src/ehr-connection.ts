import { z } from 'zod';
import { HOME_MEDICATION_FORMATS, type HomeMedicationFormat } from './home-medication';

/** A clinic EHR receives every record consent allows; a referrer EHR only what concerns its referrals. */
export const EHR_CONNECTION_KINDS = ['clinic-ehr', 'referrer-ehr'] as const;
export type EhrConnectionKind = (typeof EHR_CONNECTION_KINDS)[number];

const baseUrlSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .max(500)
  .transform((url) => url.replace(/\/+$/, ''));

export const newEhrConnectionSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  baseUrl: baseUrlSchema,
  kind: z.enum(EHR_CONNECTION_KINDS),
  enabled: z.boolean().default(true),
  /** US Core EHRs take home medications as reported MedicationRequests (DOMAIN.md §2.5). */
  homeMedicationFormat: z.enum(HOME_MEDICATION_FORMATS).default('medication-statement'),
});
export type NewEhrConnection = z.infer<typeof newEhrConnectionSchema>;

export const ehrConnectionChangeSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    baseUrl: baseUrlSchema.optional(),
    enabled: z.boolean().optional(),
    homeMedicationFormat: z.enum(HOME_MEDICATION_FORMATS).optional(),
  })
  .refine((change) => Object.keys(change).length > 0, 'must change at least one field');
export type EhrConnectionChange = z.infer<typeof ehrConnectionChangeSchema>;

export interface EhrConnectionView {
  id: string;
  name: string;
  baseUrl: string;
  kind: EhrConnectionKind;
  enabled: boolean;
  homeMedicationFormat: HomeMedicationFormat;
  createdAt: string;
  updatedAt: string;
}
