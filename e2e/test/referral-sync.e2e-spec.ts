import { eventually } from '@keta/lifecycle/testing';
import { MedplumClient } from '@medplum/core';
import type { Patient, ResourceType, ServiceRequest, Task } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ApiClient } from './api-client';
import { dumpRedis } from './redis-dump';
import { createAdmin, startStack, type Stack } from './stack';

/** Patients with names and birth dates that appear nowhere else, so a scan can look for them. */
const PATIENTS = [
  { given: 'Zephyrine', family: 'Quillfeather', birthDate: '1979-03-14', us: ['03/14/1979', '3/14/1979'] },
  { given: 'Oswin', family: 'Brackenridge', birthDate: '1991-11-02', us: ['11/02/1991', '11/2/1991'] },
  { given: 'Thessaly', family: 'Marchbanks', birthDate: '1966-07-09', us: ['07/09/1966', '7/9/1966'] },
  { given: 'Ignatia', family: 'Holloway-Vance', birthDate: '2001-01-23', us: ['01/23/2001', '1/23/2001'] },
  { given: 'Perpetua', family: 'Ashcombe', birthDate: '1958-12-05', us: ['12/05/1958', '12/5/1958'] },
];
type TestPatient = (typeof PATIENTS)[number];

function referral(p: TestPatient) {
  return {
    patient: {
      name: { given: [p.given], family: p.family }, birthDate: p.birthDate, sex: 'female',
      identifiers: [{ system: 'http://harbor-psychiatry.example/mrn', value: `MRN-${randomUUID()}` }],
    },
    referrer: { name: 'Dr Lee', npi: '1234567893', organization: 'Harbor Psychiatry' },
    indication: { system: 'http://snomed.info/sct', code: '370143000' },
    reason: 'Major depression, two failed antidepressant trials',
  };
}

