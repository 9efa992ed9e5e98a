import fc from 'fast-check';
import { PRESET_NAMES, PRESETS } from '../policy/presets';
import { resolvePolicy } from '../policy/resolve-policy';
import { vitalsAlerts, type VitalsReading } from './vitals-alerts';
import { issuesOf } from '../../test/issues-of';


const codes = (reading: VitalsReading, policy = PRESETS.default) => vitalsAlerts(reading, policy).map((f) => [f.code, f.severity]);

describe('vitalsAlerts (default lines: pause at 180/110, heart rate 50-120, SpO2 92, breathing 10-24)', () => {
  it.each(PRESET_NAMES)('preset %s keeps the default monitoring lines, so this table holds for it too', (name) => {
    expect(PRESETS[name].rules.monitoring).toEqual(PRESETS.default.rules.monitoring);
  });

  it.each<[string, VitalsReading, string[][]]>([
    ['nothing measured', {}, []],
    ['a normal reading', { systolic: 128, diastolic: 82, heartRate: 72, spo2: 98, respiratoryRate: 14 }, []],
    // Blood pressure: at the line counts as high; two high readings pause, one asks for a re-measure.
    ['179/109 once', { systolic: 179, diastolic: 109 }, []],
    ['180/90 once (systolic at the line)', { systolic: 180, diastolic: 90 }, [['monitoring.blood-pressure-remeasure', 'warn']]],
    ['150/110 once (diastolic at the line)', { systolic: 150, diastolic: 110 }, [['monitoring.blood-pressure-remeasure', 'warn']]],
    ['only a systolic, at the line', { systolic: 180 }, [['monitoring.blood-pressure-remeasure', 'warn']]],
    ['only a diastolic, under the line', { diastolic: 100 }, []],
    ['180/100, then 180/100', { systolic: 180, diastolic: 100, repeatedSystolic: 180, repeatedDiastolic: 100 }, [['monitoring.blood-pressure-pause', 'block']]],
    ['190/100, then 150/112 (a different number high each time)', { systolic: 190, diastolic: 100, repeatedSystolic: 150, repeatedDiastolic: 112 }, [['monitoring.blood-pressure-pause', 'block']]],
    ['190/100, then 170/100', { systolic: 190, diastolic: 100, repeatedSystolic: 170, repeatedDiastolic: 100 }, [['monitoring.blood-pressure-remeasure', 'warn']]],
    ['170/100, then 190/100', { systolic: 170, diastolic: 100, repeatedSystolic: 190, repeatedDiastolic: 100 }, [['monitoring.blood-pressure-remeasure', 'warn']]],
    ['only a high repeat', { repeatedSystolic: 185, repeatedDiastolic: 100 }, [['monitoring.blood-pressure-remeasure', 'warn']]],
    ['170/100, then 175/105', { systolic: 170, diastolic: 100, repeatedSystolic: 175, repeatedDiastolic: 105 }, []],
    // Heart rate, respiratory rate: the limits themselves are in range.
    ['heart rate 50', { heartRate: 50 }, []],
    ['heart rate 49', { heartRate: 49 }, [['monitoring.heart-rate-low', 'review']]],
    ['heart rate 120', { heartRate: 120 }, []],
    ['heart rate 121', { heartRate: 121 }, [['monitoring.heart-rate-high', 'review']]],
    ['respiratory rate 10', { respiratoryRate: 10 }, []],
    ['respiratory rate 9', { respiratoryRate: 9 }, [['monitoring.respiratory-rate-low', 'review']]],
    ['respiratory rate 24', { respiratoryRate: 24 }, []],
    ['respiratory rate 25', { respiratoryRate: 25 }, [['monitoring.respiratory-rate-high', 'review']]],
    // SpO2: the floor itself is fine.
    ['SpO2 92', { spo2: 92 }, []],
    ['SpO2 91.9', { spo2: 91.9 }, [['monitoring.spo2-low', 'block']]],
    [
      'everything at once, most severe first',
      { systolic: 200, diastolic: 120, repeatedSystolic: 195, repeatedDiastolic: 118, heartRate: 130, spo2: 88, respiratoryRate: 8 },
      [['monitoring.blood-pressure-pause', 'block'], ['monitoring.spo2-low', 'block'], ['monitoring.heart-rate-high', 'review'], ['monitoring.respiratory-rate-low', 'review']],
    ],
  ])('%s', (_, reading, expected) => {
    expect(codes(reading)).toEqual(expected);
  });
});

