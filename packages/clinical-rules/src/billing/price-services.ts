import type { FeeSchedule } from '@keta/domain';
import type { ServiceLine } from './billing-line';

/** A service line with its price: null (not 0) when the schedule has no fee for its code. */
export type PricedLine<L extends ServiceLine = ServiceLine> = L & { unitFeeCents: number | null; lineTotalCents: number | null };

export interface PricedServices<L extends ServiceLine> {
  lines: Array<PricedLine<L>>;
  /** The sum of the priced lines; with missingFees, what is known, not the whole bill. */
  totalCents: number;
  /** The codes the schedule has no fee for, each once, in the order of the lines. */
  missingFees: string[];
}

/** Prices each line from the clinic's fee schedule: units x the code's unit fee; a code with no fee stays unpriced. */
export function priceServices<L extends ServiceLine>(lines: readonly L[], schedule: FeeSchedule): PricedServices<L> {
  const fees = new Map(schedule.fees.map((fee) => [`${fee.system}|${fee.code}`, fee.unitPriceCents]));
  const missing = new Set<string>();
  let totalCents = 0;
  const priced = lines.map((line): PricedLine<L> => {
    const unitFeeCents = fees.get(`${line.system}|${line.code}`);
    if (unitFeeCents === undefined) {
      missing.add(line.code);
      return { ...line, unitFeeCents: null, lineTotalCents: null };
    }
    const lineTotalCents = unitFeeCents * line.units;
    totalCents += lineTotalCents;
    return { ...line, unitFeeCents, lineTotalCents };
  });
  return { lines: priced, totalCents, missingFees: [...missing] };
}
