import fc from 'fast-check';
import { PRESET_NAMES, PRESETS } from '../policy/presets';
import { resolvePolicy } from '../policy/resolve-policy';
import { computeDose, CONVENTIONAL_DOSES, type DoseInput } from './compute-dose';
import { issuesOf } from '../../test/issues-of';


const mood = (overrides: Partial<Extract<DoseInput, { kind: 'mood' }>> = {}): DoseInput =>
  ({ kind: 'mood', weightKg: 70, mgPerKg: 0.5, minutes: 40, concentrationMgPerMl: 1, ...overrides });
const pain = (overrides: Partial<Extract<DoseInput, { kind: 'pain' }>> = {}): DoseInput =>
  ({ kind: 'pain', weightKg: 70, mgPerKgPerHour: 0.35, minutes: 240, concentrationMgPerMl: 1, ...overrides });

describe('computeDose (DOMAIN.md §4.2)', () => {
  it.each(PRESET_NAMES)('preset %s keeps the default dose ranges (mood 0.1-0.75 mg/kg, pain 0.1-0.5 mg/kg/h)', (name) => {
    expect(PRESETS[name].rules.monitoring.moodDoseMgPerKg).toEqual({ min: 0.1, max: 0.75 });
    expect(PRESETS[name].rules.monitoring.painDoseMgPerKgPerHour).toEqual({ min: 0.1, max: 0.5 });
  });

  it.each<[string, DoseInput, { totalMg: number; mgPerHour: number; mlPerHour: number; totalMl: number }]>([
    ['depression: 0.5 mg/kg over 40 min, 70 kg, 1 mg/mL', mood(), { totalMg: 35, mgPerHour: 52.5, mlPerHour: 52.5, totalMl: 35 }],
    ['the same at 0.5 mg/mL', mood({ concentrationMgPerMl: 0.5 }), { totalMg: 35, mgPerHour: 52.5, mlPerHour: 105, totalMl: 70 }],
    ['CRPS: 0.35 mg/kg/h for 4 h, 70 kg, 1 mg/mL', pain(), { totalMg: 98, mgPerHour: 24.5, mlPerHour: 24.5, totalMl: 98 }],
    ['rounded to 2 decimals: 40 mg over 45 min at 3 mg/mL', mood({ weightKg: 80, minutes: 45, concentrationMgPerMl: 3 }), { totalMg: 40, mgPerHour: 53.33, mlPerHour: 17.78, totalMl: 13.33 }],
    ['the lowest mood dose, 1 kg', mood({ weightKg: 1, mgPerKg: 0.1, minutes: 600 }), { totalMg: 0.1, mgPerHour: 0.01, mlPerHour: 0.01, totalMl: 0.1 }],
    ['the highest mood dose, 400 kg', mood({ weightKg: 400, mgPerKg: 0.75, minutes: 1 }), { totalMg: 300, mgPerHour: 18000, mlPerHour: 18000, totalMl: 300 }],
    ['the pain range limits: 0.1 and 0.5 mg/kg/h', pain({ mgPerKgPerHour: 0.5, minutes: 90, concentrationMgPerMl: 2 }), { totalMg: 52.5, mgPerHour: 35, mlPerHour: 17.5, totalMl: 26.25 }],
    ['a 10 mg/mL concentration', pain({ weightKg: 82.4, mgPerKgPerHour: 0.1, minutes: 180, concentrationMgPerMl: 10 }), { totalMg: 24.72, mgPerHour: 8.24, mlPerHour: 0.82, totalMl: 2.47 }],
  ])('%s', (_, input, expected) => {
    expect(computeDose(input, PRESETS.default)).toEqual(expected);
  });

  it('offers the conventions with their source, and never assumes them', () => {
    expect(CONVENTIONAL_DOSES.mood).toMatchObject({ dose: 0.5, minutes: 40, source: { kind: 'domain' } });
    expect(CONVENTIONAL_DOSES.pain).toMatchObject({ dose: 0.35, minutes: 240, source: { kind: 'domain' } });
    expect(issuesOf(() => computeDose({ kind: 'mood', weightKg: 70, minutes: 40, concentrationMgPerMl: 1 } as DoseInput, PRESETS.default)).map((i) => i.field)).toEqual(['mgPerKg']);
  });

  it.each<[string, DoseInput, string, RegExp]>([
    ['a mood dose above the range', mood({ mgPerKg: 0.76 }), 'mgPerKg', /above the clinic's mood dose mg\/kg range \(0\.1-0\.75\)/],
    ['a mood dose below the range', mood({ mgPerKg: 0.09 }), 'mgPerKg', /below/],
    ['a pain dose above the range', pain({ mgPerKgPerHour: 0.51 }), 'mgPerKgPerHour', /above the clinic's pain dose mg\/kg\/h range \(0\.1-0\.5\)/],
    ['a pain dose below the range', pain({ mgPerKgPerHour: 0.05 }), 'mgPerKgPerHour', /below/],
    ['a weight of 0', mood({ weightKg: 0 }), 'weightKg', /./],
    ['a negative weight', pain({ weightKg: -70 }), 'weightKg', /./],
    ['a weight of 401 kg', mood({ weightKg: 401 }), 'weightKg', /./],
    ['a NaN weight', mood({ weightKg: Number.NaN }), 'weightKg', /./],
    ['0 minutes', mood({ minutes: 0 }), 'minutes', /./],
    ['601 minutes', pain({ minutes: 601 }), 'minutes', /./],
    ['fractional minutes', mood({ minutes: 40.5 }), 'minutes', /./],
    ['a concentration of 0', mood({ concentrationMgPerMl: 0 }), 'concentrationMgPerMl', /./],
    ['a negative concentration', pain({ concentrationMgPerMl: -1 }), 'concentrationMgPerMl', /./],
    ['a concentration above any vial (mg/mL mistaken for mcg/mL)', mood({ concentrationMgPerMl: 500 }), 'concentrationMgPerMl', /./],
    ['an unknown kind', { ...mood(), kind: 'sedation' } as unknown as DoseInput, 'kind', /./],
    ['a pain rate on a mood infusion', { ...mood(), mgPerKgPerHour: 0.35 } as unknown as DoseInput, 'mgPerKgPerHour', /not a field/],
  ])('refuses %s, naming the field', (_, input, field, message) => {
    const issues = issuesOf(() => computeDose(input, PRESETS.default));
    expect(issues.map((i) => i.field)).toEqual([field]);
    expect(issues[0]?.message).toMatch(message);
  });

  it("follows a clinic's own range", () => {
    const policy = resolvePolicy('default', { monitoring: { moodDoseMgPerKg: { min: 0.1, max: 1 } } });
    expect(computeDose(mood({ mgPerKg: 0.9 }), policy).totalMg).toBe(63);
    expect(issuesOf(() => computeDose(mood({ mgPerKg: 0.9 }), PRESETS.default)).map((i) => i.field)).toEqual(['mgPerKg']);
  });

  describe('properties', () => {
    const dose = fc.oneof(
      fc.record({ kind: fc.constant('mood' as const), mgPerKg: fc.double({ min: 0.1, max: 0.75, noNaN: true }) }),
      fc.record({ kind: fc.constant('pain' as const), mgPerKgPerHour: fc.double({ min: 0.1, max: 0.5, noNaN: true }) }),
    );
    const rest = fc.record({
      weightKg: fc.double({ min: 1, max: 200, noNaN: true }),
      minutes: fc.integer({ min: 1, max: 600 }),
      concentrationMgPerMl: fc.double({ min: 0.1, max: 100, noNaN: true }),
    });

    it('mL/h scales linearly with weight (to within the rounding)', () => {
      fc.assert(fc.property(dose, rest, fc.integer({ min: 2, max: 4 }), (d, r, k) => {
        fc.pre(r.weightKg * k <= 400);
        const one = computeDose({ ...d, ...r } as DoseInput, PRESETS.default);
        const scaled = computeDose({ ...d, ...r, weightKg: r.weightKg * k } as DoseInput, PRESETS.default);
        expect(Math.abs(scaled.mlPerHour - k * one.mlPerHour)).toBeLessThanOrEqual(0.005 * (k + 1) + 1e-9);
      }));
    });

    it('each figure is the exact one rounded to 2 decimals', () => {
      fc.assert(fc.property(dose, rest, (d, r) => {
        const result = computeDose({ ...d, ...r } as DoseInput, PRESETS.default);
        const mgPerHour = d.kind === 'mood' ? (r.weightKg * d.mgPerKg * 60) / r.minutes : r.weightKg * d.mgPerKgPerHour;
        expect(Math.abs(result.mlPerHour - mgPerHour / r.concentrationMgPerMl)).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(Math.abs(result.totalMl - (mgPerHour * r.minutes) / 60 / r.concentrationMgPerMl)).toBeLessThanOrEqual(0.005 + 1e-9);
      }));
    });
  });
});
