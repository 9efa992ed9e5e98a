import { DomainError } from '@keta/errors';
import { PRESETS } from '../policy/presets';
import { referralRequirements, type ReferralRequirementsInput } from './referral-requirements';

const MDD = { system: 'http://snomed.info/sct', code: '370143000' };
const FIBROMYALGIA = { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'M79.7' };
const codes = (input: ReferralRequirementsInput, preset: keyof typeof PRESETS) =>
  referralRequirements(input, PRESETS[preset]).findings.map((f) => `${f.severity}:${f.code}`);

describe('referral requirements', () => {
  it('seed 003: a mental-health referral is complete with the letter and ongoing treatment', () => {
    const result = referralRequirements({ indication: MDD, documents: { mentalHealthReferralLetter: true }, inMentalHealthTreatment: true }, PRESETS['seed-003']);
    expect(result).toEqual({ complete: true, findings: [] });
  });

  it.each([
    [{ indication: MDD }, 'seed-003', ['block:referral.mental-health-letter-missing', 'review:referral.mental-health-treatment-unknown']],
    [{ indication: MDD, documents: { mentalHealthReferralLetter: true }, inMentalHealthTreatment: false }, 'seed-003', ['block:referral.not-in-mental-health-treatment']],
    [{ indication: FIBROMYALGIA, inMentalHealthTreatment: true }, 'seed-003', ['review:referral.pain-management-referral-missing']],
    [{ indication: FIBROMYALGIA, inMentalHealthTreatment: false, documents: { painManagementReferral: true } }, 'seed-003', ['block:referral.mental-health-evaluation-missing']],
    [{ indication: FIBROMYALGIA, documents: { painManagementReferral: true } }, 'seed-003', ['review:referral.mental-health-evaluation-missing']],
    [{ indication: FIBROMYALGIA, inMentalHealthTreatment: false, documents: { painManagementReferral: true, mentalHealthEvaluation: true } }, 'seed-003', []],
    [{ indication: MDD, documents: { mentalHealthReferralLetter: true }, inMentalHealthTreatment: true }, 'seed-001', ['block:referral.consultation-needed']],
    [{ indication: MDD, documents: { mentalHealthReferralLetter: true }, inMentalHealthTreatment: true, consultationCompleted: true }, 'seed-001', []],
  ] as const)('%j under %s needs %j', (input, preset, expected) => {
    expect(codes(input as ReferralRequirementsInput, preset)).toEqual(expected);
    expect(referralRequirements(input as ReferralRequirementsInput, PRESETS[preset]).complete).toBe(expected.length === 0);
  });

  it('asks for nothing a clinic does not require', () => {
    const lenient = { ...PRESETS['seed-003'], rules: { ...PRESETS['seed-003'].rules, referral: { mentalHealthLetter: false, ongoingMentalHealthTreatment: false, painManagementReferral: 'not-required' as const, mentalHealthEvaluationWhenUntreated: false, consultationBeforeTreatment: false } } };
    expect(referralRequirements({ indication: FIBROMYALGIA }, lenient).complete).toBe(true);
    expect(referralRequirements({ indication: MDD }, lenient).complete).toBe(true);
    const strict = { ...lenient, rules: { ...lenient.rules, referral: { ...lenient.rules.referral, painManagementReferral: 'required' as const } } };
    expect(referralRequirements({ indication: FIBROMYALGIA }, strict).findings.map((f) => f.severity)).toEqual(['block']);
  });

  it('names an unknown indication and a wrongly typed document', () => {
    expect(() => referralRequirements({ indication: { system: MDD.system, code: '1' } }, PRESETS.default)).toThrow(DomainError);
    try {
      referralRequirements({ indication: MDD, documents: { mentalHealthReferralLetter: 'yes' } } as never, PRESETS.default);
    } catch (error) {
      expect((error as DomainError).issues.map((i) => i.field)).toEqual(['documents.mentalHealthReferralLetter']);
    }
  });
});
