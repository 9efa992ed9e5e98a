import { DomainError } from '@keta/errors';
import fc from 'fast-check';
import { PRESETS } from '../policy/presets';
import type { EligibilityInput } from './eligibility-input';
import { screenEligibility } from './screen-eligibility';

const MDD = { system: 'http://snomed.info/sct', code: '370143000' };
const CRPS = { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'G90.50' };
const AUD = { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F10.20' };

/** Every question answered "no", a normal blood pressure: an eligible depression referral. */
const clean: EligibilityInput = {
  indication: MDD,
  sex: 'female',
  conditions: [{ system: MDD.system, code: MDD.code, clinicalStatus: 'active' }],
  bloodPressure: [{ systolic: 124, diastolic: 78, at: '2026-11-20T10:00:00Z' }],
  attestations: {
    failedStandardTreatment: true, seeingMentalHealthProvider: true, activeSubstanceUse: false, historyOfPsychosis: false,
    increasedIntracranialPressure: false, uncontrolledHypertension: false, unstableCardiovascularDisease: false,
    previousNegativeKetamineResponse: false, ketamineAbuseDisorder: false, pregnant: false,
  },
};
const seed003 = PRESETS['seed-003'];
const codes = (input: EligibilityInput, policy = seed003) => screenEligibility(input, policy).findings.map((f) => f.code);
type Condition = NonNullable<EligibilityInput['conditions']>[number];
const withCondition = (condition: Condition) => ({ ...clean, conditions: [...(clean.conditions ?? []), condition] });
const attested = (answers: object) => ({ ...clean, attestations: { ...clean.attestations, ...answers } });

describe('eligibility (seed 003 exclusion criteria)', () => {
  it('finds a fully answered, clean referral eligible', () => {
    expect(screenEligibility(clean, seed003)).toMatchObject({ outcome: 'eligible', indicationGroup: 'depression', findings: [] });
  });

  it.each([
    ['active alcohol dependence (SNOMED)', withCondition({ system: 'http://snomed.info/sct', code: '66590003', clinicalStatus: 'active' }), 'eligibility.active-substance-use'],
    ['attested active substance use', attested({ activeSubstanceUse: true }), 'eligibility.active-substance-use'],
    ['schizophrenia (F20.9), even resolved', withCondition({ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F20.9', clinicalStatus: 'resolved' }), 'eligibility.history-of-psychosis'],
    ['psychosis named in free text', withCondition({ display: 'Brief psychotic episode, 2019', clinicalStatus: 'resolved' }), 'eligibility.history-of-psychosis'],
    ['no mental-health provider', attested({ seeingMentalHealthProvider: false }), 'eligibility.no-mental-health-provider'],
    ['raised intracranial pressure by name', withCondition({ display: 'Idiopathic intracranial hypertension', clinicalStatus: 'inactive' }), 'eligibility.increased-intracranial-pressure'],
    ['hypertensive crisis I16.9', withCondition({ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'I16.9', clinicalStatus: 'active' }), 'eligibility.uncontrolled-hypertension'],
    ['unstable angina', withCondition({ display: 'Unstable angina', clinicalStatus: 'active' }), 'eligibility.unstable-cardiovascular-disease'],
    ['previous negative response', attested({ previousNegativeKetamineResponse: true }), 'eligibility.previous-negative-ketamine-response'],
    ['ketamine dependence (SNOMED 724715004), in remission', withCondition({ system: 'http://snomed.info/sct', code: '724715004', clinicalStatus: 'remission' }), 'eligibility.ketamine-abuse-disorder'],
    ['pregnancy (ICD O-code)', withCondition({ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'O09.90', clinicalStatus: 'active' }), 'eligibility.pregnancy'],
    ['attested pregnancy', attested({ pregnant: true }), 'eligibility.pregnancy'],
  ])('%s makes the patient ineligible', (_case, input, code) => {
    const result = screenEligibility(input, seed003);
    expect(result.outcome).toBe('ineligible');
    expect(result.findings.filter((f) => f.severity === 'block').map((f) => f.code)).toEqual([code]);
    expect(result.findings[0]?.source).toMatchObject({ kind: expect.stringMatching(/seed|domain/) });
  });

  it('ignores substance use that is over, and pregnancy for a male patient', () => {
    expect(screenEligibility(withCondition({ system: 'http://snomed.info/sct', code: '66590003', clinicalStatus: 'remission' }), seed003).outcome).toBe('eligible');
    const male = { ...clean, sex: 'male' as const, attestations: { ...clean.attestations, pregnant: undefined } };
    expect(screenEligibility(male, seed003).outcome).toBe('eligible');
  });

  it('says what the finding rests on, preferring a coded condition over a named one, whatever their order', () => {
    const named = { display: 'Psychotic episode', clinicalStatus: 'resolved' as const };
    const coded = { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F29', clinicalStatus: 'resolved' as const };
    const message = (conditions: Condition[]) => screenEligibility({ ...clean, conditions }, seed003).findings[0]?.message;
    expect(message([named, coded])).toBe('Not eligible: a history of psychosis (condition F29).');
    expect(message([coded, named])).toBe('Not eligible: a history of psychosis (condition F29).');
    expect(message([named])).toBe('Not eligible: a history of psychosis (condition named in the record).');
    expect(screenEligibility(attested({ historyOfPsychosis: true }), seed003).findings[0]?.message).toBe('Not eligible: a history of psychosis (attested).');
  });

  it('flags a match on a code DOMAIN.md marks unverified', () => {
    const result = screenEligibility(withCondition({ system: 'http://snomed.info/sct', code: '69322001', clinicalStatus: 'active' }), seed003);
    expect(result.findings[0]?.message).toContain('marks unverified');
  });

  it('treats an unknown fact as unknown, not as "no": every unanswered question is for review', () => {
    const result = screenEligibility({ indication: MDD, bloodPressure: clean.bloodPressure }, seed003);
    expect(result.outcome).toBe('needs-review');
    expect(result.findings.map((f) => f.code)).toEqual([
      'eligibility.active-substance-use-unknown', 'eligibility.history-of-psychosis-unknown',
      'eligibility.increased-intracranial-pressure-unknown', 'eligibility.ketamine-abuse-disorder-unknown',
      'eligibility.mental-health-provider-unknown', 'eligibility.pregnancy-unknown',
      'eligibility.previous-negative-ketamine-response-unknown', 'eligibility.treatment-history-unknown',
      'eligibility.unstable-cardiovascular-disease-unknown',
    ]);
  });

  it.each([
    [{ systolic: 179, diastolic: 99 }, 'eligibility.elevated-blood-pressure', 'needs-review'],
    [{ systolic: 180, diastolic: 80 }, 'eligibility.uncontrolled-hypertension', 'ineligible'],
    [{ systolic: 150, diastolic: 100 }, 'eligibility.uncontrolled-hypertension', 'ineligible'],
    [{ systolic: 160, diastolic: 70 }, 'eligibility.elevated-blood-pressure', 'needs-review'],
    [{ systolic: 159, diastolic: 89 }, undefined, 'eligible'],
  ])('blood pressure %j gives %s', (bp, code, outcome) => {
    const result = screenEligibility({ ...clean, bloodPressure: [{ ...bp, at: '2026-11-21T10:00:00Z' }] }, seed003);
    expect(result.outcome).toBe(outcome);
    expect(result.findings.map((f) => f.code)).toEqual(code ? [code] : []);
  });

  it('judges by the latest reading, and asks for one when hypertension is known', () => {
    const readings = [{ systolic: 190, diastolic: 105, at: '2026-11-01T10:00:00Z' }, { systolic: 130, diastolic: 80, at: '2026-11-20T10:00:00Z' }];
    expect(screenEligibility({ ...clean, bloodPressure: readings }, seed003).outcome).toBe('eligible');
    const hypertensive = { ...withCondition({ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'I10', clinicalStatus: 'active' }), bloodPressure: [] };
    expect(codes(hypertensive)).toEqual(['eligibility.blood-pressure-unknown']);
    expect(codes({ ...clean, bloodPressure: [], attestations: { ...clean.attestations, uncontrolledHypertension: undefined } })).toEqual(['eligibility.blood-pressure-unknown']);
  });
});

describe('candidacy by clinic policy', () => {
  it.each([
    ['seed-002 treats chronic pain only', 'seed-002', MDD, 'eligibility.condition-not-treated'],
    ['seed-001 does not treat chronic pain', 'seed-001', CRPS, 'eligibility.condition-not-treated'],
    ['seed-003 does not treat alcohol use disorder', 'seed-003', AUD, 'eligibility.condition-not-treated'],
  ] as const)('%s', (_case, preset, indication, code) => {
    expect(codes({ ...clean, indication }, PRESETS[preset])).toContain(code);
  });

  it('seed-004 treats alcohol use disorder and reviews active alcohol use instead of excluding it', () => {
    const input = { ...withCondition({ system: AUD.system, code: AUD.code, clinicalStatus: 'active' }), indication: AUD };
    const result = screenEligibility(input, PRESETS['seed-004']);
    expect(result.outcome).toBe('needs-review');
    expect(result.findings.map((f) => [f.code, f.severity])).toEqual([['eligibility.active-substance-use', 'review']]);
    expect(screenEligibility(input, seed003).outcome).toBe('ineligible');
  });

  it('seed-000 treats addiction: alcohol use disorder is a condition it takes, active use goes to review', () => {
    const input = { ...withCondition({ system: AUD.system, code: AUD.code, clinicalStatus: 'active' }), indication: AUD };
    expect(screenEligibility(input, PRESETS['seed-000']).findings.map((f) => [f.code, f.severity])).toEqual([['eligibility.active-substance-use', 'review']]);
    expect(codes({ ...clean, indication: { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F42.2' } }, PRESETS['seed-000'])).toEqual(['eligibility.condition-not-treated']);
  });

  it.each(['seed-001', 'seed-004'] as const)('%s requires that standard treatments failed', (preset) => {
    expect(codes(attested({ failedStandardTreatment: false }), PRESETS[preset])).toEqual(['eligibility.not-treatment-resistant']);
  });

  it('does not ask a chronic-pain patient about a mental-health provider', () => {
    const pain = { ...clean, indication: CRPS, attestations: { ...clean.attestations, seeingMentalHealthProvider: undefined } };
    expect(screenEligibility(pain, seed003).outcome).toBe('eligible');
  });

  it('raises a typed error naming the field for input it cannot trust', () => {
    const fields = (input: unknown) => {
      try {
        screenEligibility(input as EligibilityInput, seed003);
      } catch (error) {
        return (error as DomainError).issues.map((i) => i.field);
      }
      return [];
    };
    expect(fields({ ...clean, indication: { system: MDD.system, code: '000' } })).toEqual(['indication.code']);
    expect(fields({ ...clean, conditions: [{ clinicalStatus: 'active' }] })).toEqual(['conditions.0']);
    expect(fields({ ...clean, bloodPressure: [{ systolic: -5, diastolic: 80, at: '2026-11-20T10:00:00Z' }] })).toEqual(['bloodPressure.0.systolic']);
    expect(fields({ ...clean, attestations: { pregnant: 'maybe' } })).toEqual(['attestations.pregnant']);
    expect(fields({ ...clean, colour: 'red' })).toEqual(['colour']);
  });
});

describe('screening is a function of its facts, not their order', () => {
  const conditionPool = [
    { system: 'http://snomed.info/sct', code: '66590003', clinicalStatus: 'remission' as const },
    { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'I10', clinicalStatus: 'active' as const },
    { display: 'Schizophrenia', clinicalStatus: 'resolved' as const },
    { system: 'http://snomed.info/sct', code: '77386006', clinicalStatus: 'active' as const },
    { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F33.1', clinicalStatus: 'active' as const },
  ];
  const readingPool = [
    { systolic: 170, diastolic: 95, at: '2026-11-20T10:00:00Z' },
    { systolic: 120, diastolic: 70, at: '2026-11-20T10:00:00Z' },
    { systolic: 185, diastolic: 90, at: '2026-11-19T10:00:00Z' },
  ];

  it('gives the same result for any permutation, every time', () => {
    fc.assert(
      fc.property(fc.subarray(conditionPool), fc.subarray(readingPool), fc.constantFrom(...Object.values(PRESETS)), (conditions, readings, policy) => {
        const input = { ...clean, conditions, bloodPressure: readings };
        const reversed = { ...clean, conditions: [...conditions].reverse(), bloodPressure: [...readings].reverse() };
        const first = screenEligibility(input, policy);
        expect(screenEligibility(reversed, policy)).toEqual(first);
        expect(screenEligibility(input, policy)).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });
});
