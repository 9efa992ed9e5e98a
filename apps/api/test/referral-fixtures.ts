import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { TestApp } from './test-app';

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

/**
 * PUTs the clinic settings as an admin does: the first without If-Match, a later one from the version read
 * (the ETag of GET /clinic-settings).
 */
export async function putSettingsAsRead(t: TestApp, adminToken: string, settings: object): Promise<request.Response> {
  const auth = `Bearer ${adminToken}`;
  const current = await request(t.http).get('/clinic-settings').set('authorization', auth);
  const put = request(t.http).put('/clinic-settings').set('authorization', auth);
  return (current.status === 200 ? put.set('if-match', current.headers.etag as string) : put).send(settings);
}

/** The clinic as an admin sets it up: weekdays, four chairs, seed 003's policy (referrals are screened against it). */
export async function setUpClinic(t: TestApp, adminToken: string): Promise<void> {
  const settings = { name: 'Harbor Ketamine', timeZone: 'America/New_York', openingDays: ['mon', 'tue', 'wed', 'thu', 'fri'], chairs: 4, policyPreset: 'seed-003' };
  const res = await putSettingsAsRead(t, adminToken, settings);
  if (res.status !== 200) throw new Error(`PUT /clinic-settings answered ${res.status}`);
}
