import { z } from 'zod';

/**
 * The code systems a clinic prices services in (DOMAIN.md §3.5): CPT for procedures (96365, 96366, 96374),
 * HCPCS Level II for drugs and supplies (J3490). Diagnoses (ICD-10-CM) carry no fee.
 */
export const BILLING_SYSTEMS = ['CPT', 'HCPCS'] as const;
export type BillingSystem = (typeof BILLING_SYSTEMS)[number];

/** The currencies a fee schedule may be in: one clinic per deployment, in the US (DOMAIN.md's scope). */
export const FEE_CURRENCIES = ['USD'] as const;
export type FeeCurrency = (typeof FEE_CURRENCIES)[number];

/** CPT: five digits, or four and F/T/U (categories II and III, PLA). HCPCS Level II: a letter and four digits. */
const CODE_FORMATS: Record<BillingSystem, { pattern: RegExp; rule: string }> = {
  CPT: { pattern: /^\d{4}[\dFTU]$/, rule: 'a CPT code is five digits, or four digits and F, T or U' },
  HCPCS: { pattern: /^[A-V]\d{4}$/, rule: 'a HCPCS Level II code is a letter A-V and four digits' },
};

/** Whether a code has the shape of its system's codes (not whether the code exists). */
export function isBillingCode(system: BillingSystem, code: string): boolean {
  return CODE_FORMATS[system].pattern.test(code);
}

/** At most $100,000 a unit: past that the cents are a typo. */
export const MAX_UNIT_PRICE_CENTS = 10_000_000;

export const feeSchema = z
  .strictObject({
    system: z.enum(BILLING_SYSTEMS),
    code: z.string().trim().min(1).max(10),
    description: z.string().trim().min(1).max(200),
    unitPriceCents: z.number().int({ error: 'must be a whole number of cents' }).min(0).max(MAX_UNIT_PRICE_CENTS),
  })
  .superRefine((fee, ctx) => {
    if (!isBillingCode(fee.system, fee.code)) ctx.addIssue({ code: 'custom', path: ['code'], message: `is not a ${fee.system} code: ${CODE_FORMATS[fee.system].rule}` });
  });
export type Fee = z.infer<typeof feeSchema>;

/** The clinic's prices, by code: an admin sets it whole (PUT), the superbill prices its lines from it. */
export const feeScheduleSchema = z.strictObject({
  currency: z.enum(FEE_CURRENCIES),
  fees: z
    .array(feeSchema)
    .max(500)
    .superRefine((fees, ctx) => {
      const seen = new Set<string>();
      fees.forEach((fee, i) => {
        if (seen.has(fee.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: 'must not repeat a code already in the schedule' });
        seen.add(fee.code);
      });
    }),
});
export type FeeSchedule = z.infer<typeof feeScheduleSchema>;

/** GET .../superbill: JSON unless `format=pdf` (or `Accept: application/pdf`). */
export const superbillQuerySchema = z.strictObject({ format: z.enum(['json', 'pdf']).optional() });
export type SuperbillQuery = z.infer<typeof superbillQuerySchema>;
