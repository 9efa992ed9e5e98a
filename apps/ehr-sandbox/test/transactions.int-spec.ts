import type { Bundle, BundleEntry, OperationOutcome, Patient, ServiceRequest } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import type { RunningSandbox } from '../src/start-sandbox';
import { patient, sandboxClient, startTestSandbox, uniqueSystem, type SandboxClient } from './sandbox-client';

function bundle(type: 'transaction' | 'batch', entry: BundleEntry[]): Bundle {
  return { resourceType: 'Bundle', type, entry };
}

function create(resource: Patient): BundleEntry {
  return { fullUrl: `urn:uuid:${randomUUID()}`, resource, request: { method: 'POST', url: resource.resourceType } };
}

/** What a sync sends: a referral's patient and order, upserted by identifier, the order pointing at the patient. */
function referralTransaction(system: string, referral: string): Bundle {
  const patientUrl = `urn:uuid:${randomUUID()}`;
  const order: ServiceRequest = {
    resourceType: 'ServiceRequest',
    identifier: [{ system, value: referral }],
    status: 'active',
    intent: 'order',
    code: { text: 'IV ketamine infusion series' },
    subject: { reference: patientUrl },
  };
  return bundle('transaction', [
    {
      fullUrl: patientUrl,
      resource: patient([{ system, value: 'MRN-7' }]),
      request: { method: 'PUT', url: `Patient?identifier=${system}|MRN-7` },
    },
    { fullUrl: `urn:uuid:${randomUUID()}`, resource: order, request: { method: 'PUT', url: `ServiceRequest?identifier=${system}|${referral}` } },
  ]);
}

describe('transactions and batches', () => {
  let sandbox: RunningSandbox;
  let fhir: SandboxClient;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    fhir = sandboxClient(sandbox);
  });
  afterAll(() => sandbox.close());

  it('leaves nothing behind when a later entry is invalid', async () => {
    const system = uniqueSystem();
    const refused = await fhir.post<OperationOutcome>(
      '/',
      bundle('transaction', [create(patient([{ system, value: 'first' }])), create({ ...patient([]), birthDate: 'not a date' })]),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.resourceType).toBe('OperationOutcome');
    expect(await fhir.searchIds('Patient', `identifier=${system}|first`)).toEqual({ ids: [], total: 0 });
  });

  it('puts back what a failed transaction updated, history and identifiers included', async () => {
    const system = uniqueSystem();
    const { body: existing } = await fhir.post<Patient>('/Patient', patient([{ system, value: 'before' }]));
    const { body: other } = await fhir.post<Patient>('/Patient', patient([{ system, value: 'other' }]));
    const refused = await fhir.post<OperationOutcome>(
      '/',
      bundle('transaction', [
        create(patient([{ system, value: 'created' }])),
        { resource: { ...existing, identifier: [{ system, value: 'after' }] }, request: { method: 'PUT', url: `Patient/${existing.id}` } },
        { resource: { ...other, gender: 'robot' as Patient['gender'] }, request: { method: 'PUT', url: `Patient/${other.id}` } },
      ]),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.issue?.[0]?.expression).toEqual(['Patient.gender']);
    expect((await fhir.get<Patient>(`/Patient/${existing.id}`)).body).toEqual(existing);
    expect((await fhir.get<Bundle>(`/Patient/${existing.id}/_history`)).body.entry).toHaveLength(1);
    expect((await fhir.searchIds('Patient', `identifier=${system}|before`)).ids).toEqual([existing.id]);
    expect((await fhir.searchIds('Patient', `identifier=${system}|after`)).total).toBe(0);
    expect((await fhir.searchIds('Patient', `identifier=${system}|created`)).total).toBe(0);
  });

  it('upserts by identifier: the same transaction twice gives one Patient and one ServiceRequest that points at it', async () => {
    const system = uniqueSystem();
    const first = await fhir.post<Bundle>('/', referralTransaction(system, 'REF-1'));
    expect(first.status).toBe(200);
    expect(first.body.type).toBe('transaction-response');
    expect(first.body.entry?.map((e) => e.response?.status)).toEqual(['201', '201']);

    const second = await fhir.post<Bundle>('/', referralTransaction(system, 'REF-1'));
    expect(second.status).toBe(200);
    expect(second.body.entry?.map((e) => e.response?.status)).toEqual(['200', '200']);

    const patients = await fhir.get<Bundle<Patient>>(`/Patient?identifier=${system}|MRN-7`);
    const orders = await fhir.get<Bundle<ServiceRequest>>(`/ServiceRequest?identifier=${system}|REF-1`);
    expect(patients.body.total).toBe(1);
    expect(orders.body.total).toBe(1);
    const patientId = patients.body.entry?.[0]?.resource?.id;
    expect(orders.body.entry?.[0]?.resource?.subject?.reference).toBe(`Patient/${patientId}`);
  });

  it('rolls back conditional creates too (they nest inside the transaction)', async () => {
    const system = uniqueSystem();
    const transaction = referralTransaction(system, 'REF-2');
    const order = transaction.entry?.[1]?.resource as ServiceRequest;
    delete (order as Partial<ServiceRequest>).intent;
    const refused = await fhir.post<OperationOutcome>('/', transaction);
    expect(refused.status).toBe(400);
    expect(refused.body.issue?.[0]?.expression).toEqual(['ServiceRequest.intent']);
    expect((await fhir.searchIds('Patient', `identifier=${system}|MRN-7`)).total).toBe(0);
  });

  it('isolates concurrent transactions: the failing one leaves nothing, the other keeps everything', async () => {
    const system = uniqueSystem();
    const good = bundle('transaction', ['a', 'b', 'c'].map((value) => create(patient([{ system, value: `good-${value}` }]))));
    const bad = bundle('transaction', [
      ...['a', 'b'].map((value) => create(patient([{ system, value: `bad-${value}` }]))),
      create({ ...patient([]), birthDate: 'never' }),
    ]);
    const [goodAnswer, badAnswer] = await Promise.all([fhir.post('/', good), fhir.post('/', bad)]);
    expect([goodAnswer.status, badAnswer.status]).toEqual([200, 400]);
    for (const value of ['a', 'b', 'c']) expect((await fhir.searchIds('Patient', `identifier=${system}|good-${value}`)).total).toBe(1);
    for (const value of ['a', 'b']) expect((await fhir.searchIds('Patient', `identifier=${system}|bad-${value}`)).total).toBe(0);
  });

  it('runs a batch entry by entry: an invalid entry fails alone', async () => {
    const system = uniqueSystem();
    const { status, body } = await fhir.post<Bundle>(
      '/',
      bundle('batch', [create(patient([{ system, value: 'kept' }])), create({ ...patient([]), birthDate: 'never' })]),
    );
    expect(status).toBe(200);
    expect(body.entry?.map((e) => e.response?.status)).toEqual(['201', '400']);
    expect((await fhir.searchIds('Patient', `identifier=${system}|kept`)).total).toBe(1);
  });
});
