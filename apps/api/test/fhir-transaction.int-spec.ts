import { MedplumClient } from '@medplum/core';
import type { Bundle, OperationOutcome, ServiceRequest } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import request from 'supertest';
import { listen, obtainToken, registerClient, signingKey } from './smart-fixtures';
import { countRows, startTestApp, type TestApp } from './test-app';

/** A referral as an EHR sends one: Patient, Practitioner and ServiceRequest linked by urn:uuid fullUrls. */
function referralBundle(referralId = `R-${randomUUID()}`, changes: { gender?: string; status?: string | null } = {}): Bundle {
  const [patient, practitioner] = [`urn:uuid:${randomUUID()}`, `urn:uuid:${randomUUID()}`];
  const request: Record<string, unknown> = {
    resourceType: 'ServiceRequest', status: 'active', intent: 'order',
    identifier: [{ system: 'http://harbor-hospital.example/referral', value: referralId }],
    code: { coding: [{ system: 'http://snomed.info/sct', code: '3457005' }] },
    subject: { reference: patient }, requester: { reference: practitioner },
    reasonCode: [{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F43.12' }], text: 'Chronic PTSD' }],
    note: [{ text: 'Chronic PTSD; prolonged exposure therapy without response' }],
  };
  if (changes.status === null) delete request.status;
  return {
    resourceType: 'Bundle', type: 'transaction',
    entry: [
      { fullUrl: patient, resource: { resourceType: 'Patient', identifier: [{ system: 'http://harbor-hospital.example/mrn', value: `MRN-${referralId}` }], name: [{ family: 'Okonkwo', given: ['Ife'] }], birthDate: '1988-06-30', gender: (changes.gender ?? 'female') as 'female' }, request: { method: 'POST', url: 'Patient' } },
      { fullUrl: practitioner, resource: { resourceType: 'Practitioner', identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }], name: [{ given: ['Mia'], family: 'Lee' }] }, request: { method: 'POST', url: 'Practitioner' } },
      { fullUrl: `urn:uuid:${randomUUID()}`, resource: request as unknown as ServiceRequest, request: { method: 'POST', url: 'ServiceRequest' } },
    ],
  };
}

const TABLES = ['patient', 'referral', 'fhir_resource', 'outbox', 'inbound_referral'];

