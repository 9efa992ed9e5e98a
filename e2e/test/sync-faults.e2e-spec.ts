import { eventually } from '@keta/lifecycle/testing';
import { MedplumClient } from '@medplum/core';
import type { ResourceType, ServiceRequest } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ApiClient } from './api-client';
import { createAdmin, startStack, type Stack } from './stack';

function referral(n: number) {
  return {
    patient: {
      name: { given: [`Patient${n}`], family: 'Faultline' }, birthDate: '1980-01-01', sex: 'female',
      identifiers: [{ system: 'http://harbor-psychiatry.example/mrn', value: `MRN-${randomUUID()}` }],
    },
    referrer: { name: 'Dr Lee', npi: '1234567893' },
    indication: { system: 'http://snomed.info/sct', code: '370143000' },
    reason: 'Major depression, two failed antidepressant trials',
  };
}

/** The sync through an EHR that fails as real ones do: refusals by rule, 5xx, 429, timeouts, dropped sockets, a crash. */
describe('the sync through an EHR that fails', () => {
  let stack: Stack;
  let admin: ApiClient;
  let referrer: ApiClient;
  let clinician: ApiClient;
  let clinicianId: string;
  let connectionId: string;
  let ehr: MedplumClient;

  beforeAll(async () => {
    stack = await startStack({ EHR_REQUEST_TIMEOUT_MS: '1500', SYNC_BREAKER_COOLDOWN_MS: '500', SYNC_CONCURRENCY: '4', SYNC_ATTEMPTS: '20' });
    createAdmin(stack, 'admin@clinic.example', 'e2e admin passphrase');
    admin = await ApiClient.signIn(stack.apiUrl, 'admin@clinic.example', 'e2e admin passphrase');
    expect((await admin.send('POST', '/users', { email: 'referrer@clinic.example', displayName: 'r', role: 'referrer', password: 'referrer passphrase 123' })).status).toBe(201);
    referrer = await ApiClient.signIn(stack.apiUrl, 'referrer@clinic.example', 'referrer passphrase 123');
    const clinicianUser = await admin.send('POST', '/users', { email: 'clinician@clinic.example', displayName: 'c', role: 'clinician', password: 'clinician passphrase 123' });
    expect(clinicianUser.status).toBe(201);
    clinicianId = clinicianUser.body.id as string;
    clinician = await ApiClient.signIn(stack.apiUrl, 'clinician@clinic.example', 'clinician passphrase 123');
    const connection = await admin.send('POST', '/ehr-connections', { name: 'Sandbox EHR', baseUrl: stack.sandboxFhirUrl, kind: 'clinic-ehr' });
    connectionId = connection.body.id as string;
    ehr = new MedplumClient({ baseUrl: `${stack.sandboxOrigin}/`, fhirUrlPath: 'fhir/R4', cacheTime: 0 });
  });
  afterAll(() => stack?.stop());

  async function control(path: 'faults' | 'rules', body: object): Promise<void> {
    const res = await fetch(`${stack.sandboxOrigin}/$sandbox/${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
  }
  async function refer(n: number): Promise<string> {
    const res = await referrer.send('POST', '/referrals', referral(n));
    expect(res.status).toBe(201);
    return res.body.id as string;
  }
  async function syncState(id: string): Promise<string> {
    return (await referrer.send('GET', `/referrals/${id}`)).body?.sync?.[0]?.state as string;
  }
  async function countByIdentifier(type: ResourceType, system: string, value: string): Promise<number> {
    const bundle = await ehr.search(type, { identifier: `${system}|${value}`, _total: 'accurate' });
    return bundle.total ?? bundle.entry?.length ?? 0;
  }
  async function query<T>(text: string, values: unknown[]): Promise<T[]> {
    const client = new Client({ connectionString: stack.db.url });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** A referral the EHR refuses by its rule, until its dead letter is listed (and what references it waits). */
  async function deadLettered(n: number): Promise<{ id: string; patientId: string }> {
    const id = await refer(n);
    const [row] = await query<{ patient_id: string }>(`SELECT patient_id FROM referral WHERE id = $1`, [id]);
    const patientId = row!.patient_id;
    const letters = await eventually(() => admin.send('GET', `/sync/dead-letters?connectionId=${connectionId}`), (r) => r.body.some((l: { resourceId: string }) => l.resourceId === patientId), 30000);
    expect(letters.body.find((l: { resourceId: string }) => l.resourceId === patientId)).toEqual(expect.objectContaining({
      resourceType: 'Patient', resourceId: patientId, version: 1, errorCode: 'ehr_http_422',
      outcome: { issue: [expect.objectContaining({ code: 'required', expression: ['Patient.telecom'] })] },
    }));
    expect(JSON.stringify(letters.body)).not.toContain('Faultline');
    const waiting = await eventually(
      () => query<{ last_error_code: string }>(
        `SELECT l.last_error_code FROM sync_ledger l JOIN fhir_resource r ON r.id = l.resource_id WHERE r.patient_id = $1 AND l.status = 'failed'`, [patientId]),
      (rows) => rows.length >= 3, 30000,
    );
    expect(new Set(waiting.map((r) => r.last_error_code))).toEqual(new Set(['waits_for_Patient']));
    expect(await countByIdentifier('ServiceRequest', 'urn:keta:referral', id)).toBe(0);
    expect((await referrer.send('GET', `/referrals/${id}`)).body.sync[0].records.find((r: { resourceType: string }) => r.resourceType === 'Patient').status).toBe('dead-letter');
    return { id, patientId };
  }

  it('dead-letters what the EHR refuses by its rules, holds back what references it, and delivers all once the data is fixed', async () => {
    await control('rules', { requiredElements: { Patient: ['telecom'] } });
    const { id, patientId } = await deadLettered(0);
    expect((await clinician.changeAsRead('PATCH', `/patients/${patientId}/contact`, { phone: '+1 555 0199' }, `/patients/${patientId}`)).status).toBe(200);
    await eventually(() => syncState(id), (state) => state === 'synced', 60000);
    expect(await countByIdentifier('Patient', 'urn:keta:patient', patientId)).toBe(1);
    expect(await countByIdentifier('ServiceRequest', 'urn:keta:referral', id)).toBe(1);
    expect((await admin.send('GET', '/sync/dead-letters')).body).toEqual([]);
    await control('rules', {});
  });

  it('sends a dead letter again on replay, once the EHR is fixed', async () => {
    await control('rules', { requiredElements: { Patient: ['telecom'] } });
    const { id, patientId } = await deadLettered(1);
    await control('rules', {});
    const replay = await admin.send('POST', '/sync/dead-letters/replay', { connectionId, resourceType: 'Patient', resourceId: patientId });
    expect(replay.status).toBe(202);
    await eventually(() => syncState(id), (state) => state === 'synced', 60000);
    expect(await countByIdentifier('ServiceRequest', 'urn:keta:referral', id)).toBe(1);
    expect((await admin.send('GET', '/sync/dead-letters')).body).toEqual([]);
  });

  it('converges through 5xx, 429 with Retry-After, timeouts and dropped connections, and a killed worker: each record once, as it is', async () => {
    await control('faults', { latencyMs: 0, errorRate: 0.15, rateLimitRate: 0.05, retryAfterSeconds: 1, timeoutRate: 0.05, dropRate: 0.05, seed: 7 });
    const ids: string[] = [];
    for (let n = 1; n <= 20; n += 1) ids.push(await refer(n));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await stack.killWorker();
    await stack.startWorker();
    for (const id of ids) await eventually(() => syncState(id), (state) => state === 'synced', 120000);
    await control('faults', { latencyMs: 0 });

    const received = (await (await fetch(`${stack.sandboxOrigin}/$sandbox/requests`)).json()) as { received: Array<{ fault?: string }> };
    const faults = new Set(received.received.map((r) => r.fault).filter(Boolean));
    expect(faults).toEqual(new Set(['error', 'rate-limit', 'timeout', 'drop']));
    for (const id of ids) {
      const [row] = await query<{ resource: ServiceRequest; task_id: string; patient_id: string }>(
        `SELECT f.resource, r.task_id, r.patient_id FROM referral r JOIN fhir_resource f ON f.id = r.id WHERE r.id = $1`, [id]);
      expect(await countByIdentifier('Patient', 'urn:keta:patient', row!.patient_id)).toBe(1);
      expect(await countByIdentifier('Task', 'urn:keta:referral-task', row!.task_id)).toBe(1);
      const [remote] = await ehr.searchResources('ServiceRequest', { identifier: `urn:keta:referral|${id}` });
      // The EHR's copy is the current projection: content compared, ignoring its own id, meta and the patient's id.
      const { id: _localId, meta: _localMeta, subject: _localSubject, ...local } = row!.resource;
      const { id: _remoteId, meta: _remoteMeta, subject: _remoteSubject, ...stored } = remote!;
      expect(stored).toEqual(local);
    }
  });

  it('stops what goes to an EHR once the privacy consent naming it is revoked, and the ledger says why', async () => {
    const id = await refer(100);
    await eventually(() => syncState(id), (state) => state === 'synced', 30000);
    const [row] = await query<{ patient_id: string; task_id: string }>(`SELECT patient_id, task_id FROM referral WHERE id = $1`, [id]);
    const form = await admin.send('POST', '/consent-forms', { kind: 'privacy', title: 'Release of records', body: 'I allow the clinic to send my records to the EHR named here.' });
    const consent = await clinician.send('POST', `/patients/${row!.patient_id}/consents`, {
      kind: 'privacy', formId: form.body.id, witnessId: clinicianId, recipient: { name: 'Sandbox EHR', url: stack.sandboxFhirUrl },
    });
    expect(consent.status).toBe(201);
    await eventually(() => countByIdentifier('Consent', 'urn:keta:consent', consent.body.id as string), (n) => n === 1, 30000);
    const [taskBefore] = await ehr.searchResources('Task', { identifier: `urn:keta:referral-task|${row!.task_id}` });

    expect((await clinician.send('POST', `/consents/${consent.body.id}/revoke`, undefined, { 'if-match': consent.etag! })).status).toBe(200);
    const letter = await fetch(`${stack.apiUrl}/referrals/${id}/letter`, {
      method: 'PUT', headers: { authorization: `Bearer ${referrer.accessToken}`, 'content-type': 'application/pdf' }, body: Buffer.from('%PDF-1.7\nletter\n%%EOF\n'),
    });
    expect(letter.status).toBe(200);
    const withheld = await eventually(
      () => query<{ resource_type: string; last_error_code: string }>(
        `SELECT l.resource_type, l.last_error_code FROM sync_ledger l JOIN fhir_resource r ON r.id = l.resource_id WHERE r.patient_id = $1 AND l.status = 'withheld'`, [row!.patient_id]),
      (rows) => rows.some((r) => r.resource_type === 'DocumentReference') && rows.some((r) => r.resource_type === 'Task'), 30000,
    );
    expect(new Set(withheld.map((r) => r.last_error_code))).toEqual(new Set(['consent-revoked']));
    const [taskAfter] = await ehr.searchResources('Task', { identifier: `urn:keta:referral-task|${row!.task_id}` });
    expect(taskAfter?.meta?.versionId).toBe(taskBefore?.meta?.versionId);
    expect((await ehr.searchResources('DocumentReference', { patient: taskAfter!.for!.reference! })).length).toBe(0);
    const [consentInEhr] = await ehr.searchResources('Consent', { identifier: `urn:keta:consent|${consent.body.id}` });
    expect(consentInEhr?.status).toBe('active');
  });
});
