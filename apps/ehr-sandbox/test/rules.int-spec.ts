import type { Bundle, BundleEntry, OperationOutcome, Patient } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import type { RunningSandbox } from '../src/start-sandbox';
import { patient, sandboxClient, startTestSandbox, uniqueSystem, type SandboxClient } from './sandbox-client';

const TELECOM: Patient['telecom'] = [{ system: 'phone', value: '555-0100' }];

function entry(resource: Patient): BundleEntry {
  return { fullUrl: `urn:uuid:${randomUUID()}`, resource, request: { method: 'POST', url: 'Patient' } };
}

/** The EHR's own rules, as a real EHR enforces its profile (US Core 6: Patient.gender). */
describe('EHR rules', () => {
  let sandbox: RunningSandbox;
  let fhir: SandboxClient;
  const rules = (settings: unknown) => fhir.put('/$sandbox/rules', settings);
  const stored = async (system: string) => (await fhir.searchIds('Patient', `identifier=${system}|`)).total;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    fhir = sandboxClient(sandbox);
  });
  afterAll(() => sandbox.close());
  beforeEach(() => rules({ requiredElements: { Patient: ['gender', 'telecom'] } }));
  afterEach(() => rules({}));

  it('answers the rules in force', async () => {
    expect((await fhir.get('/$sandbox/rules')).body).toEqual({ requiredElements: { Patient: ['gender', 'telecom'] } });
  });

  it('refuses a create lacking a required element with a 422 naming it, without echoing values', async () => {
    const system = uniqueSystem();
    const { status, body } = await fhir.post<OperationOutcome>('/Patient', patient([{ system, value: 'x' }], 'Privatename'));
    expect(status).toBe(422);
    expect(body.resourceType).toBe('OperationOutcome');
    expect(body.issue).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'required',
        expression: ['Patient.telecom'],
        diagnostics: expect.stringContaining('Patient.telecom'),
      }),
    ]);
    expect(JSON.stringify(body)).not.toMatch(/Privatename|1980-02-03|female/);
    expect(await stored(system)).toBe(0);
  });

  it('accepts the write once the element is there', async () => {
    const system = uniqueSystem();
    const { status } = await fhir.post('/Patient', { ...patient([{ system, value: 'x' }]), telecom: TELECOM });
    expect(status).toBe(201);
    expect(await stored(system)).toBe(1);
  });

  it('refuses an update that drops a required element and keeps the stored version', async () => {
    const { body: created } = await fhir.post<Patient>('/Patient', { ...patient([]), telecom: TELECOM });
    const { telecom: _telecom, ...withoutTelecom } = created;
    const refused = await fhir.put<OperationOutcome>(`/Patient/${created.id}`, withoutTelecom);
    expect(refused.status).toBe(422);
    expect(refused.body.issue?.flatMap((issue) => issue.expression ?? [])).toEqual(['Patient.telecom']);
    expect((await fhir.get<Patient>(`/Patient/${created.id}`)).body).toEqual(created);
  });

  it('refuses a whole transaction holding such an entry: nothing of it is stored', async () => {
    const system = uniqueSystem();
    const transaction: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [entry({ ...patient([{ system, value: 'complete' }]), telecom: TELECOM }), entry(patient([{ system, value: 'lacking' }]))],
    };
    const refused = await fhir.post<OperationOutcome>('/', transaction);
    expect(refused.status).toBe(422);
    expect(refused.body.issue?.flatMap((issue) => issue.expression ?? [])).toEqual(['Patient.telecom']);
    expect(await stored(system)).toBe(0);

    const lacking = transaction.entry?.[1]?.resource as Patient;
    lacking.telecom = TELECOM;
    expect((await fhir.post('/', transaction)).status).toBe(200);
    expect(await stored(system)).toBe(2);
  });

  it('refuses only the lacking entry of a batch', async () => {
    const system = uniqueSystem();
    const batch: Bundle = {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [entry({ ...patient([{ system, value: 'complete' }]), telecom: TELECOM }), entry(patient([{ system, value: 'lacking' }]))],
    };
    const { status, body } = await fhir.post<Bundle>('/', batch);
    expect(status).toBe(200);
    expect(body.entry?.map((e) => e.response?.status)).toEqual(['201', '422']);
    expect(await stored(system)).toBe(1);
  });

  it('names every missing element, and a choice element by its name without [x]', async () => {
    await rules({ requiredElements: { Patient: ['telecom', 'deceased'] } });
    const { status, body } = await fhir.post<OperationOutcome>('/Patient', { resourceType: 'Patient' });
    expect(status).toBe(422);
    expect(body.issue?.flatMap((issue) => issue.expression ?? [])).toEqual(['Patient.telecom', 'Patient.deceased']);
    expect((await fhir.post('/Patient', { resourceType: 'Patient', telecom: TELECOM, deceasedBoolean: false })).status).toBe(201);
  });

  it('applies a rule to its resource type only', async () => {
    const { status } = await fhir.post('/Observation', { resourceType: 'Observation', status: 'final', code: { text: 'PHQ-9' } });
    expect(status).toBe(201);
  });

  it('lets everything through again once the rules are {}', async () => {
    expect((await rules({})).body).toEqual({ requiredElements: {} });
    expect((await fhir.get('/$sandbox/rules')).body).toEqual({ requiredElements: {} });
    expect((await fhir.post('/Patient', patient([]))).status).toBe(201);
  });

  it.each<unknown>([
    { requiredElements: { NoSuchType: ['id'] } },
    { requiredElements: { Patient: [''] } },
    { requiredElements: { Patient: ['favouriteColour'] } },
    { requiredElements: { Patient: 'telecom' } },
    { requiredElements: { Patient: [7] } },
    { requiredElements: [] },
    { requiredElements: { Patient: ['gender'] }, strict: true },
    [],
    'not json',
  ])('refuses the rules %j and keeps those in force', async (settings) => {
    const { status, body } = await rules(settings);
    expect(status).toBe(400);
    expect(body).toEqual({ error: expect.any(String) });
    expect((await fhir.get('/$sandbox/rules')).body).toEqual({ requiredElements: { Patient: ['gender', 'telecom'] } });
  });

  it('demands a bearer token when told to: 401 without it or with another, served with it; /metadata stays open', async () => {
    const token = 'sandbox-token-0123456789';
    await rules({ requiredElements: {}, bearerToken: token });
    const bearer = (value: string) => ({ headers: { authorization: `Bearer ${value}`, 'content-type': 'application/fhir+json' } });
    const body = { ...patient([{ system: uniqueSystem(), value: '1' }], 'Rules'), telecom: TELECOM };
    const refused = await fhir.post<OperationOutcome>('/Patient', body);
    expect([refused.status, refused.headers.get('www-authenticate'), refused.body.issue[0]?.code]).toEqual([401, 'Bearer', 'login']);
    expect((await fhir.post('/Patient', body, bearer('another-token-0123456789'))).status).toBe(401);
    expect((await fhir.post('/Patient', body, bearer(token))).status).toBe(201);
    expect((await fhir.get('/metadata')).status).toBe(200);
    expect((await fhir.put('/$sandbox/rules', { bearerToken: 'short' })).status).toBe(400);
  });
});
