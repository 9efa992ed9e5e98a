import type { FeeSchedule } from '@keta/domain';
import { codeInfusion } from './code-infusion';
import { priceServices } from './price-services';

const SCHEDULE: FeeSchedule = {
  currency: 'USD',
  fees: [
    { system: 'CPT', code: '96365', description: 'IV infusion, first hour', unitPriceCents: 40000 },
    { system: 'CPT', code: '96366', description: 'IV infusion, each additional hour', unitPriceCents: 12500 },
  ],
};

describe('priceServices', () => {
  it('prices each line as units x the unit fee, and totals them', () => {
    const { lines, totalCents, missingFees } = priceServices(codeInfusion({ minutes: 240, doseMg: 98 }).slice(0, 2), SCHEDULE);
    expect(lines.map((l) => [l.code, l.units, l.unitFeeCents, l.lineTotalCents])).toEqual([['96365', 1, 40000, 40000], ['96366', 3, 12500, 37500]]);
    expect(totalCents).toBe(77500);
    expect(missingFees).toEqual([]);
  });

  it('lists a code with no fee once, unpriced rather than at 0, and leaves it out of the total', () => {
    const lines = [...codeInfusion({ minutes: 40, doseMg: 35 }), ...codeInfusion({ minutes: 10, doseMg: 35 })];
    const priced = priceServices(lines, SCHEDULE);
    expect(priced.lines.map((l) => [l.code, l.unitFeeCents, l.lineTotalCents])).toEqual([
      ['96365', 40000, 40000], ['J3490', null, null], ['96374', null, null], ['J3490', null, null],
    ]);
    expect(priced.missingFees).toEqual(['J3490', '96374']);
    expect(priced.totalCents).toBe(40000);
  });

  it('matches a fee by system and code, and keeps a fee of 0 as a price', () => {
    const schedule: FeeSchedule = { currency: 'USD', fees: [{ system: 'HCPCS', code: 'J3490', description: 'Ketamine', unitPriceCents: 0 }] };
    const priced = priceServices([{ ...codeInfusion({ minutes: 40, doseMg: 35 })[1]! }, { ...codeInfusion({ minutes: 40, doseMg: 35 })[1]!, system: 'CPT' as const }], schedule);
    expect(priced.lines.map((l) => [l.system, l.unitFeeCents])).toEqual([['HCPCS', 0], ['CPT', null]]);
    expect([priced.totalCents, priced.missingFees]).toEqual([0, ['J3490']]);
  });

  it('answers nothing to price as a total of 0', () => {
    expect(priceServices([], SCHEDULE)).toEqual({ lines: [], totalCents: 0, missingFees: [] });
  });
});