describe('vitalsAlerts: messages and sources', () => {
  it('says what to do and cites DOMAIN.md §4.4 for the pause line', () => {
    const [pause] = vitalsAlerts({ systolic: 185, diastolic: 100, repeatedSystolic: 182, repeatedDiastolic: 100 }, PRESETS.default);
    expect(pause).toEqual({
      code: 'monitoring.blood-pressure-pause',
      severity: 'block',
      message: 'Blood pressure is at or above 180/110 on the reading and its repeat: pause the infusion; a clinician decides when to resume.',
      source: { kind: 'domain', section: '§4.4 (pause if >180/110 on repeat measurement)' },
    });
  });

  it('uses and cites a clinic-set line, the one that was crossed', () => {
    const policy = resolvePolicy('default', { monitoring: { pauseBloodPressure: { diastolic: 100 } } });
    const findings = vitalsAlerts({ systolic: 150, diastolic: 100 }, policy);
    expect(findings).toEqual([expect.objectContaining({ code: 'monitoring.blood-pressure-remeasure', source: { kind: 'clinic-default', note: 'adjusted by the clinic' } })]);
    expect(findings[0]?.message).toContain('180/100');
    expect(vitalsAlerts({ systolic: 180, diastolic: 80 }, policy)[0]?.source).toEqual({ kind: 'domain', section: expect.stringContaining('§4.4') });
  });

  it('calls the heart-rate, breathing and SpO2 limits clinic-set (no source gives them)', () => {
    const findings = vitalsAlerts({ heartRate: 40, respiratoryRate: 30, spo2: 90 }, PRESETS.default);
    expect(findings.map((f) => f.source.kind)).toEqual(['clinic-default', 'clinic-default', 'clinic-default']);
    expect(findings.map((f) => f.message)).toEqual([
      'SpO2 90% is below 92%: pause the infusion, check breathing and the probe, and re-measure.',
      "Heart rate 40/min is below the clinic's range (50-120): a clinician assesses the patient and re-checks it.",
      "Respiratory rate 30/min is above the clinic's range (10-24): a clinician assesses the patient and re-checks it.",
    ]);
  });

  it('follows a clinic that changes its heart-rate range', () => {
    const policy = resolvePolicy('seed-004', { monitoring: { heartRate: { min: 50, max: 100 } } });
    expect(codes({ heartRate: 110 }, policy)).toEqual([['monitoring.heart-rate-high', 'review']]);
    expect(codes({ heartRate: 110 })).toEqual([]);
  });
});

describe('vitalsAlerts: invalid readings raise a validation error naming the field', () => {
  it.each<[string, unknown, string]>([
    ['a systolic of 1200', { systolic: 1200 }, 'systolic'],
    ['a fractional diastolic', { diastolic: 80.5 }, 'diastolic'],
    ['a negative heart rate', { heartRate: -1 }, 'heartRate'],
    ['SpO2 as a fraction', { spo2: 0.97 }, 'spo2'],
    ['SpO2 over 100', { spo2: 101 }, 'spo2'],
    ['NaN', { respiratoryRate: Number.NaN }, 'respiratoryRate'],
    ['a bad repeat', { repeatedSystolic: 30 }, 'repeatedSystolic'],
    ['an unknown field', { hr: 80 }, 'hr'],
  ])('%s', (_, reading, field) => {
    expect(issuesOf(() => vitalsAlerts(reading as VitalsReading, PRESETS.default)).map((i) => i.field)).toEqual([field]);
  });
});

describe('vitalsAlerts: properties', () => {
  const reading = fc.record({
    systolic: fc.integer({ min: 90, max: 220 }),
    diastolic: fc.integer({ min: 50, max: 130 }),
    repeatedSystolic: fc.integer({ min: 90, max: 220 }),
    repeatedDiastolic: fc.integer({ min: 50, max: 130 }),
    heartRate: fc.integer({ min: 30, max: 160 }),
    spo2: fc.integer({ min: 80, max: 100 }),
    respiratoryRate: fc.integer({ min: 4, max: 40 }),
  }, { requiredKeys: [] });

  it('does not depend on the order of the fields, nor on which blood pressure was taken first', () => {
    fc.assert(fc.property(reading, fc.infiniteStream(fc.nat()), (r, ranks) => {
      const expected = vitalsAlerts(r, PRESETS.default);
      const shuffled = Object.fromEntries(Object.entries(r).map((e) => [ranks.next().value as number, e] as const).sort((a, b) => a[0] - b[0]).map(([, e]) => e));
      expect(vitalsAlerts(shuffled, PRESETS.default)).toEqual(expected);
      const { systolic, diastolic, repeatedSystolic, repeatedDiastolic, ...rest } = r;
      const swapped = { ...rest, systolic: repeatedSystolic, diastolic: repeatedDiastolic, repeatedSystolic: systolic, repeatedDiastolic: diastolic };
      const defined = Object.fromEntries(Object.entries(swapped).filter(([, v]) => v !== undefined));
      expect(vitalsAlerts(defined, PRESETS.default)).toEqual(expected);
    }));
  });
});
