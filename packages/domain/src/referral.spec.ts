import { INDICATIONS, findIndication } from './indications';
import { isValidNpi } from './npi';
import { referralIntakeSchema } from './referral';

const intake = {
  patient: { name: { given: ['Ana'], family: 'Reyes' }, birthDate: '1984-02-29', sex: 'female', identifiers: [{ system: 'http://hospital.example/mrn', value: 'MRN-1' }] },
  referrer: { name: 'Dr Lee', npi: '1234567893' },
  indication: { system: 'http://snomed.info/sct', code: '370143000' },
  reason: 'Treatment-resistant depression after two failed SSRI trials',
};

function faults(input: unknown): string[] {
  const result = referralIntakeSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

describe('referral intake', () => {
  it('accepts a coded referral and fills in defaults', () => {
    expect(faults(intake)).toEqual([]);
  });

  it.each([
    [{ indication: { system: 'http://snomed.info/sct', code: '37796009' } }, 'indication.code'],
    [{ indication: { system: 'http://loinc.org', code: '44261-6' } }, 'indication.system'],
    [{ referrer: { name: 'Dr Lee', npi: '1234567890' } }, 'referrer.npi'],
    [{ patient: { ...intake.patient, birthDate: '2999-01-01' } }, 'patient.birthDate'],
    [{ patient: { ...intake.patient, birthDate: '02/29/1984' } }, 'patient.birthDate'],
    [{ patient: { ...intake.patient, identifiers: [{ system: 'urn:keta:clinic:patient', value: 'x' }] } }, 'patient.identifiers.0.system'],
    [{ reason: '   ' }, 'reason'],
  ])('refuses %j at %s', (change, path) => {
    expect(faults({ ...intake, ...change })).toEqual([path]);
  });
});

describe('indications', () => {
  it('are unique and findable', () => {
    const keys = INDICATIONS.map((i) => `${i.system}|${i.code}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(findIndication('http://hl7.org/fhir/sid/icd-10-cm', 'F43.12')?.group).toBe('ptsd');
  });
});

describe('NPI', () => {
  it.each([['1234567893', true], ['1234567890', false], ['123456789', false], ['abcdefghij', false]])('%s valid: %s', (npi, valid) => {
    expect(isValidNpi(npi)).toBe(valid);
  });
});