describe('an EHR refers a patient with a FHIR transaction Bundle', () => {
  let t: TestApp;
  let base: string;
  let ehr: MedplumClient;
  let readOnly: MedplumClient;

  beforeAll(async () => {
    t = await startTestApp('fhir_transaction');
    base = await listen(t);
    const admin = (await t.signedIn('admin')).token;
    const key = await signingKey('RS384');
    const clientId = await registerClient(t, admin, [key], ['system/ServiceRequest.crs', 'system/Patient.rs', 'system/Task.rs']);
    const client = (scope: string) => obtainToken(base, clientId, key, scope).then((token) => {
      const medplum = new MedplumClient({ baseUrl: `${base}/`, fhirUrlPath: 'fhir/R4', fetch });
      medplum.setAccessToken(token);
      return medplum;
    });
    ehr = await client('system/ServiceRequest.crs system/Patient.rs');
    readOnly = await client('system/ServiceRequest.rs system/Patient.rs');
  });
  afterAll(() => t.close());

  const counts = async () => Object.fromEntries(await Promise.all(TABLES.map(async (table) => [table, await countRows(t.db, table)])));

  it('takes the referral through the same intake, then the EHR finds it with a standard client', async () => {
    const capability = await ehr.get(`${base}/fhir/R4/metadata`);
    expect(capability.rest[0].interaction).toEqual([expect.objectContaining({ code: 'transaction' })]);
    const before = await counts();
    const response = await ehr.executeBatch(referralBundle('R-100'));
    expect(response.type).toBe('transaction-response');
    expect(response.entry?.map((e) => e.response?.status)).toEqual(['200 OK', '200 OK', '201 Created']);
    const location = response.entry?.[2]?.response?.location ?? '';
    expect(location).toMatch(/^ServiceRequest\/[0-9a-f-]{36}$/);
    expect(await counts()).toEqual({ ...before, patient: before.patient + 1, referral: before.referral + 1, fhir_resource: before.fhir_resource + 4, outbox: before.outbox + 4, inbound_referral: before.inbound_referral + 1 });

    const [found] = await ehr.searchResources('ServiceRequest', { _id: location.split('/')[1]! });
    expect(found).toMatchObject({ status: 'active', reasonCode: [{ coding: [{ code: 'F43.12' }] }], note: [{ text: 'Chronic PTSD; prolonged exposure therapy without response' }] });
    const patient = await ehr.readResource('Patient', response.entry![0]!.response!.location!.split('/')[1]!);
    expect(patient).toMatchObject({ name: [{ family: 'Okonkwo', given: ['Ife'] }], birthDate: '1988-06-30' });
  });

  it('changes nothing when the same referral is sent again', async () => {
    const first = await ehr.executeBatch(referralBundle('R-200'));
    const before = await counts();
    const again = await ehr.executeBatch(referralBundle('R-200'));
    expect(again.entry?.[2]?.response).toEqual({ status: '200 OK', location: first.entry?.[2]?.response?.location });
    expect(await counts()).toEqual(before);
  });

  it('refuses with 409 a patient whose identifier belongs to someone else, writing nothing', async () => {
    await ehr.executeBatch(referralBundle('R-600'));
    const someoneElse = referralBundle('R-601');
    someoneElse.entry![0]!.resource = { ...someoneElse.entry![0]!.resource!, identifier: [{ system: 'http://harbor-hospital.example/mrn', value: 'MRN-R-600' }], birthDate: '1970-01-01' } as never;
    const { status, outcome } = await refused(someoneElse);
    expect(status).toBe(409);
    expect(outcome.issue[0]).toMatchObject({ code: 'conflict' });
  });

  describe('conditional create (If-None-Exist)', () => {
    const conditional = (bundle: Bundle, ifNoneExist: string) => {
      bundle.entry![2]!.request = { method: 'POST', url: 'ServiceRequest', ifNoneExist };
      return bundle;
    };
    const asClinician = async (bundle: Bundle) => {
      const { token } = await t.signedIn('clinician');
      return request(t.http).post('/fhir/R4').set('authorization', `Bearer ${token}`).set('content-type', 'application/fhir+json').send(bundle);
    };

    it('keeps the referrer\'s identifier, and finds the referral by it whoever sends it again', async () => {
      const first = await ehr.executeBatch(conditional(referralBundle('R-400'), 'identifier=http://harbor-hospital.example/referral|R-400'));
      const location = first.entry![2]!.response!.location!;
      const [found] = await ehr.searchResources('ServiceRequest', { identifier: 'http://harbor-hospital.example/referral|R-400' });
      expect(`ServiceRequest/${found!.id}`).toBe(location);
      expect(found!.identifier?.[1]).toMatchObject({ value: 'R-400', type: { coding: [{ code: 'PLAC' }] } });

      const before = await counts();
      const again = await asClinician(conditional(referralBundle('R-400'), 'identifier=http://harbor-hospital.example/referral|R-400'));
      expect(again.body.entry[2].response).toEqual({ status: '200 OK', location });
      expect((await counts()).referral).toBe(before.referral);
      const plain = await asClinician(referralBundle('R-400'));
      expect(plain.body.entry[2].response.status).toBe('201 Created');
    });

    it('answers 412 when the condition matches more than one, and 400 to a condition it does not evaluate, writing nothing', async () => {
      await asClinician(referralBundle('R-500'));
      await asClinician(referralBundle('R-500'));
      const twice = await refused(conditional(referralBundle('R-500'), 'identifier=http://harbor-hospital.example/referral|R-500'));
      expect(twice.status).toBe(412);
      expect(twice.outcome.issue).toEqual([expect.objectContaining({ code: 'multiple-matches', expression: ['Bundle.entry[2].request.ifNoneExist'] })]);
      const unevaluated = await refused(conditional(referralBundle('R-501'), 'status=active'));
      expect([unevaluated.status, where(unevaluated.outcome)]).toEqual([400, ['Bundle.entry[2].request.ifNoneExist']]);
    });
  });

  it('refuses a token without system/ServiceRequest.c, writing nothing', async () => {
    const before = await counts();
    await expect(readOnly.executeBatch(referralBundle())).rejects.toThrow('system/ServiceRequest.c');
    expect(await counts()).toEqual(before);
  });

  async function refused(body: unknown): Promise<{ status: number; outcome: OperationOutcome }> {
    const before = await counts();
    const res = await fetch(`${base}/fhir/R4`, { method: 'POST', headers: { authorization: `Bearer ${ehr.getAccessToken()}`, 'content-type': 'application/fhir+json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(await counts()).toEqual(before);
    return { status: res.status, outcome: (await res.json()) as OperationOutcome };
  }
  const where = (outcome: OperationOutcome) => outcome.issue.map((i) => i.expression?.[0]);

  it.each([
    ['malformed JSON', '{"resourceType": "Bundle", ', [undefined]],
    ['a resource that is not a Bundle', { resourceType: 'Patient' }, ['resourceType']],
    ['a history Bundle', { ...referralBundle(), type: 'history' }, ['Bundle.type']],
    ['a ServiceRequest without its required status', referralBundle(undefined, { status: null }), ['Bundle.entry[2].resource (ServiceRequest.status)']],
  ])('refuses %s with a 400 OperationOutcome naming where', async (_case, body, expressions) => {
    const { status, outcome } = await refused(body);
    expect(status).toBe(400);
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(where(outcome)).toEqual(expressions);
  });

  it.each([
    ['a subject that points outside the Bundle', (() => { const b = referralBundle(); (b.entry![2]!.resource as ServiceRequest).subject = { reference: 'Patient/elsewhere' }; return b; })(), ['Bundle.entry[2].resource.subject']],
    ['a gender Keta cannot read (Medplum\'s validator does not bind it)', referralBundle(undefined, { gender: 'robot' }), ['Patient.gender']],
    ['a referrer without an NPI', (() => { const b = referralBundle(); b.entry![1]!.resource = { resourceType: 'Practitioner', name: [{ family: 'Lee' }] }; return b; })(), ['ServiceRequest.requester']],
  ])('refuses %s, valid FHIR that Keta cannot take, with a 422 OperationOutcome naming where', async (_case, body, expressions) => {
    const { status, outcome } = await refused(body);
    expect(status).toBe(422);
    expect(outcome.issue.every((i) => i.code === 'business-rule')).toBe(true);
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(where(outcome)).toEqual(expressions);
  });

  describe('batches: each referral on its own, every entry answered', () => {
    async function postBatch(bundle: Bundle): Promise<Bundle> {
      const res = await fetch(`${base}/fhir/R4`, { method: 'POST', headers: { authorization: `Bearer ${ehr.getAccessToken()}`, 'content-type': 'application/fhir+json' }, body: JSON.stringify(bundle) });
      expect(res.status).toBe(200);
      return (await res.json()) as Bundle;
    }

    it('takes the good referral and refuses the rest entry by entry', async () => {
      const good = referralBundle('R-300');
      const bad = referralBundle('R-301');
      (bad.entry![2]!.resource as ServiceRequest).reasonCode = [{ coding: [{ system: 'http://loinc.org', code: '1-1' }] }];
      const claim = { resource: { resourceType: 'Claim' } } as never;
      const before = await counts();
      const answer = await postBatch({ resourceType: 'Bundle', type: 'batch', entry: [...good.entry!, ...bad.entry!, claim] });
      expect(answer.type).toBe('batch-response');
      expect(answer.entry?.map((e) => e.response?.status)).toEqual(['200 OK', '200 OK', '201 Created', '422', '422', '422', '422']);
      expect(answer.entry?.[5]?.response?.outcome).toMatchObject({ issue: [{ expression: ['ServiceRequest.reasonCode'] }] });
      expect(answer.entry?.[3]?.response?.outcome).toMatchObject({ issue: [{ diagnostics: 'Part of the referral in entry 5, which was refused' }] });
      expect(answer.entry?.[6]?.response?.outcome).toMatchObject({ issue: [{ diagnostics: 'Claim is not a type Keta takes' }] });
      expect((await counts()).referral).toBe(before.referral + 1);
      const again = await postBatch({ resourceType: 'Bundle', type: 'batch', entry: referralBundle('R-300').entry! });
      expect(again.entry?.[2]?.response).toEqual({ status: '200 OK', location: answer.entry?.[2]?.response?.location });
      expect((await counts()).referral).toBe(before.referral + 1);
    });

    const dir = join(dirname(require.resolve('cql-exec-fhir/package.json')), 'test', 'fixtures', 'r4');
    it.each(readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('Condition_')))('%s as a batch: every entry answered with a 4xx, nothing written', async (file) => {
      const synthea = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Bundle;
      const before = await counts();
      const answer = await postBatch({ ...synthea, type: 'batch' });
      expect(answer.entry).toHaveLength(synthea.entry!.length);
      expect(answer.entry!.every((e) => /^4\d\d/.test(e.response?.status ?? ''))).toBe(true);
      expect(await counts()).toEqual(before);
    });
  });

  describe('Synthea bundles (cql-exec-fhir test/fixtures/r4)', () => {
    const dir = join(dirname(require.resolve('cql-exec-fhir/package.json')), 'test', 'fixtures', 'r4');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('Condition_'));

    it.each(files)('%s is refused whole as a transaction, naming the entries, never a 5xx', async (file) => {
      const synthea = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Bundle;
      const { status, outcome } = await refused(synthea);
      // Invalid FHIR is answered 400 before the types Keta does not take are (422); either way each entry is named.
      expect([400, 422]).toContain(status);
      expect(outcome.issue.length).toBeGreaterThan(1);
      expect(outcome.issue.every((i) => /^Bundle\.entry\[\d+\]/.test(i.expression?.[0] ?? ''))).toBe(true);
      if (status === 422) expect(outcome.issue[0]?.diagnostics).toMatch(/is not a type Keta takes$/);
    });
  });
});
