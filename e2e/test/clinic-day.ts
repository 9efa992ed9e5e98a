import { ApiClient } from './api-client';

/**
 * What the flows that run a clinic day through the API share: a clinic zone where it is about noon now, the
 * screening answers and vital signs of a patient with nothing against them, and an infusion day from check-in
 * to discharge, as the front desk and a clinician walk it.
 */

/** A fixed-offset zone where it is about noon now: "today" in the clinic is today whenever this runs. */
export function zoneAtNoon(): string {
  const offset = 12 - new Date().getUTCHours();
  return offset === 0 ? 'Etc/GMT' : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

export const ALL_CLEAR = {
  failedStandardTreatment: true, seeingMentalHealthProvider: true, activeSubstanceUse: false, historyOfPsychosis: false,
  increasedIntracranialPressure: false, uncontrolledHypertension: false, unstableCardiovascularDisease: false,
  previousNegativeKetamineResponse: false, ketamineAbuseDisorder: false, pregnant: false,
};
export const CALM = { systolic: 126, diastolic: 80, heartRate: 70, spo2: 98 };
export const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

/** Open every day, four chairs, the seed-003 policy, no wait before discharge: a series runs within a test. */
export const clinicSettings = () => ({
  name: 'Harbor Ketamine', timeZone: zoneAtNoon(), openingDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], chairs: 4, policyPreset: 'seed-003',
  policyAdjustments: { discharge: { minRecoveryMinutes: 0 } },
});

/** A user of this role, made by the admin; answers the user's id and a client signed in as them. */
export async function userOf(admin: ApiClient, apiUrl: string, role: string, email: string): Promise<{ id: string; client: ApiClient }> {
  const password = `${role} passphrase 123`;
  const created = await admin.send('POST', '/users', { email, displayName: role, role, password });
  expect(created.status).toBe(201);
  return { id: created.body.id as string, client: await ApiClient.signIn(apiUrl, email, password) };
}

export interface Staff {
  clinician: ApiClient;
  frontDesk: ApiClient;
}

/** The front desk moves the session to a minute from now (the series spans weeks; the test does not). */
export async function bringForward({ frontDesk }: Staff, appointmentId: string): Promise<void> {
  const current = await frontDesk.send('GET', `/appointments/${appointmentId}`);
  const moved = await frontDesk.send('PATCH', `/appointments/${appointmentId}`, { start: new Date(Date.now() + 60_000).toISOString() }, { 'if-match': current.etag! });
  expect(moved.status).toBe(200);
}

/** One infusion day: check-in, infusion at this dose, vital signs, its end, discharge. Answers the encounter's id. */
export async function infusionDay(staff: Staff, dose: object, appointmentId: string, arrivalPain: number, dischargePain: number): Promise<string> {
  const { clinician, frontDesk } = staff;
  await bringForward(staff, appointmentId);
  const checkedIn = await frontDesk.send('POST', `/appointments/${appointmentId}/check-in`, {
    vitals: CALM, painScore: arrivalPain, lastFoodAt: hoursAgo(8), lastLiquidAt: hoursAgo(4), lastWaterAt: hoursAgo(3), driverConfirmed: true, pregnancy: 'not-applicable',
  });
  expect(checkedIn.status).toBe(201);
  const id = checkedIn.body.id as string;
  const started = await clinician.send('POST', `/encounters/${id}/infusion`, { concentrationMgPerMl: 10, weightKg: 68, dose, lotNumber: 'KX-2291' }, { 'if-match': checkedIn.etag! });
  expect(started.status).toBe(200);
  expect((await clinician.send('POST', `/encounters/${id}/vitals`, { systolic: 138, diastolic: 86, heartRate: 78, spo2: 97 })).status).toBe(201);
  const ended = await clinician.send('POST', `/encounters/${id}/infusion/end`, {}, { 'if-match': started.etag! });
  expect(ended.status).toBe(200);
  const discharged = await clinician.send('POST', `/encounters/${id}/discharge`, { vitals: CALM, painScore: dischargePain, responsibleAdultPresent: true }, { 'if-match': ended.etag! });
  expect(discharged.status).toBe(200);
  return id;
}
