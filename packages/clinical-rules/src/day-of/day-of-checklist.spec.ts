import { PRESETS } from '../policy/presets';
import { dayOfChecklist } from './day-of-checklist';
import type { DayOfInput } from './day-of-input';

/** A 09:00 infusion in New York on Monday 2026-03-09, the day after the clocks went forward. */
const ready: DayOfInput = {
  appointmentStart: '2026-03-09T13:00:00Z',
  timeZone: 'America/New_York',
  treatmentConsent: { status: 'active', signedAt: '2026-03-01T15:00:00Z' },
  lastFoodAt: '2026-03-09T02:00:00Z',
  lastLiquidAt: '2026-03-09T10:00:00Z',
  lastWaterAt: '2026-03-09T10:30:00Z',
  driverConfirmed: true,
  medications: [],
  bloodPressure: { systolic: 128, diastolic: 82 },
  pregnancy: 'not-pregnant',
  consultationHeldAt: '2026-03-02T15:00:00Z',
};
const check = (change: Partial<DayOfInput>, preset: keyof typeof PRESETS = 'default') => dayOfChecklist({ ...ready, ...change }, PRESETS[preset]);
const codes = (change: Partial<DayOfInput>, preset: keyof typeof PRESETS = 'default') => check(change, preset).findings.map((f) => f.code);

