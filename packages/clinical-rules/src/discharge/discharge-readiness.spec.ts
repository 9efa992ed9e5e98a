import fc from 'fast-check';
import { PRESET_NAMES, PRESETS } from '../policy/presets';
import { resolvePolicy } from '../policy/resolve-policy';
import type { DischargeInput } from './discharge-input';
import { dischargeReadiness } from './discharge-readiness';
import { issuesOf } from '../../test/issues-of';


const ENDED = '2026-03-02T15:00:00Z';
const minutesAfter = (minutes: number) => new Date(Date.parse(ENDED) + minutes * 60_000).toISOString();
const BASELINE = { systolic: 120, diastolic: 80, heartRate: 70 };

/** A patient 30 minutes out, vitals at baseline, a driver in the waiting room. */
const visit = (overrides: Partial<DischargeInput> = {}): DischargeInput => ({
  infusionEndedAt: ENDED,
  now: minutesAfter(30),
  baseline: BASELINE,
  current: BASELINE,
  responsibleAdultPresent: true,
  ...overrides,
});

const codesOf = (input: DischargeInput, policy = PRESETS.default) => dischargeReadiness(input, policy).findings.map((f) => f.code);

describe('dischargeReadiness: recovery time (seed 002 Q6: 20-30 min)', () => {
  const recovery = PRESET_NAMES.map((name) => [name, PRESETS[name].rules.discharge.minRecoveryMinutes] as const);

  it('seed 002 lets patients go after 20 minutes; the others after 30', () => {
    expect(Object.fromEntries(recovery)).toEqual({ default: 30, 'seed-000': 30, 'seed-001': 30, 'seed-002': 20, 'seed-003': 30, 'seed-004': 30 });
  });

  it.each(recovery.flatMap(([name, minimum]) => [
    [name, minimum - 1, false],
    [name, minimum, true],
    [name, 25, 25 >= minimum],
    [name, 0, false],
  ] as const))('%s, %i min after the infusion: ready %s', (name, minutes, ready) => {
    const result = dischargeReadiness(visit({ now: minutesAfter(minutes) }), PRESETS[name]);
    expect(result.ready).toBe(ready);
    expect(result.findings.map((f) => f.code)).toEqual(ready ? [] : ['discharge.recovery-time-not-met']);
  });

  it('says how much longer to wait and cites the preset', () => {
    const [finding] = dischargeReadiness(visit({ now: '2026-03-02T15:12:30Z' }), PRESETS['seed-002']).findings;
    expect(finding).toEqual({
      code: 'discharge.recovery-time-not-met',
      severity: 'block',
      message: "12 min since the infusion ended; the clinic's minimum recovery is 20 min: wait 8 more min.",
      source: { kind: 'seed', file: '002_d81a41293172daa1.txt', section: 'Q6: How long is the ketamine infusion and recovery?' },
    });
  });

  it('compares instants across time-zone offsets', () => {
    expect(dischargeReadiness(visit({ now: '2026-03-02T10:30:00-05:00' }), PRESETS.default).ready).toBe(true);
    expect(dischargeReadiness(visit({ now: '2026-03-02T10:29:00-05:00' }), PRESETS.default).ready).toBe(false);
  });
});

