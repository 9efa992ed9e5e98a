import { eventually } from '@keta/lifecycle/testing';
import { MedplumClient } from '@medplum/core';
import type { ResourceType, Task } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import { ApiClient } from './api-client';
import { ALL_CLEAR, clinicSettings, infusionDay, userOf, type Staff } from './clinic-day';
import { createAdmin, startSecondEhr, startStack, type Stack } from './stack';

const LETTER = Buffer.from('%PDF-1.7\nReferral letter: major depression, two antidepressants failed.\n%%EOF\n');
const MOOD_DOSE = { kind: 'mood', mgPerKg: 0.5, minutes: 40 };

const LEE = '1234567893';
const OKAFOR = '1987654328';

function referral(npi: string) {
  return {
    patient: {
      name: { given: ['Loop'], family: 'Closer' }, birthDate: '1985-09-09', sex: 'female',
      identifiers: [{ system: 'http://harbor-psychiatry.example/mrn', value: `MRN-${randomUUID()}` }],
    },
    referrer: { name: npi === LEE ? 'Dr Lee' : 'Dr Okafor', npi },
    indication: { system: 'http://snomed.info/sct', code: '370143000' },
    reason: 'Major depression',
  };
}

/** The closed loop: a referrer's EHR hears about the referrals its referrers sent, and nothing else. */
describe('a referrer\'s EHR', () => {
  let stack: Stack;
  let referrerEhr: Awaited<ReturnType<typeof startSecondEhr>>;
  let referrer: ApiClient;
  let clinic: MedplumClient;
  let theirs: MedplumClient;
  let admin: ApiClient;

  beforeAll(async () => {
    stack = await startStack();
    referrerEhr = await startSecondEhr();
    createAdmin(stack, 'admin@clinic.example', 'e2e admin passphrase');
    admin = await ApiClient.signIn(stack.apiUrl, 'admin@clinic.example', 'e2e admin passphrase');
    await admin.send('POST', '/users', { email: 'referrer@clinic.example', displayName: 'r', role: 'referrer', password: 'referrer passphrase 123' });
    referrer = await ApiClient.signIn(stack.apiUrl, 'referrer@clinic.example', 'referrer passphrase 123');
    expect((await admin.send('POST', '/ehr-connections', { name: 'Clinic EHR', baseUrl: stack.sandboxFhirUrl, kind: 'clinic-ehr' })).status).toBe(201);
    const loop = await admin.send('POST', '/ehr-connections', { name: 'Harbor Psychiatry EHR', baseUrl: referrerEhr.fhirUrl, kind: 'referrer-ehr', referrerNpis: [LEE] });
    expect(loop.body).toMatchObject({ kind: 'referrer-ehr', referrerNpis: [LEE] });
    clinic = new MedplumClient({ baseUrl: `${stack.sandboxOrigin}/`, fhirUrlPath: 'fhir/R4', cacheTime: 0 });
    theirs = new MedplumClient({ baseUrl: `${referrerEhr.origin}/`, fhirUrlPath: 'fhir/R4', cacheTime: 0 });
  });
  afterAll(async () => {
    await referrerEhr?.stop();
    await stack?.stop();
  });

  const count = async (ehr: MedplumClient, type: ResourceType, query: Record<string, string>) => (await ehr.searchResources(type, query)).length;

  it('receives the Patient, ServiceRequest and Task of its referrers\' referrals, never the clinic\'s other records or others\' referrals', async () => {
    const mine = (await referrer.send('POST', '/referrals', referral(LEE))).body.id as string;
    const other = (await referrer.send('POST', '/referrals', referral(OKAFOR))).body.id as string;
    await eventually(() => count(theirs, 'ServiceRequest', { identifier: `urn:keta:referral|${mine}` }), (n) => n === 1, 30000);
    await eventually(() => count(clinic, 'ServiceRequest', { identifier: `urn:keta:referral|${other}` }), (n) => n === 1, 30000);
    const [request] = await theirs.searchResources('ServiceRequest', { identifier: `urn:keta:referral|${mine}` });
    expect(await count(theirs, 'Task', { focus: `ServiceRequest/${request!.id}` })).toBe(1);
    expect(await count(theirs, 'Patient', { _id: request!.subject!.reference!.split('/')[1]! })).toBe(1);
    expect(await count(theirs, 'Condition', {})).toBe(0);
    expect(await count(theirs, 'ServiceRequest', { identifier: `urn:keta:referral|${other}` })).toBe(0);
    expect(await count(clinic, 'Condition', {})).toBe(2);
  });

  it('follows its referral to the end: accepted, scheduled, in treatment, then completed with the closing summary (BSeR feedback)', async () => {
    expect((await admin.send('PUT', '/clinic-settings', clinicSettings())).status).toBe(200);
    const clinician = await userOf(admin, stack.apiUrl, 'clinician', 'clinician@clinic.example');
    const staff: Staff = { clinician: clinician.client, frontDesk: (await userOf(admin, stack.apiUrl, 'front-desk', 'desk@clinic.example')).client };
    const referralId = (await referrer.send('POST', '/referrals', { ...referral(LEE), attestations: ALL_CLEAR })).body.id as string;
    const letter = await fetch(`${stack.apiUrl}/referrals/${referralId}/letter`, { method: 'PUT', headers: { authorization: `Bearer ${referrer.accessToken}`, 'content-type': 'application/pdf' }, body: LETTER });
    expect(letter.status).toBe(200);
    const accepted = await clinician.client.changeAsRead('POST', `/referrals/${referralId}/decision`, { decision: 'accept' }, `/referrals/${referralId}`);
    expect(accepted.status).toBe(200);
    const patientId = accepted.body.patient.id as string;
    /** The referral's Task as the referrer's EHR holds it, once it shows this business status. */
    const taskThere = async (business: string): Promise<Task> => {
      const task = await eventually(
        async () => (await theirs.searchResources('Task', { identifier: `urn:keta:referral-task|${accepted.body.taskId}` }))[0],
        (found) => found?.businessStatus?.coding?.[0]?.code === business, 30000,
      );
      return task!;
    };
    await taskThere('3.0');

    const form = await admin.send('POST', '/consent-forms', { kind: 'treatment', title: 'Informed consent to IV ketamine', body: 'Ketamine is used off-label; risks include...' });
    expect((await staff.frontDesk.send('POST', `/patients/${patientId}/consents`, { kind: 'treatment', formId: form.body.id, witnessId: clinician.id })).status).toBe(201);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const series = await staff.clinician.send('POST', `/patients/${patientId}/series`, { referralId, kind: 'mood', startDate: tomorrow, startTime: '10:00' });
    expect(series.status).toBe(201);
    expect((await taskThere('5.1.1')).status).toBe('in-progress');
    const phq9 = (answers: number[]) => staff.clinician.send('POST', `/patients/${patientId}/questionnaires`, { instrument: 'phq9', answers });
    expect((await phq9([3, 3, 2, 2, 2, 2, 2, 2, 1])).status).toBe(201);
    const appointments = series.body.appointments as Array<{ id: string }>;
    for (const [i, appointment] of appointments.entries()) {
      await infusionDay(staff, MOOD_DOSE, appointment.id, 6, 3);
      if (i === 0) expect((await taskThere('5.1.4')).status).toBe('in-progress');
    }
    expect((await phq9([1, 0, 0, 1, 0, 0, 1, 0, 0])).status).toBe(201);

    const closed = await staff.clinician.changeAsRead('POST', `/referrals/${referralId}/closing-summary`, { note: 'Remission after the series; boosters as needed.' }, `/referrals/${referralId}`);
    expect([closed.status, closed.body.stage]).toEqual([200, 'completed']);
    const task = await taskThere('7.0');
    expect(task.status).toBe('completed');
    expect(task.output).toEqual(expect.arrayContaining([
      expect.objectContaining({ type: expect.objectContaining({ coding: [expect.objectContaining({ code: '298057009' })] }), valueInteger: appointments.length }),
      expect.objectContaining({ type: expect.objectContaining({ text: 'PHQ-9 total score before the series' }), valueInteger: 19 }),
      expect.objectContaining({ type: expect.objectContaining({ text: 'PHQ-9 total score at the end of the series' }), valueInteger: 3 }),
      expect.objectContaining({ valueString: 'Remission after the series; boosters as needed.' }),
    ]));
    // The referrer's EHR still holds only the referral's own records: the summary travels on the Task.
    expect(await count(theirs, 'Observation', {})).toBe(0);
    expect(await count(theirs, 'Encounter', {})).toBe(0);
  });
});
