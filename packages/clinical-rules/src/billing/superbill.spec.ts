import { ICD10CM, type FeeSchedule } from '@keta/domain';
import { issuesOf } from '../../test/issues-of';
import { SUPERBILL_STATEMENT, superbillCoding } from './superbill';

const SCHEDULE: FeeSchedule = {
  currency: 'USD',
  fees: [
    { system: 'CPT', code: '96365', description: 'IV infusion, first hour', unitPriceCents: 40000 },
    { system: 'HCPCS', code: 'J3490', description: 'Ketamine', unitPriceCents: 5000 },
  ],
};

describe('superbillCoding', () => {
  it('codes each infusion on its date of service, in date order, with the diagnoses and the fees', () => {
    const bill = superbillCoding({
      infusions: [{ date: '2026-06-03', minutes: 41, doseMg: 35 }, { date: '2026-06-01', minutes: 40, doseMg: 35 }],
      diagnoses: [{ system: ICD10CM, code: 'F33.1' }],
    }, SCHEDULE);
    expect(bill.datesOfService).toEqual(['2026-06-01', '2026-06-03']);
    expect(bill.lines.map((l) => [l.date, l.code, l.units, l.lineTotalCents])).toEqual([
      ['2026-06-01', '96365', 1, 40000], ['2026-06-01', 'J3490', 1, 5000], ['2026-06-03', '96365', 1, 40000], ['2026-06-03', 'J3490', 1, 5000],
    ]);
    expect(bill).toMatchObject({ currency: 'USD', totalCents: 90000, missingFees: [], diagnoses: [{ code: 'F33.1' }], statement: SUPERBILL_STATEMENT });
  });

  it('names a date once, and a code without a fee', () => {
    const bill = superbillCoding({ infusions: [{ date: '2026-06-01', minutes: 240, doseMg: 98 }, { date: '2026-06-01', minutes: 10, doseMg: 20 }], diagnoses: [] }, SCHEDULE);
    expect(bill.datesOfService).toEqual(['2026-06-01']);
    expect(bill.missingFees).toEqual(['96366', '96374']);
    expect(bill.totalCents).toBe(40000 + 5000 + 5000);
    expect(bill.diagnoses).toEqual([]);
  });

  it('says IV ketamine is off-label and paid by the patient, the superbill furnished to claim on their own, citing seeds 003 and 004', () => {
    expect(SUPERBILL_STATEMENT.text).toMatch(/off-label/);
    expect(SUPERBILL_STATEMENT.text).toMatch(/not covered by Medicare, Medicaid or most private insurance carriers/);
    expect(SUPERBILL_STATEMENT.text).toMatch(/patient has paid/);
    expect(SUPERBILL_STATEMENT.text).toMatch(/furnished for the patient to submit to their insurance carrier on their own, for out-of-network reimbursement/);
    expect(SUPERBILL_STATEMENT.sources.map((s) => (s.kind === 'seed' ? s.file : s.kind))).toEqual(['003_9a919d07d6b0c099.txt', '004_abb7f8e027270934.txt', 'domain']);
  });

  it.each([
    [{ infusions: [], diagnoses: [] }, 'infusions'],
    [{ infusions: [{ date: '2026-02-30', minutes: 40, doseMg: 35 }], diagnoses: [] }, 'infusions.0.date'],
    [{ infusions: Array.from({ length: 101 }, () => ({ date: '2026-06-01', minutes: 40, doseMg: 35 })), diagnoses: [] }, 'infusions'],
    [{ infusions: [{ date: '2026-06-01', minutes: 40, doseMg: 35 }] }, 'diagnoses'],
  ])('%j raises a validation error naming %s', (input, field) => {
    expect(issuesOf(() => superbillCoding(input as never, SCHEDULE)).map((i) => i.field)).toEqual([field]);
  });
});
