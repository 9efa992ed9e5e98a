import { addDays, weekdayOf, zonedInstant } from '@keta/clinical-rules';
import request from 'supertest';
import { ALL_CLEAR, LETTER_PDF, putSettingsAsRead, referralBody } from './referral-fixtures';
import type { TestApp } from './test-app';

export const CLINIC_ZONE = 'America/New_York';

/** The clinic's settings for scheduling tests: weekdays in New York, seed 003's policy with KAP sessions, few chairs. */
export function clinicSettings(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Harbor Ketamine', timeZone: CLINIC_ZONE, openingDays: ['mon', 'tue', 'wed', 'thu', 'fri'], chairs: 2, policyPreset: 'seed-003',
    policyAdjustments: { services: { kapSessions: true } }, ...overrides,
  };
}

export async function putClinicSettings(t: TestApp, adminToken: string, overrides: Record<string, unknown> = {}): Promise<void> {
  const res = await putSettingsAsRead(t, adminToken, clinicSettings(overrides));
  if (res.status !== 200) throw new Error(`PUT /clinic-settings answered ${res.status}`);
}

/** A fixed-offset zone where it is about noon now, so "today" in the clinic is today whenever a test runs. */
export function zoneAtNoon(): string {
  const offset = 12 - new Date().getUTCHours();
  return offset === 0 ? 'Etc/GMT' : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

/** The clinic's date today. */
export function clinicToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: CLINIC_ZONE }).format(new Date());
}

/** The Monday at least `weeks` weeks from today, in the clinic: far enough ahead to book. */
export function mondayAhead(weeks: number): string {
  let date = addDays(clinicToday(), weeks * 7);
  while (weekdayOf(date) !== 'mon') date = addDays(date, 1);
  return date;
}

/** A clinic wall time on a local date, as the ISO instant the API takes. */
export function at(date: string, time: string): string {
  return zonedInstant(date, time, CLINIC_ZONE).toISOString();
}

/** A referral a clinician has accepted (letter attached, nothing excludes it), and its patient. */
export async function acceptedReferral(t: TestApp, clinician: string, body: object = referralBody()): Promise<{ referralId: string; patientId: string }> {
  const auth = `Bearer ${clinician}`;
  const created = await request(t.http).post('/referrals').set('authorization', auth).send({ ...body, attestations: ALL_CLEAR });
  const referralId = created.body.id as string;
  await request(t.http).put(`/referrals/${referralId}/letter`).set('authorization', auth).set('content-type', 'application/pdf').send(LETTER_PDF);
  const read = await request(t.http).get(`/referrals/${referralId}`).set('authorization', auth);
  const decided = await request(t.http).post(`/referrals/${referralId}/decision`).set('authorization', auth).set('if-match', read.headers.etag as string).send({ decision: 'accept' });
  if (decided.status !== 200) throw new Error(`accepting the referral answered ${decided.status}`);
  return { referralId, patientId: read.body.patient.id as string };
}
