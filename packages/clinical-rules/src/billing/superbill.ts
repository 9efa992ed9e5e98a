import type { Coding, FeeCurrency, FeeSchedule } from '@keta/domain';
import { z } from 'zod';
import { parseInput } from '../findings/rules-input';
import { domainRef, seed, type Source } from '../findings/source';
import type { DiagnosisLine, ServiceLine } from './billing-line';
import { codeInfusion } from './code-infusion';
import { diagnosisLines } from './diagnosis-lines';
import { priceServices, type PricedLine } from './price-services';

/** One completed infusion: its date of service (the clinic's local date) and what coding it needs. */
export interface BilledInfusion {
  date: string;
  minutes: number;
  doseMg: number;
}

export interface SuperbillInput {
  /** The infusions billed, one or a series' (at least one). */
  infusions: readonly BilledInfusion[];
  /** The codings of what the infusions treat: the referral's indication, the patient's active conditions. */
  diagnoses: readonly Coding[];
}

export type SuperbillServiceLine = PricedLine<ServiceLine & { date: string }>;

export interface SuperbillCoding {
  datesOfService: string[];
  diagnoses: DiagnosisLine[];
  lines: SuperbillServiceLine[];
  currency: FeeCurrency;
  totalCents: number;
  missingFees: string[];
  statement: { text: string; sources: Source[] };
}

/**
 * What the patient hands their insurer with the superbill (seed 003, "Will my insurance company pay for ketamine
 * therapy?"; seed 004, "Is ketamine infusion therapy covered by insurance?"; DOMAIN.md §4.6).
 */
export const SUPERBILL_STATEMENT: SuperbillCoding['statement'] = {
  text: 'Ketamine given as an IV infusion is an off-label treatment for mood disorders and chronic pain, and is not covered by '
    + 'Medicare, Medicaid or most private insurance carriers. The patient has paid for these services. This superbill is '
    + 'furnished for the patient to submit to their insurance carrier on their own, for out-of-network reimbursement; '
    + 'some carriers reimburse a portion or all of the cost after treatment.',
  sources: [
    seed('003', 'Will my insurance company pay for ketamine therapy?'),
    seed('004', 'Is ketamine infusion therapy covered by insurance?'),
    domainRef('§4.6 (off-label status: paid out of pocket, superbill for out-of-network reimbursement)'),
  ],
};

const superbillSchema = z.strictObject({
  infusions: z
    .array(z.strictObject({ date: z.iso.date({ error: 'must be a date as YYYY-MM-DD' }), minutes: z.number(), doseMg: z.number() }))
    .min(1)
    .max(100),
  diagnoses: z.array(z.unknown()),
});

/**
 * A superbill's coding and prices: each infusion's codes on its date of service (in date order), the
 * diagnoses, and the fees from the clinic's schedule; codes without a fee are listed, not priced at 0.
 */
export function superbillCoding(input: SuperbillInput, schedule: FeeSchedule): SuperbillCoding {
  const { infusions } = parseInput(superbillSchema, input);
  const ordered = [...infusions].sort((a, b) => a.date.localeCompare(b.date));
  const lines = ordered.flatMap(({ date, minutes, doseMg }) => codeInfusion({ minutes, doseMg }).map((line) => ({ date, ...line })));
  const priced = priceServices(lines, schedule);
  return {
    datesOfService: [...new Set(ordered.map((i) => i.date))],
    diagnoses: diagnosisLines(input.diagnoses),
    lines: priced.lines,
    currency: schedule.currency,
    totalCents: priced.totalCents,
    missingFees: priced.missingFees,
    statement: SUPERBILL_STATEMENT,
  };
}
