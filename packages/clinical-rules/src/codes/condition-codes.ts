import { ICD10CM, SNOMED, ok, unverified, type CodedConcept } from './coded-concept';

/**
 * The conditions behind seed 003's exclusion criteria, coded as DOMAIN.md §3.3 and §3.4 give them.
 * Where DOMAIN.md has no confirmed code (psychosis in SNOMED, intracranial pressure, unstable
 * cardiovascular disease), the concept is also matched by name.
 */
export const CONDITION_CONCEPTS = {
  substanceUse: {
    codes: [ok(SNOMED, '15167005'), ok(SNOMED, '66590003'), ok(SNOMED, '7200002'), ok(ICD10CM, 'F10.10'), ok(ICD10CM, 'F10.20')],
    names: [/\bsubstance (ab)?use\b/, /\bdrug (ab)?use\b/, /\balcohol (abuse|dependence|use disorder)\b/, /\balcoholism\b/, /\bopioid use disorder\b/],
  },
  psychosis: {
    codes: [ok(ICD10CM, 'F29'), ok(ICD10CM, 'F20.9'), ok(ICD10CM, 'F31.5'), unverified(SNOMED, '69322001')],
    names: [/\bpsychos[ie]s\b/, /\bpsychotic\b/, /\bschizophreni/],
  },
  intracranialPressure: {
    codes: [],
    names: [/\bintracranial (pressure|hypertension)\b/, /\braised icp\b/, /\bincreased icp\b/],
  },
  hypertension: {
    codes: [ok(ICD10CM, 'I10'), ok(SNOMED, '38341003')],
    names: [/\bhypertension\b/, /\bhigh blood pressure\b/],
  },
  hypertensiveCrisis: {
    codes: [ok(ICD10CM, 'I16.0'), ok(ICD10CM, 'I16.9')],
    names: [/\bhypertensive (urgency|crisis|emergency)\b/],
  },
  unstableCardiovascular: {
    codes: [],
    names: [/\bunstable angina\b/, /\bacute (myocardial infarction|coronary syndrome)\b/, /\bdecompensated heart failure\b/],
  },
  ketamineAbuse: {
    codes: [ok(SNOMED, '724713006'), ok(SNOMED, '724715004')],
    names: [/\bketamine (abuse|dependence|use disorder)\b/, /\bharmful use of ketamine\b/],
  },
  pregnancy: {
    codes: [ok(SNOMED, '77386006'), ok(ICD10CM, 'Z33.1')],
    prefixes: [{ system: ICD10CM, prefix: 'O' }],
    names: [/\bpregnan(t|cy)\b/],
  },
} satisfies Record<string, CodedConcept>;

export type ConditionConcept = keyof typeof CONDITION_CONCEPTS;
