import { PRESETS } from '../policy/presets';
import { screenReferral, type ReferralScreeningInput } from './screen-referral';

const MDD = { system: 'http://snomed.info/sct', code: '370143000' };
const ALL_CLEAR = {
  failedStandardTreatment: true, seeingMentalHealthProvider: true, activeSubstanceUse: false, historyOfPsychosis: false,
  increasedIntracranialPressure: false, uncontrolledHypertension: false, unstableCardiovascularDisease: false,
  previousNegativeKetamineResponse: false, ketamineAbuseDisorder: false, pregnant: false,
};
const ready: ReferralScreeningInput = {
  indication: MDD, sex: 'female', conditions: [], bloodPressure: [{ systolic: 122, diastolic: 78, at: '2026-11-20T10:00:00Z' }],
  attestations: ALL_CLEAR, medications: [], hasLetter: true,
};
const screen = (change: Partial<ReferralScreeningInput>, preset: keyof typeof PRESETS = 'seed-003') => screenReferral({ ...ready, ...change }, PRESETS[preset]);

describe('screening a referral at intake', () => {
  it('accepts a referral that brings everything and meets no exclusion', () => {
    expect(screen({})).toEqual({ decision: 'accepted', findings: [], medicationFindings: [] });
  });

  it('declines on an exclusion criterion, saying why, even when information is missing too', () => {
    const result = screen({ conditions: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F20.9', clinicalStatus: 'active' }], hasLetter: false });
    expect(result.decision).toBe('declined');
    expect(result.reason).toMatch(/^Not eligible: a history of psychosis/);
    expect(result.reason).not.toMatch(/letter/);
    expect(result.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['eligibility.history-of-psychosis', 'referral.mental-health-letter-missing']));
  });

  it('needs information when nobody has answered the screening questions, and asks them', () => {
    const result = screen({ attestations: {} });
    expect(result.decision).toBe('needs-information');
    expect(result.reason).toContain('Is the patient pregnant?');
    expect(result.findings.every((f) => f.severity === 'review')).toBe(true);
  });

  it('needs the letter from the treating provider', () => {
    const result = screen({ hasLetter: false });
    expect(result).toMatchObject({ decision: 'needs-information', reason: 'Ask the treating mental-health provider for a referral letter.' });
  });

  it('records medication interactions without holding the referral back', () => {
    const result = screen({ medications: [{ name: 'sertraline' }, { rxnorm: '197901', name: 'lorazepam 1 MG Oral Tablet' }] });
    expect(result.decision).toBe('accepted');
    expect(result.medicationFindings.map((f) => f?.code ?? null)).toEqual([null, 'medication.benzodiazepine']);
    expect(result.findings).toEqual([]);
  });

  it('never holds a referral for the consultation, which follows acceptance (seed 001)', () => {
    const result = screen({}, 'seed-001');
    expect(result.decision).toBe('accepted');
    expect(result.findings.map((f) => f.code)).not.toContain('referral.consultation-needed');
  });

  it('reads ongoing treatment from whether the patient sees a mental-health provider', () => {
    const result = screen({ attestations: { ...ALL_CLEAR, seeingMentalHealthProvider: undefined } });
    expect(result.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['eligibility.mental-health-provider-unknown', 'referral.mental-health-treatment-unknown']));
  });
});
