import { issuesOf } from '../../test/issues-of';
import { additionalHours, codeInfusion } from './code-infusion';

const codes = (minutes: number) => codeInfusion({ minutes, doseMg: 35 }).map((l) => `${l.code}x${l.units}`);

describe('codeInfusion (DOMAIN.md §3.5)', () => {
  it.each([
    // 15 min or less is an IV push; more than 15 min an infusion, initial hour.
    [0, ['96374x1', 'J3490x1']],
    [1, ['96374x1', 'J3490x1']],
    [15, ['96374x1', 'J3490x1']],
    [16, ['96365x1', 'J3490x1']],
    [40, ['96365x1', 'J3490x1']],
    [60, ['96365x1', 'J3490x1']],
    // The second hour counts only when more than 30 min of it are used.
    [61, ['96365x1', 'J3490x1']],
    [90, ['96365x1', 'J3490x1']],
    [91, ['96365x1', '96366x1', 'J3490x1']],
    [150, ['96365x1', '96366x1', 'J3490x1']],
    [151, ['96365x1', '96366x2', 'J3490x1']],
    [210, ['96365x1', '96366x2', 'J3490x1']],
    [211, ['96365x1', '96366x3', 'J3490x1']],
    [240, ['96365x1', '96366x3', 'J3490x1']],
    [270, ['96365x1', '96366x3', 'J3490x1']],
    [271, ['96365x1', '96366x4', 'J3490x1']],
  ])('%i min: %j', (minutes, expected) => {
    expect(codes(minutes)).toEqual(expected);
  });

  it('gives each line its system, a description, and the DOMAIN.md section it comes from', () => {
    const lines = codeInfusion({ minutes: 240, doseMg: 98.004 });
    expect(lines).toEqual([
      { system: 'CPT', code: '96365', units: 1, description: expect.stringMatching(/^IV infusion.*initial, up to 1 hour$/), source: { kind: 'domain', section: expect.stringMatching(/^§3\.5 \(96365/) } },
      { system: 'CPT', code: '96366', units: 3, description: expect.stringMatching(/each additional hour/), source: { kind: 'domain', section: expect.stringMatching(/^§3\.5 \(\+96366/) } },
      { system: 'HCPCS', code: 'J3490', units: 1, description: 'Unclassified drugs: ketamine hydrochloride 98 mg IV', source: { kind: 'domain', section: expect.stringMatching(/^§3\.5 \(J3490/) } },
    ]);
    expect(codeInfusion({ minutes: 10, doseMg: 35.255 })).toEqual([
      { system: 'CPT', code: '96374', units: 1, description: expect.stringMatching(/^IV push/), source: { kind: 'domain', section: expect.stringMatching(/^§3\.5 \(96374/) } },
      expect.objectContaining({ code: 'J3490', description: 'Unclassified drugs: ketamine hydrochloride 35.26 mg IV' }),
    ]);
  });

  it('counts the add-on hours of 96366', () => {
    expect([0, 15, 89, 90, 91, 150, 151, 600].map(additionalHours)).toEqual([0, 0, 0, 0, 1, 1, 2, 9]);
  });

  it.each([
    [{ minutes: -1, doseMg: 35 }, 'minutes'],
    [{ minutes: 40.5, doseMg: 35 }, 'minutes'],
    [{ minutes: 24 * 60 + 1, doseMg: 35 }, 'minutes'],
    [{ minutes: 40, doseMg: 0 }, 'doseMg'],
    [{ minutes: 40, doseMg: 10_001 }, 'doseMg'],
    [{ minutes: 40 }, 'doseMg'],
  ])('%j raises a validation error naming %s', (input, field) => {
    expect(issuesOf(() => codeInfusion(input as never)).map((i) => i.field)).toEqual([field]);
  });

  it('takes a day of infusion at most, and any dose up to 10 g', () => {
    expect(codes(24 * 60)).toEqual(['96365x1', '96366x23', 'J3490x1']);
    expect(codeInfusion({ minutes: 40, doseMg: 10_000 })).toHaveLength(2);
  });
});
