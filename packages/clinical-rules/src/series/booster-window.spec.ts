import { DomainError } from '@keta/errors';
import { SEED_FILES } from '../findings/source';
import { PRESETS } from '../policy/presets';
import { resolvePolicy } from '../policy/resolve-policy';
import { nextBoosterWindow } from './booster-window';

describe('nextBoosterWindow', () => {
  it.each([
    ['seed 000: patients return once a month to once a year', 'seed-000', '000'],
    ['seed 004: boosters from once a month to once a year (about every three months)', 'seed-004', '004'],
  ] as const)('%s', (_page, preset, cited) => {
    expect(nextBoosterWindow('2026-06-12', PRESETS[preset])).toEqual({
      earliest: '2026-07-12',
      latest: '2027-06-12',
      source: expect.objectContaining({ kind: 'seed', file: SEED_FILES[cited] }),
    });
  });

  it('follows a clinic-set interval', () => {
    const quarterly = resolvePolicy('seed-004', { series: { boosterIntervalDays: { min: 60, max: 120 } } });
    expect(nextBoosterWindow('2026-12-31', quarterly)).toMatchObject({ earliest: '2027-03-01', latest: '2027-04-30' });
  });

  it('refuses a date that does not exist, naming it', () => {
    expect(() => nextBoosterWindow('2026-02-30', PRESETS.default)).toThrow(DomainError);
    expect(() => nextBoosterWindow('2026-02-30', PRESETS.default)).toThrow(
      expect.objectContaining({ code: 'validation_failed', issues: [expect.objectContaining({ field: 'lastInfusionDate' })] }),
    );
  });
});