describe('day-of-infusion checklist', () => {
  it('says go when everything is in order', () => {
    expect(check({})).toEqual({ go: true, findings: [] });
  });

  it('blocks until the consultation the policy holds first has taken place; seed 003 holds none', () => {
    expect(check({ consultationHeldAt: undefined })).toMatchObject({ go: false, findings: [{ code: 'day-of.consultation-missing', severity: 'block' }] });
    expect(codes({ consultationHeldAt: '2026-03-09T13:30:00Z' })).toEqual(['day-of.consultation-missing']);
    expect(codes({ consultationHeldAt: '2026-03-09T13:00:00Z' })).toEqual([]);
    expect(codes({ consultationHeldAt: undefined }, 'seed-003')).toEqual([]);
    expect(check({ consultationHeldAt: undefined }).findings[0]).toMatchObject({
      message: 'The clinic\'s policy asks for a consultation before treatment, and none has taken place.', source: { kind: 'seed', section: '14. How do I get started' },
    });
  });

  it('takes a consent that lapses after the infusion, and says why each consent finding stops it', () => {
    expect(check({ treatmentConsent: { status: 'active', signedAt: '2026-03-01T15:00:00Z', expiresAt: '2026-03-09T13:00:01Z' } })).toEqual({ go: true, findings: [] });
    expect(check({ treatmentConsent: undefined }).findings[0]?.message).toBe('There is no active treatment consent: have the patient sign it before the infusion.');
    expect(check({ treatmentConsent: { status: 'active', signedAt: '2026-03-09T14:00:00Z' } }).findings[0]?.message).toBe('The treatment consent is dated after the infusion start.');
    expect(check({ treatmentConsent: { status: 'active', expiresAt: '2026-03-09T13:00:00Z' } }).findings[0]?.message).toBe('The treatment consent has expired: have the patient sign it again.');
  });

  it.each([
    [{ treatmentConsent: undefined }, 'day-of.treatment-consent-missing'],
    [{ treatmentConsent: { status: 'revoked' as const } }, 'day-of.treatment-consent-missing'],
    [{ treatmentConsent: { status: 'active' as const, signedAt: '2026-03-09T14:00:00Z' } }, 'day-of.treatment-consent-missing'],
    [{ treatmentConsent: { status: 'active' as const, expiresAt: '2026-03-09T13:00:00Z' } }, 'day-of.treatment-consent-expired'],
    [{ driverConfirmed: undefined }, 'day-of.driver-missing'],
    [{ bloodPressure: undefined }, 'day-of.blood-pressure-unknown'],
    [{ bloodPressure: { systolic: 180, diastolic: 70 } }, 'day-of.blood-pressure-high'],
    [{ bloodPressure: { systolic: 120, diastolic: 100 } }, 'day-of.blood-pressure-high'],
    [{ bloodPressure: { systolic: 160, diastolic: 70 } }, 'day-of.blood-pressure-elevated'],
    [{ pregnancy: 'pregnant' as const }, 'day-of.pregnant'],
    [{ pregnancy: undefined }, 'day-of.pregnancy-unknown'],
    [{ lastFoodAt: undefined }, 'day-of.fasting-food-unknown'],
  ])('%j is a no-go: %s', (change, code) => {
    const result = check(change);
    expect(result.go).toBe(false);
    expect(result.findings.map((f) => f.code)).toEqual([code]);
  });

  it('passes 159/99 and not-applicable pregnancy', () => {
    expect(check({ bloodPressure: { systolic: 159, diastolic: 89 }, pregnancy: 'not-applicable' }).go).toBe(true);
  });

  describe('fasting, by policy', () => {
    // 6 h of food before 09:00 EDT: the last meal by 03:00 EDT = 07:00Z.
    it.each([
      ['default (6 h food)', 'default', '2026-03-09T07:00:00Z', true],
      ['default (6 h food), one minute short', 'default', '2026-03-09T07:01:00Z', false],
      ['seed-001 (4 h minimum)', 'seed-001', '2026-03-09T09:00:00Z', true],
      ['seed-004 (3 h)', 'seed-004', '2026-03-09T10:00:00Z', true],
      ['seed-004 (3 h), short', 'seed-004', '2026-03-09T10:30:00Z', false],
    ] as const)('%s: last food at %s → ok %s', (_case, preset, lastFoodAt, ok) => {
      const liquids = preset === 'seed-004' ? { lastLiquidAt: '2026-03-09T09:30:00Z' } : {};
      expect(codes({ lastFoodAt, ...liquids }, preset).includes('day-of.fasting-food')).toBe(!ok);
    });

    it('counts real hours across the spring-forward night (a 02:00-03:00 hour that never happened)', () => {
      // Food at 23:30 EST on 03-07 (04:30Z); the infusion at 05:00 EDT on 03-08 (09:00Z) is 4.5 h later, not 5.5.
      const result = dayOfChecklist({ ...ready, appointmentStart: '2026-03-08T09:00:00Z', lastFoodAt: '2026-03-08T04:30:00Z', lastLiquidAt: '2026-03-08T04:30:00Z', lastWaterAt: '2026-03-08T04:30:00Z' }, PRESETS['seed-001']);
      expect(result.findings.map((f) => f.code)).toEqual([]);
      const longer = dayOfChecklist({ ...ready, appointmentStart: '2026-03-08T09:00:00Z', lastFoodAt: '2026-03-08T04:30:00Z', lastLiquidAt: '2026-03-08T04:30:00Z', lastWaterAt: '2026-03-08T04:30:00Z' }, PRESETS.default);
      expect(longer.findings.map((f) => f.code)).toEqual(['day-of.fasting-food']);
      expect(longer.findings[0]?.message).toContain('wait 90 more minutes');
    });

    it('allows water where the policy does (seed 004) and not where it does not', () => {
      expect(codes({ lastWaterAt: '2026-03-09T12:50:00Z', lastLiquidAt: '2026-03-09T09:00:00Z', lastFoodAt: '2026-03-09T09:00:00Z' }, 'seed-004')).toEqual([]);
      expect(codes({ lastWaterAt: '2026-03-09T12:50:00Z' }, 'default')).toEqual(['day-of.fasting-water']);
      expect(codes({ lastLiquidAt: '2026-03-09T12:00:00Z' }, 'default')).toEqual(['day-of.fasting-liquids']);
      expect(codes({ lastLiquidAt: undefined }, 'default')).toEqual(['day-of.fasting-liquids-unknown']);
    });
  });

  describe('held medications', () => {
    it.each([
      // seed 002 holds from 18:00 New York time the evening before (Sunday 03-08, EDT = 22:00Z).
      ['seed-002: the evening before, after 18:00', 'seed-002', '2026-03-08T22:30:00Z', 'warn'],
      ['seed-002: the afternoon before', 'seed-002', '2026-03-08T21:30:00Z', undefined],
      ['seed-004: the evening before is fine (hold on the day only)', 'seed-004', '2026-03-09T03:30:00Z', undefined],
      ['seed-004: after midnight of the infusion day', 'seed-004', '2026-03-09T04:30:00Z', 'warn'],
      ['seed-003: continue, never a finding', 'seed-003', '2026-03-09T12:00:00Z', undefined],
    ] as const)('%s', (_case, preset, lastDoseAt, severity) => {
      const result = check({ medications: [{ name: 'Xanax 0.5 mg', lastDoseAt }] }, preset);
      expect(result.findings.map((f) => f.severity)).toEqual(severity ? [severity] : []);
      expect(result.go).toBe(true);
    });

    it('blocks where the policy says a held medication blocks, and asks when the last dose is unknown', () => {
      const strict = { ...PRESETS.default, rules: { ...PRESETS.default.rules, medications: { ...PRESETS.default.rules.medications, benzodiazepine: { instruction: 'hold-day-of' as const, ifTaken: 'block' as const } } } };
      const taken = dayOfChecklist({ ...ready, medications: [{ name: 'Ativan', lastDoseAt: '2026-03-09T11:00:00Z' }] }, strict);
      expect(taken).toMatchObject({ go: false, findings: [{ code: 'day-of.held-medication-taken', severity: 'block' }] });
      expect(codes({ medications: [{ name: 'Ativan' }] })).toEqual(['day-of.held-medication-unknown']);
      expect(dayOfChecklist({ ...ready, medications: [{ name: 'Ativan' }] }, PRESETS.default)).toMatchObject({ go: true, findings: [{ severity: 'warn' }] });
      // Where taking it blocks, nobody knowing when it was last taken blocks too.
      expect(dayOfChecklist({ ...ready, medications: [{ name: 'Ativan' }] }, strict)).toMatchObject({ go: false, findings: [{ code: 'day-of.held-medication-unknown', severity: 'block' }] });
      expect(codes({ medications: [{ name: 'Sertraline', lastDoseAt: '2026-03-09T11:00:00Z' }] })).toEqual([]);
    });
  });

  it('names invalid input', () => {
    expect(() => dayOfChecklist({ ...ready, timeZone: 'Mars/Base' }, PRESETS.default)).toThrow('The rule input is invalid');
    expect(() => dayOfChecklist({ ...ready, lastFoodAt: 'yesterday' }, PRESETS.default)).toThrow('The rule input is invalid');
  });
});