describe('a referral travels from the API to the EHR through the outbox', () => {
  let stack: Stack;
  let referrer: ApiClient;
  let clinician: ApiClient;
  let ehr: MedplumClient;
  let adminClient: ApiClient;
  let connectionId: string;

  beforeAll(async () => {
    stack = await startStack();
    createAdmin(stack, 'admin@clinic.example', 'e2e admin passphrase');
    const admin = await ApiClient.signIn(stack.apiUrl, 'admin@clinic.example', 'e2e admin passphrase');
    for (const role of ['referrer', 'clinician']) {
      const created = await admin.send('POST', '/users', { email: `${role}@clinic.example`, displayName: role, role, password: `${role} passphrase 123` });
      expect(created.status).toBe(201);
    }
    referrer = await ApiClient.signIn(stack.apiUrl, 'referrer@clinic.example', 'referrer passphrase 123');
    clinician = await ApiClient.signIn(stack.apiUrl, 'clinician@clinic.example', 'clinician passphrase 123');
    const settings = { name: 'Harbor Ketamine', timeZone: 'America/New_York', openingDays: ['mon', 'tue', 'wed', 'thu', 'fri'], chairs: 4, policyPreset: 'seed-003' };
    expect((await admin.send('PUT', '/clinic-settings', settings)).status).toBe(200);
    const connection = await admin.send('POST', '/ehr-connections', { name: 'Sandbox EHR', baseUrl: stack.sandboxFhirUrl, kind: 'clinic-ehr' });
    expect(connection.status).toBe(201);
    connectionId = connection.body.id as string;
    adminClient = admin;
    ehr = new MedplumClient({ baseUrl: `${stack.sandboxOrigin}/`, fhirUrlPath: 'fhir/R4', cacheTime: 0 });
  });
  afterAll(() => stack?.stop());

  async function refer(p: TestPatient): Promise<string> {
    const res = await referrer.send('POST', '/referrals', referral(p));
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  async function syncedReferral(id: string) {
    return eventually(() => clinician.send('GET', `/referrals/${id}`), (r) => r.body?.sync?.[0]?.state === 'synced', 60000);
  }

  async function countByIdentifier(type: ResourceType, system: string, value: string): Promise<number> {
    const bundle = await ehr.search(type, { identifier: `${system}|${value}`, _total: 'accurate' });
    return bundle.total ?? bundle.entry?.length ?? 0;
  }

  /** Whether the relay has put the referral's sync job in Redis. */
  async function enqueued(referralId: string): Promise<boolean> {
    const client = new Client({ connectionString: stack.db.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT enqueued_at IS NOT NULL AS enqueued FROM outbox WHERE resource_id = $1`, [referralId]);
      return rows.length > 0 && rows.every((r: { enqueued: boolean }) => r.enqueued);
    } finally {
      await client.end();
    }
  }

  async function sandboxFaults(latencyMs: number): Promise<void> {
    const res = await fetch(`${stack.sandboxOrigin}/$sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs }) });
    expect(res.status).toBe(200);
  }

  async function transactionsReceived(): Promise<number> {
    const res = await fetch(`${stack.sandboxOrigin}/$sandbox/requests`);
    const { received } = (await res.json()) as { received: Array<{ bundleType?: string }> };
    return received.filter((r) => r.bundleType === 'transaction').length;
  }

  it('puts the Patient, ServiceRequest, Task and what screening found in the EHR with Keta\'s identifiers and the referral\'s contents', async () => {
    const id = await refer(PATIENTS[0]!);
    const view = (await syncedReferral(id)).body;
    const patientId = view.patient.id as string;

    const patients = await ehr.searchResources('Patient', { identifier: `urn:keta:patient|${patientId}` });
    expect(patients).toHaveLength(1);
    const patient = patients[0] as Patient;
    expect(patient).toMatchObject({ name: [{ family: 'Quillfeather', given: ['Zephyrine'] }], birthDate: '1979-03-14', gender: 'female' });
    expect(patient.identifier?.map((i) => i.system)).toEqual(['urn:keta:patient', 'http://harbor-psychiatry.example/mrn']);

    const requests = await ehr.searchResources('ServiceRequest', { identifier: `urn:keta:referral|${id}` });
    expect(requests).toHaveLength(1);
    const request = requests[0] as ServiceRequest;
    expect(request).toMatchObject({
      status: 'on-hold', intent: 'order', subject: { reference: `Patient/${patient.id}` },
      reasonCode: [{ coding: [{ system: 'http://snomed.info/sct', code: '370143000' }] }],
      requester: { identifier: { system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' } },
    });
    const tasks = await ehr.searchResources('Task', { focus: `ServiceRequest/${request.id}` });
    expect(tasks.map((t: Task) => t.status)).toEqual(['on-hold']);
    expect(tasks[0]?.statusReason?.text).toContain('referral letter');

    // Screening's questions are DetectedIssues: with the indication's Condition, more than the 8 entries
    // Medplum takes in one conditional transaction, so they arrive in several, pointing at the EHR's ids.
    const issues = await eventually(() => ehr.searchResources('DetectedIssue', { patient: `Patient/${patient.id}`, _count: '50' }), (found) => found.length > 5, 30000);
    expect(issues.every((i) => i.patient?.reference === `Patient/${patient.id}` && i.evidence?.[0]?.detail?.[0]?.reference === `ServiceRequest/${request.id}`)).toBe(true);
    const conditions = await ehr.searchResources('Condition', { patient: `Patient/${patient.id}` });
    expect(conditions.map((c) => c.code?.coding?.[0]?.code)).toEqual(['370143000']);

    const records = view.sync[0].records as Array<{ resourceType: string; remoteId: string }>;
    expect(records.find((r) => r.resourceType === 'ServiceRequest')?.remoteId).toBe(request.id);
  });

  it('is idempotent when the worker dies after the EHR received the Bundle', async () => {
    await sandboxFaults(4000);
    const before = await transactionsReceived();
    const id = await refer(PATIENTS[1]!);
    await eventually(transactionsReceived, (n) => n > before, 30000);
    await stack.killWorker();
    await sandboxFaults(0);
    await stack.startWorker();

    const view = (await syncedReferral(id)).body;
    expect(view.sync[0].records.every((r: { status: string }) => r.status === 'synced')).toBe(true);
    expect(await countByIdentifier('Patient', 'urn:keta:patient', view.patient.id)).toBe(1);
    expect(await countByIdentifier('ServiceRequest', 'urn:keta:referral', id)).toBe(1);
    expect(await countByIdentifier('Task', 'urn:keta:referral-task', view.taskId)).toBe(1);
    expect(await transactionsReceived()).toBeGreaterThan(before + 1);
  });

  it('takes referrals while Redis is down and delivers them once it is back, even with its data lost', async () => {
    await stack.redis.stop();
    const whileDown = await refer(PATIENTS[2]!);
    await new Promise((r) => setTimeout(r, 1000));
    await stack.redis.start();
    await syncedReferral(whileDown);

    // One sync at a time (SYNC_CONCURRENCY=1): the first is held at the EHR, the second waits in Redis,
    // and dies with it. The outbox enqueues it again.
    await sandboxFaults(3000);
    const before = await transactionsReceived();
    const held = await refer(PATIENTS[3]!);
    await eventually(transactionsReceived, (n) => n > before, 30000);
    const waiting = await refer(PATIENTS[4]!);
    await eventually(() => enqueued(waiting), (yes) => yes, 30000);
    await stack.redis.stop();
    await stack.redis.start();
    await sandboxFaults(0);
    for (const id of [held, waiting]) {
      const view = (await syncedReferral(id)).body;
      expect(await countByIdentifier('ServiceRequest', 'urn:keta:referral', id)).toBe(1);
      expect(await countByIdentifier('Patient', 'urn:keta:patient', view.patient.id)).toBe(1);
    }
  });

  it('leaves no name or birth date in Redis or in the debug logs, which do name the referral', async () => {
    const id = await refer(PATIENTS[0]!);
    await syncedReferral(id);
    const redis = await dumpRedis(stack.redis.url);
    const logs = stack.logs();
    expect(redis).toContain('sync-patient');
    expect(logs).toContain(id);
    for (const p of PATIENTS) {
      for (const secret of [p.given, p.family, p.birthDate, ...p.us]) {
        expect({ where: 'redis', secret, found: redis.includes(secret) }).toEqual({ where: 'redis', secret, found: false });
        expect({ where: 'logs', secret, found: logs.includes(secret) }).toEqual({ where: 'logs', secret, found: false });
      }
    }
  });

  it('sends home medications to a US Core EHR as reported MedicationRequests, and findings implicate them', async () => {
    expect((await adminClient.changeAsRead('PATCH', `/ehr-connections/${connectionId}`, { homeMedicationFormat: 'us-core-medication-request' })).status).toBe(200);
    const [patient, practitioner] = [`urn:uuid:${randomUUID()}`, `urn:uuid:${randomUUID()}`];
    const mrn = `MRN-${randomUUID()}`;
    const entry = (resource: object, fullUrl = `urn:uuid:${randomUUID()}`) => ({ fullUrl, resource, request: { method: 'POST', url: (resource as { resourceType: string }).resourceType } });
    const bundle = {
      resourceType: 'Bundle', type: 'transaction',
      entry: [
        entry({ resourceType: 'Patient', identifier: [{ system: 'http://harbor-psychiatry.example/mrn', value: mrn }], name: [{ family: 'Tamsworth', given: ['Odile'] }], birthDate: '1983-05-17', gender: 'female' }, patient),
        entry({ resourceType: 'Practitioner', identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }], name: [{ given: ['Mia'], family: 'Lee' }] }, practitioner),
        entry({
          resourceType: 'ServiceRequest', status: 'active', intent: 'order', identifier: [{ system: 'http://harbor-psychiatry.example/referral', value: mrn }],
          subject: { reference: patient }, requester: { reference: practitioner },
          reasonCode: [{ coding: [{ system: 'http://snomed.info/sct', code: '370143000' }] }], note: [{ text: 'Major depression' }],
        }),
        entry({ resourceType: 'MedicationStatement', status: 'active', subject: { reference: patient }, medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '197901' }], text: 'lorazepam 1 MG Oral Tablet' } }),
      ],
    };
    const sent = await clinician.send('POST', '/fhir/R4', bundle);
    expect(sent.status).toBe(200);
    const localMedication = (sent.body.entry[3].response.location as string).split('/')[1]!;
    const [medication] = await eventually(
      () => ehr.searchResources('MedicationRequest', { identifier: `urn:keta:home-medication|${localMedication}` }), (found) => found.length === 1, 30000,
    );
    expect(medication).toMatchObject({ status: 'active', intent: 'plan', reportedBoolean: true, medicationCodeableConcept: { coding: [{ code: '197901' }] } });
    expect(await countByIdentifier('MedicationStatement', 'urn:keta:home-medication', localMedication)).toBe(0);
    const issues = await eventually(() => ehr.searchResources('DetectedIssue', { patient: medication!.subject!.reference! }), (found) => found.some((i) => i.implicated), 30000);
    expect(issues.find((i) => i.implicated)?.implicated).toEqual([{ reference: `MedicationRequest/${medication!.id}` }]);
  });
});
