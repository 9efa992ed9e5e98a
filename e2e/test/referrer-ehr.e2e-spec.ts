import { eventually } from '@keta/lifecycle/testing';
import { MedplumClient } from '@medplum/core';
import type { ResourceType } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import { ApiClient } from './api-client';
import { createAdmin, startSecondEhr, startStack, type Stack } from './stack';

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

  beforeAll(async () => {
    stack = await startStack();
    referrerEhr = await startSecondEhr();
    createAdmin(stack, 'admin@clinic.example', 'e2e admin passphrase');
    const admin = await ApiClient.signIn(stack.apiUrl, 'admin@clinic.example', 'e2e admin passphrase');
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
});