describe('dischargeReadiness: vitals back within 20% of baseline', () => {
  it.each<[string, Partial<DischargeInput>, string[]]>([
    ['systolic +20% exactly (144)', { current: { ...BASELINE, systolic: 144 } }, []],
    ['systolic +21% (145)', { current: { ...BASELINE, systolic: 145 } }, ['discharge.vitals-not-at-baseline']],
    ['systolic -20% exactly (96)', { current: { ...BASELINE, systolic: 96 } }, []],
    ['systolic -21% (95)', { current: { ...BASELINE, systolic: 95 } }, ['discharge.vitals-not-at-baseline']],
    ['diastolic 97', { current: { ...BASELINE, diastolic: 97 } }, ['discharge.vitals-not-at-baseline']],
    ['heart rate 84 (+20%)', { current: { ...BASELINE, heartRate: 84 } }, []],
    ['heart rate 85', { current: { ...BASELINE, heartRate: 85 } }, ['discharge.vitals-not-at-baseline']],
    [
      'blood pressure and heart rate both off',
      { current: { systolic: 150, diastolic: 100, heartRate: 90 } },
      ['discharge.vitals-not-at-baseline', 'discharge.vitals-not-at-baseline', 'discharge.vitals-not-at-baseline'],
    ],
    ['respiratory rate 16 -> 19', { baseline: { ...BASELINE, respiratoryRate: 16 }, current: { ...BASELINE, respiratoryRate: 19 } }, []],
    ['respiratory rate 16 -> 10', { baseline: { ...BASELINE, respiratoryRate: 16 }, current: { ...BASELINE, respiratoryRate: 10 } }, ['discharge.vitals-not-at-baseline']],
    ['respiratory rate at baseline, not re-checked', { baseline: { ...BASELINE, respiratoryRate: 16 } }, ['discharge.vital-not-rechecked']],
    ['respiratory rate only now: nothing to compare', { current: { ...BASELINE, respiratoryRate: 30 } }, []],
    // SpO2 has a floor, not a percentage (20 % of 98 would let 78 % pass).
    ['SpO2 98 -> 92 (at the floor)', { baseline: { ...BASELINE, spo2: 98 }, current: { ...BASELINE, spo2: 92 } }, []],
    ['SpO2 98 -> 91', { baseline: { ...BASELINE, spo2: 98 }, current: { ...BASELINE, spo2: 91 } }, ['discharge.spo2-below-minimum']],
    ['SpO2 only now, below the floor', { current: { ...BASELINE, spo2: 88 } }, ['discharge.spo2-below-minimum']],
    ['SpO2 at baseline, not re-checked', { baseline: { ...BASELINE, spo2: 98 } }, ['discharge.vital-not-rechecked']],
    // Near a high baseline is not enough: at the pause line the patient stays.
    ['178/100 -> 180/100 (at the pause line)', { baseline: { systolic: 178, diastolic: 100, heartRate: 70 }, current: { systolic: 180, diastolic: 100, heartRate: 70 } }, ['discharge.blood-pressure-at-pause-line']],
    ['160/105 -> 165/110 (diastolic at the line)', { baseline: { systolic: 160, diastolic: 105, heartRate: 70 }, current: { systolic: 165, diastolic: 110, heartRate: 70 } }, ['discharge.blood-pressure-at-pause-line']],
  ])('%s', (_, overrides, codes) => {
    const result = dischargeReadiness(visit(overrides), PRESETS.default);
    expect(result.findings.map((f) => f.code)).toEqual(codes);
    expect(result.ready).toBe(codes.length === 0);
  });

  it('says which vital is off and how far, and calls the percentage clinic-set', () => {
    const [finding] = dischargeReadiness(visit({ current: { ...BASELINE, heartRate: 96 } }), PRESETS.default).findings;
    expect(finding).toEqual({
      code: 'discharge.vitals-not-at-baseline',
      severity: 'block',
      message: 'Heart rate 96 is more than 20% from its baseline of 70: wait and re-measure before discharge.',
      source: { kind: 'clinic-default', note: 'policy discharge.vitalsWithinPercentOfBaseline' },
    });
  });

  it("follows a clinic's own percentage", () => {
    const policy = resolvePolicy('seed-004', { discharge: { vitalsWithinPercentOfBaseline: 10 } });
    expect(codesOf(visit({ current: { ...BASELINE, systolic: 135 } }), policy)).toEqual(['discharge.vitals-not-at-baseline']);
    expect(codesOf(visit({ current: { ...BASELINE, systolic: 132 } }), policy)).toEqual([]);
  });
});

