import { describeSource } from '../findings/source';
import { clinicPolicySchema } from './clinic-policy';
import { PRESETS, PRESET_NAMES } from './presets';
import { resolvePolicy, sourceOf } from './resolve-policy';
import { issuesOf } from '../../test/issues-of';


describe('policies', () => {
  it.each(PRESET_NAMES)('preset %s is a valid policy', (name) => {
    expect(clinicPolicySchema.safeParse(PRESETS[name].rules).success).toBe(true);
    expect(resolvePolicy(name).rules).toEqual(PRESETS[name].rules);
  });

  it.each([
    ['seed-001', 'dayOf.fastingFoodHours', 4],
    ['seed-004', 'dayOf.fastingFoodHours', 3],
    ['seed-004', 'dayOf.waterAllowed', true],
    ['seed-002', 'discharge.minRecoveryMinutes', 20],
    ['seed-003', 'medications.lamotrigine.instruction', 'prescriber-consult'],
    ['seed-003', 'medications.benzodiazepine.instruction', 'continue'],
    ['seed-002', 'medications.benzodiazepine.instruction', 'hold-evening-before-and-day-of'],
    ['seed-004', 'medications.benzodiazepine.instruction', 'hold-day-of'],
    ['seed-004', 'candidacy.activeSubstanceUse', 'review'],
    ['seed-003', 'candidacy.activeSubstanceUse', 'ineligible'],
    ['seed-001', 'series.moodCondensed.weeks.max', 3],
    ['seed-004', 'series.moodExtended.weeks.max', 6],
    ['seed-004', 'services.kapSessions', true],
    ['seed-003', 'services.kapSessions', false],
  ])('%s: %s is %j, as its page says', (name, path, value) => {
    const read = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], PRESETS[name as 'default'].rules);
    expect(read).toEqual(value);
  });

  it('cites the seed page for a preset value and calls an adjusted value clinic-set', () => {
    expect(describeSource(sourceOf(PRESETS['seed-004'], 'dayOf.fastingFoodHours'))).toBe('004_abb7f8e027270934.txt: What can I expect for my infusion days?');
    const adjusted = resolvePolicy('seed-004', { dayOf: { fastingFoodHours: 4 } });
    expect(adjusted.rules.dayOf.fastingFoodHours).toBe(4);
    expect(adjusted.rules.dayOf.waterAllowed).toBe(true);
    expect(sourceOf(adjusted, 'dayOf.fastingFoodHours')).toEqual({ kind: 'clinic-default', note: 'adjusted by the clinic' });
    expect(sourceOf(adjusted, 'monitoring.minSpo2')).toEqual({ kind: 'clinic-default', note: 'policy monitoring.minSpo2' });
    const boosters = resolvePolicy('seed-004', { series: { boosterIntervalDays: { min: 60 } } });
    expect(sourceOf(boosters, 'series.boosterIntervalDays')).toEqual({ kind: 'clinic-default', note: 'adjusted by the clinic' });
    expect(sourceOf(boosters, 'series.moodExtended')).toMatchObject({ kind: 'seed' });
  });

  it('names an unknown policy key, a bad value and an unknown preset', () => {
    expect(issuesOf(() => resolvePolicy('seed-003', { dayOf: { fastingHours: 3 } }))).toEqual([
      { field: 'dayOf.fastingHours', message: 'is not a field this takes' },
    ]);
    expect(issuesOf(() => resolvePolicy('seed-003', { dayOf: { fastingFoodHours: -1 } }))).toEqual([
      expect.objectContaining({ field: 'dayOf.fastingFoodHours' }),
    ]);
    expect(issuesOf(() => resolvePolicy('seed-009'))).toEqual([expect.objectContaining({ field: 'preset' })]);
  });
});
