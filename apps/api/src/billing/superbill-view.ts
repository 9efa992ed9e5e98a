import { describeSource, type SuperbillCoding } from '@keta/clinical-rules';
import type { BillingProvider, BillingSystem, FeeCurrency } from '@keta/domain';

/**
 * A superbill as the patient hands it to their insurer: who treated whom, on which dates, for which diagnoses,
 * with which codes and fees. JSON, or the same as a PDF (superbill-pdf.ts).
 */
export interface SuperbillView {
  /** The encounter's or the series' id. */
  id: string;
  kind: 'encounter' | 'series';
  /** The billing provider: its NPI, tax id and address once an admin has set them in the clinic settings. */
  clinic: { name: string } & Partial<BillingProvider>;
  patient: { name: { given: string[]; family: string }; birthDate: string };
  /** Who referred the patient; absent when the infusion answers no referral. */
  referringProvider?: { name: string; npi: string };
  datesOfService: string[];
  diagnoses: Array<{ system: 'ICD-10-CM'; code: string; description: string }>;
  lines: Array<{
    date: string; system: BillingSystem; code: string; description: string; units: number;
    /** Null when the fee schedule has no fee for the code (it is then named in missingFees). */
    unitFeeCents: number | null;
    lineTotalCents: number | null;
    /** Where the coding rule comes from (DOMAIN.md §3.5). */
    source: string;
  }>;
  currency: FeeCurrency;
  /** The sum of the priced lines: without the codes in missingFees. */
  totalCents: number;
  missingFees: string[];
  /** Off-label, paid by the patient, furnished for out-of-network reimbursement; with its sources (seeds 003, 004). */
  statement: { text: string; sources: string[] };
}

export interface SuperbillParties {
  id: string;
  kind: SuperbillView['kind'];
  clinic: SuperbillView['clinic'];
  patient: SuperbillView['patient'];
  referringProvider?: SuperbillView['referringProvider'];
}

export function toSuperbillView(parties: SuperbillParties, coding: SuperbillCoding): SuperbillView {
  return {
    ...parties,
    datesOfService: coding.datesOfService,
    diagnoses: coding.diagnoses.map(({ system, code, description }) => ({ system, code, description })),
    lines: coding.lines.map(({ date, system, code, description, units, unitFeeCents, lineTotalCents, source }) => ({
      date, system, code, description, units, unitFeeCents, lineTotalCents, source: describeSource(source),
    })),
    currency: coding.currency,
    totalCents: coding.totalCents,
    missingFees: coding.missingFees,
    statement: { text: coding.statement.text, sources: coding.statement.sources.map(describeSource) },
  };
}
