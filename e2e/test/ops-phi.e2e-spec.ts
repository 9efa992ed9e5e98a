import { eventually } from '@keta/lifecycle/testing';
import { randomUUID } from 'node:crypto';
import { ApiClient } from './api-client';
import { userOf } from './clinic-day';
import { createAdmin, startStack, type Stack } from './stack';

/** What must never reach ops: the referred patients' names, birth date and record number. */
const PHI = { given: 'Zebulonia', family: 'Quartermaine', birthDate: '1937-07-19', mrn: `MRN-PHI-${randomUUID().slice(0, 8)}` };

/**
 * PHI-free by construction, checked as a whole: patients with distinctive names go through a sync that fails
 * (the EHR drops requests, then refuses Patients without a phone: its OperationOutcome names the patient), and
 * then every ops answer, every Bull Board answer and both metrics scrapes are read for their names, birth date
 * and MRN, and hold none of them, while holding the ids ops work with.
 */
describe('what ops see holds no PHI', () => {
  let stack: Stack;
  let ops: ApiClient;
  let connectionId: string;
  const patientIds: string[] = [];

  beforeAll(async () => {
    stack = await startStack({ SYNC_ATTEMPTS: '2', SYNC_BACKOFF_MS: '100', SYNC_BREAKER_THRESHOLD: '50', EHR_REQUEST_TIMEOUT_MS: '1500' });
    createAdmin(stack, 'admin@clinic.example', 'e2e admin passphrase');
    const admin = await ApiClient.signIn(stack.apiUrl, 'admin@clinic.example', 'e2e admin passphrase');
    ops = (await userOf(admin, stack.apiUrl, 'ops', 'ops@clinic.example')).client;
    const referrer = (await userOf(admin, stack.apiUrl, 'referrer', 'dr.lee@harbor-psychiatry.example')).client;
    connectionId = (await admin.send('POST', '/ehr-connections', { name: 'Sandbox EHR', baseUrl: stack.sandboxFhirUrl, kind: 'clinic-ehr' })).body.id as string;
    const refer = async (n: number) => {
      const patient = {
        name: { given: [`${PHI.given}${n}`], family: PHI.family }, birthDate: PHI.birthDate, sex: 'female',
        identifiers: [{ system: 'http://harbor-psychiatry.example/mrn', value: `${PHI.mrn}-${n}` }],
      };
      const res = await referrer.send('POST', '/referrals', { patient, referrer: { name: 'Dr Lee', npi: '1234567893' }, indication: { system: 'http://snomed.info/sct', code: '370143000' }, reason: 'Major depression' });
      expect(res.status).toBe(201);
      patientIds.push((await referrer.send('GET', `/referrals/${res.body.id}`)).body.patient.id as string);
      return res.body.id as string;
    };
    const first = await refer(1);
    await eventually(() => referrer.send('GET', `/referrals/${first}`), (r) => r.body?.sync?.[0]?.state === 'synced', 30000);
    // Requests dropped: failed jobs. Then Patients refused by the EHR's rules: dead letters with an outcome.
    await sandbox('faults', { dropRate: 1 });
    for (const n of [2, 3]) await refer(n);
    await eventually(() => ops.send('GET', '/ops/connections'), (r) => (r.body?.[0]?.queue?.failed ?? 0) >= 1, 60000);
    await sandbox('faults', {});
    await sandbox('rules', { requiredElements: { Patient: ['telecom'] } });
    for (const n of [4, 5]) await refer(n);
    await eventually(() => ops.send('GET', '/ops/connections'), (r) => (r.body?.[0]?.queue?.deadLetters ?? 0) >= 1, 60000);
  });
  afterAll(() => stack?.stop());

  async function sandbox(what: 'faults' | 'rules', body: object): Promise<void> {
    const res = await fetch(`${stack.sandboxOrigin}/$sandbox/${what}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
  }

  /** Fails naming each answer that holds a piece of PHI. */
  function expectNoPhi(answers: Array<[string, string]>): void {
    const leaks = answers.flatMap(([where, text]) => Object.values(PHI).filter((phi) => text.includes(phi)).map((phi) => `${where}: ${phi}`));
    expect(leaks).toEqual([]);
  }

  const text = async (client: ApiClient, path: string) => JSON.stringify((await client.send('GET', path)).body);

  it('in the ops API: connections, failures, the ledger searched', async () => {
    const answers: Array<[string, string]> = [];
    for (const path of ['/ops/connections', `/ops/connections/${connectionId}/failures`, `/ops/sync-records?connectionId=${connectionId}&limit=500`, '/sync/dead-letters']) {
      answers.push([path, await text(ops, path)]);
    }
    expectNoPhi(answers);
    // The scan read the records ops work with: their ids are there, and the failures are.
    const failures = JSON.parse(answers[1]![1]) as { jobs: unknown[]; records: Array<{ status: string }> };
    expect(failures.jobs.length + failures.records.length).toBeGreaterThan(0);
    expect(failures.records.some((r) => r.status === 'dead-letter')).toBe(true);
    expect(answers[2]![1]).toContain(patientIds[0]!);
  });

  it('in Bull Board: its page, its queues and every job in every state', async () => {
    const ticket = await ops.send('POST', '/ops/queues/ticket');
    const opened = await fetch(`${stack.apiUrl}${ticket.body.url}`, { redirect: 'manual' });
    const cookie = opened.headers.get('set-cookie')!.split(';')[0]!;
    const board = async (path: string) => {
      const res = await fetch(`${stack.apiUrl}/ops/queues${path}`, { headers: { cookie } });
      expect(res.status).toBe(200);
      return res.text();
    };
    const answers: Array<[string, string]> = [['/', await board('/')]];
    const queues = await board('/api/queues');
    answers.push(['/api/queues', queues]);
    const names = (JSON.parse(queues) as { queues: Array<{ name: string }> }).queues.map((q) => q.name);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      for (const status of ['latest', 'failed', 'completed', 'delayed', 'waiting', 'active']) {
        const path = `/api/queues?activeQueue=${encodeURIComponent(name)}&status=${status}&page=1&jobsPerPage=100`;
        answers.push([path, await board(path)]);
      }
    }
    expectNoPhi(answers);
    expect(answers.map(([, t]) => t).join('')).toContain(patientIds[0]!);
  });

  it('in the metrics scrapes of the api and the worker', async () => {
    const api = await fetch(`${stack.apiUrl}/metrics`, { headers: { authorization: `Bearer ${ops.accessToken}` } });
    const worker = await fetch(stack.workerMetricsUrl);
    expect([api.status, worker.status]).toEqual([200, 200]);
    const [apiText, workerText] = [await api.text(), await worker.text()];
    expectNoPhi([['api /metrics', apiText], ['worker /metrics', workerText]]);
    expect(workerText).toContain(connectionId);
  });
});
