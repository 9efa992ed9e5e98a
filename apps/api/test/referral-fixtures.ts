import { randomUUID } from 'node:crypto';

/** A valid referral; each call gets its own MRN unless one is given. */
export function referralBody(overrides: { mrn?: string; family?: string; birthDate?: string } = {}) {
  return {
    patient: {
      name: { given: ['Ana', 'Maria'], family: overrides.family ?? 'Reyes' },
      birthDate: overrides.birthDate ?? '1984-02-29',
      sex: 'female',
      identifiers: [{ system: 'http://hospital.example/mrn', value: overrides.mrn ?? `MRN-${randomUUID()}` }],
    },
    referrer: { name: 'Dr Lee', npi: '1234567893', organization: 'Harbor Psychiatry' },
    indication: { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F33.1' },
    reason: 'Recurrent depression; two failed SSRI trials',
  };
}

/** A referral letter as a provider sends one. */
export const LETTER_PDF = Buffer.from('%PDF-1.7\nReferral letter: recurrent depression, two failed SSRI trials.\n%%EOF\n');

/** The screening answers of a patient nothing excludes (seed 003's questions). */
export const ALL_CLEAR = {
  failedStandardTreatment: true, seeingMentalHealthProvider: true, activeSubstanceUse: false, historyOfPsychosis: false,
  increasedIntracranialPressure: false, uncontrolledHypertension: false, unstableCardiovascularDisease: false,
  previousNegativeKetamineResponse: false, ketamineAbuseDisorder: false, pregnant: false,
};
