import { eventually } from '@keta/lifecycle/testing';
import { MedplumClient } from '@medplum/core';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ApiClient } from './api-client';
import { createAdmin, startStack, type Stack } from './stack';

function referral(n: number) {
  return {
    patient: {
      name: { given: [`Setting${n}`], family: 'Knobs' }, birthDate: '1990-02-02', sex: 'male',
      identifiers: [{ system: 'http://harbor-psychiatry.example/mrn', value: `MRN-${randomUUID()}` }],
    },
    referrer: { name: 'Dr Lee', npi: '1234567893' },
    indication: { system: 'http://snomed.info/sct', code: '370143000' },
    reason: 'Major depression',
  };
}

const TOKEN = `sandbox-${randomUUID()}`;

/** What each connection's settings do to the sync: paused, the types it receives, its rate limit, its credentials. */
describe('per-connection sync settings', () => {
  let stack: Stack;
  let admin: ApiClient;
  let referrer: ApiClient;
  let connectionId: string;
  let ehr: MedplumClient;

  beforeAll(async () => {
    stack = await startStack({ SYNC_CONCURRENCY: '4', EHR_SANDBOX_TOKEN: TOKEN, SYNC_BREAKER_COOLDOWN_MS: '500' });
    createAdmin(stack, 'admin@clinic.example', 'e2e admin passphrase');
    admin = await ApiClient.signIn(stack.apiUrl, 'admin@clinic.example', 'e2e admin passphrase');
    await admin.send('POST', '/users', { email: 'referrer@clinic.example', displayName: 'r', role: 'referrer', password: 'referrer passphrase 123' });
    referrer = await ApiClient.signIn(stack.apiUrl, 'referrer@clinic.example', 'referrer passphrase 123');
    connectionId = (await admin.send('POST', '/ehr-connections', { name: 'Sandbox EHR', baseUrl: stack.sandboxFhirUrl, kind: 'clinic-ehr' })).body.id as string;
    ehr = new MedplumClient({ baseUrl: `${stack.sandboxOrigin}/`, fhirUrlPath: 'fhir/R4', cacheTime: 0 });
  });
  afterAll(() => stack?.stop());

  const settle = () => new Promise((resolve) => setTimeout(resolve, 2000));
  const change = async (settings: object) => expect((await admin.changeAsRead('PATCH', `/ehr-connections/${connectionId}`, settings)).status).toBe(200);
  async function refer(n: number): Promise<string> {
    const res = await referrer.send('POST', '/referrals', referral(n));
    expect(res.status).toBe(201);
    return res.body.id as string;
  }
  const state = async (id: string) => (await referrer.send('GET', `/referrals/${id}`)).body.sync[0].state as string;
  const inEhr = async (id: string) => (await ehr.searchResources('ServiceRequest', { identifier: `urn:keta:referral|${id}` })).length;

  it('holds everything while the connection is paused, and sends it once resumed', async () => {
    await change({ paused: true });
    await settle();
    const id = await refer(1);
    await settle();
    expect([await state(id), await inEhr(id)]).toEqual(['pending', 0]);
    await change({ paused: false });
    await eventually(() => state(id), (s) => s === 'synced', 30000);
    expect(await inEhr(id)).toBe(1);
  });

  it('sends only the types the connection receives; the rest is withheld, and the ledger says so', async () => {
    await change({ resourceTypes: ['Patient', 'ServiceRequest', 'Task'] });
    await settle();
    const id = await refer(2);
    await eventually(() => state(id), (s) => s === 'synced', 30000);
    const db = new Client({ connectionString: stack.db.url });
    await db.connect();
    const { rows } = await db.query(
      `SELECT l.status, l.last_error_code FROM sync_ledger l JOIN fhir_resource r ON r.id = l.resource_id
        WHERE r.resource_type = 'Condition' AND r.patient_id = (SELECT patient_id FROM referral WHERE id = $1)`, [id]);
    await db.end();
    expect(rows).toEqual([{ status: 'withheld', last_error_code: 'type-not-enabled' }]);
    const [request] = await ehr.searchResources('ServiceRequest', { identifier: `urn:keta:referral|${id}` });
    expect((await ehr.searchResources('Condition', { patient: request!.subject!.reference! })).length).toBe(0);
    await change({ resourceTypes: null });
  });

  it('keeps to the connection\'s rate limit', async () => {
    await change({ rateLimitPerMinute: 1 });
    await settle();
    const first = await refer(3);
    await eventually(() => state(first), (s) => s === 'synced', 30000);
    const second = await refer(4);
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(await state(second)).toBe('pending');
    await change({ rateLimitPerMinute: null });
    await eventually(() => state(second), (s) => s === 'synced', 30000);
  });

  it('authenticates with the bearer token from the worker\'s environment, which never enters the database or the API', async () => {
    await fetch(`${stack.sandboxOrigin}/$sandbox/rules`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ bearerToken: TOKEN }) });
    const refused = await refer(5);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await state(refused)).not.toBe('synced');
    const changed = await admin.changeAsRead('PATCH', `/ehr-connections/${connectionId}`, { auth: { kind: 'bearer', tokenEnv: 'EHR_SANDBOX_TOKEN' } });
    expect(changed.body.auth).toEqual({ kind: 'bearer', tokenEnv: 'EHR_SANDBOX_TOKEN' });
    await eventually(() => state(refused), (s) => s === 'synced', 60000);
    ehr.setAccessToken(TOKEN);
    expect(await inEhr(refused)).toBe(1);
    const db = new Client({ connectionString: stack.db.url });
    await db.connect();
    const { rows } = await db.query(`SELECT row_to_json(c)::text AS row FROM ehr_connection c`);
    await db.end();
    expect(JSON.stringify(rows)).not.toContain(TOKEN);
    expect(stack.logs()).not.toContain(TOKEN);
  });
});