describe('dischargeReadiness: someone to take the patient home (seed 000)', () => {
  it.each<[boolean | undefined, boolean, RegExp | null]>([
    [true, true, null],
    [false, false, /may not leave alone/],
    // Unknown is not yes.
    [undefined, false, /Confirm that a responsible adult/],
  ])('present: %s -> ready %s', (present, ready, message) => {
    const { responsibleAdultPresent: _, ...rest } = visit();
    const result = dischargeReadiness(present === undefined ? rest : { ...rest, responsibleAdultPresent: present }, PRESETS.default);
    expect(result.ready).toBe(ready);
    expect(result.findings.map((f) => f.message)).toEqual(message ? [expect.stringMatching(message)] : []);
    expect(result.findings.map((f) => f.source)).toEqual(message ? [expect.objectContaining({ kind: 'seed', file: '000_f7e14d6f7ed11334.txt' })] : []);
  });

  it('every preset requires one', () => {
    expect(PRESET_NAMES.filter((name) => !PRESETS[name].rules.discharge.responsibleAdultRequired)).toEqual([]);
  });

  it('is not asked for where the clinic does not require one', () => {
    const policy = resolvePolicy('default', { discharge: { responsibleAdultRequired: false } });
    const result = dischargeReadiness(visit({ responsibleAdultPresent: undefined }), policy);
    expect(result).toEqual({ ready: true, findings: [], instructions: ['Do not drive or operate heavy machinery for at least 24 hours after the infusion.'] });
  });
});

describe('dischargeReadiness: instructions (seed 004: no driving for 24 h)', () => {
  it.each(PRESET_NAMES)('%s: always given, ready or not', (name) => {
    const expected = ['Do not drive or operate heavy machinery for at least 24 hours after the infusion.', 'Go home with your designated driver or a responsible adult.'];
    expect(dischargeReadiness(visit(), PRESETS[name]).instructions).toEqual(expected);
    expect(dischargeReadiness(visit({ now: ENDED, responsibleAdultPresent: false }), PRESETS[name]).instructions).toEqual(expected);
  });

  it.each([
    [12, 'Do not drive or operate heavy machinery for at least 12 hours after the infusion.'],
    [0, 'Do not drive yourself home after the infusion.'],
  ])('a clinic-set %i hours', (hours, instruction) => {
    expect(dischargeReadiness(visit(), resolvePolicy('default', { discharge: { noDrivingHours: hours } })).instructions[0]).toBe(instruction);
  });
});

describe('dischargeReadiness: findings', () => {
  it('lists every reason at once in a fixed order', () => {
    const input = visit({ now: minutesAfter(5), current: { systolic: 150, diastolic: 80, heartRate: 70, spo2: 90 }, responsibleAdultPresent: undefined });
    expect(codesOf(input)).toEqual([
      'discharge.recovery-time-not-met',
      'discharge.responsible-adult-not-confirmed',
      'discharge.spo2-below-minimum',
      'discharge.vitals-not-at-baseline',
    ]);
  });

  it('property: swapping which vitals were measured does not reorder the findings', () => {
    const vitals = fc.record({ systolic: fc.integer({ min: 90, max: 200 }), diastolic: fc.integer({ min: 50, max: 120 }), heartRate: fc.integer({ min: 40, max: 140 }) });
    fc.assert(fc.property(vitals, vitals, (baseline, current) => {
      const reversed = Object.fromEntries(Object.entries(current).reverse()) as typeof current;
      expect(dischargeReadiness(visit({ baseline, current: reversed }), PRESETS.default)).toEqual(dischargeReadiness(visit({ baseline, current }), PRESETS.default));
    }));
  });
});

describe('dischargeReadiness: invalid input raises a validation error naming the field', () => {
  it.each<[string, Partial<DischargeInput> | Record<string, unknown>, string]>([
    ['now before the infusion ended', { now: minutesAfter(-1) }, 'now'],
    ['a date that is not an instant', { infusionEndedAt: '2026-03-02' }, 'infusionEndedAt'],
    ['an impossible date', { now: '2026-02-30T15:30:00Z' }, 'now'],
    ['a baseline without a heart rate', { baseline: { systolic: 120, diastolic: 80 } }, 'baseline.heartRate'],
    ['a current systolic of 1000', { current: { ...BASELINE, systolic: 1000 } }, 'current.systolic'],
    ['a NaN SpO2', { current: { ...BASELINE, spo2: Number.NaN } }, 'current.spo2'],
    ['"yes" for the responsible adult', { responsibleAdultPresent: 'yes' }, 'responsibleAdultPresent'],
  ])('%s', (_, overrides, field) => {
    expect(issuesOf(() => dischargeReadiness({ ...visit(), ...overrides } as DischargeInput, PRESETS.default)).map((i) => i.field)).toEqual([field]);
  });
});
