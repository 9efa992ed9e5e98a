import type { Bundle, CapabilityStatement, OperationOutcome, Patient } from '@medplum/fhirtypes';
import type { RunningSandbox } from '../src/start-sandbox';
import { assertValidForWrite } from '../src/fhir/write-validation';
import { patient, sandboxClient, startTestSandbox, uniqueSystem, type SandboxClient } from './sandbox-client';

describe('the sandbox FHIR endpoint', () => {
  let sandbox: RunningSandbox;
  let fhir: SandboxClient;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    fhir = sandboxClient(sandbox);
  });
  afterAll(() => sandbox.close());

  it('creates, reads and updates a Patient, with Location and ETag for each version', async () => {
    const created = await fhir.post<Patient>('/Patient', patient([{ system: uniqueSystem(), value: 'MRN-1' }]));
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
    const { id, meta } = created.body;
    expect(created.headers.get('location')).toBe(`${sandbox.baseUrl}/Patient/${id}/_history/${meta?.versionId}`);
    expect(created.headers.get('etag')).toBe(`W/"${meta?.versionId}"`);

    const read = await fhir.get<Patient>(`/Patient/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    expect(read.headers.get('etag')).toBe(`W/"${meta?.versionId}"`);

    const updated = await fhir.put<Patient>(`/Patient/${id}`, { ...read.body, gender: 'other' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id, gender: 'other' });
    const version = updated.body.meta?.versionId;
    expect(version).not.toBe(meta?.versionId);
    expect(updated.headers.get('location')).toBe(`${sandbox.baseUrl}/Patient/${id}/_history/${version}`);
    expect(updated.headers.get('etag')).toBe(`W/"${version}"`);
    expect((await fhir.get<Patient>(`/Patient/${id}`)).body.gender).toBe('other');
  });

  it('lists history newest first, however often it is read', async () => {
    const { body: v1 } = await fhir.post<Patient>('/Patient', patient([]));
    const { body: v2 } = await fhir.put<Patient>(`/Patient/${v1.id}`, { ...v1, gender: 'male' });
    await fhir.get(`/Patient/${v1.id}/_history`);
    const { body: v3 } = await fhir.put<Patient>(`/Patient/${v1.id}`, { ...v2, gender: 'other' });
    const history = await fhir.get<Bundle<Patient>>(`/Patient/${v1.id}/_history`);
    expect(history.body.entry?.map((e) => e.resource?.meta?.versionId)).toEqual([v3, v2, v1].map((v) => v.meta?.versionId));
    const vread = await fhir.get<Patient>(`/Patient/${v1.id}/_history/${v2.meta?.versionId}`);
    expect(vread.body).toEqual(v2);
    expect(vread.headers.get('etag')).toBe(`W/"${v2.meta?.versionId}"`);
  });

  it('assigns its own id on create, whatever id the client sent', async () => {
    const first = await fhir.post<Patient>('/Patient', { ...patient([]), id: 'chosen-by-client' });
    const second = await fhir.post<Patient>('/Patient', { ...patient([]), id: 'chosen-by-client' });
    expect(first.body.id).not.toBe('chosen-by-client');
    expect(second.body.id).not.toBe(first.body.id);
    expect((await fhir.get(`/Patient/${first.body.id}`)).status).toBe(200);
  });

  it.each([
    ['a code outside its required value set', { resourceType: 'Patient', gender: 'robot' }, 'Patient.gender'],
    ['a missing required element', { resourceType: 'Observation', code: { text: 'PHQ-9' } }, 'Observation.status'],
    ['an element FHIR does not define', { resourceType: 'Patient', favouriteColour: 'blue' }, 'Patient.favouriteColour'],
    ['a malformed date', { resourceType: 'Patient', birthDate: '03/02/1980' }, 'Patient.birthDate'],
  ])('refuses a resource with %s with a 400 OperationOutcome naming it', async (_case, resource, expression) => {
    const { status, body } = await fhir.post<OperationOutcome>(`/${resource.resourceType}`, resource);
    expect(status).toBe(400);
    expect(body.resourceType).toBe('OperationOutcome');
    expect(body.issue?.flatMap((issue) => issue.expression ?? [])).toContain(expression);
  });

  it('refuses an invalid update and keeps the stored version', async () => {
    const { body: created } = await fhir.post<Patient>('/Patient', patient([]));
    const refused = await fhir.put<OperationOutcome>(`/Patient/${created.id}`, { ...created, birthDate: 'yesterday' });
    expect(refused.status).toBe(400);
    expect((await fhir.get<Patient>(`/Patient/${created.id}`)).body).toEqual(created);
  });

  it('answers malformed JSON with a 400 OperationOutcome that does not echo the body', async () => {
    const { status, body } = await fhir.post<OperationOutcome>('/Patient', '{"resourceType": "Patient", "name": [{"family": "Secret"');
    expect(status).toBe(400);
    expect(body.resourceType).toBe('OperationOutcome');
    expect(JSON.stringify(body)).not.toContain('Secret');
  });

  it('refuses bodies it cannot read: too large (413) or not FHIR JSON (415)', async () => {
    const huge = JSON.stringify({ ...patient([]), text: { status: 'generated', div: `<div>${'x'.repeat(16 * 1024 * 1024)}</div>` } });
    const tooLarge = await fhir.post<OperationOutcome>('/Patient', huge);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.resourceType).toBe('OperationOutcome');

    const xml = await fhir.post<OperationOutcome>('/Patient', '<Patient/>', { headers: { 'content-type': 'application/fhir+xml' } });
    expect(xml.status).toBe(415);
    expect(xml.body.resourceType).toBe('OperationOutcome');
  });

  it.each(['/fhir/R4/NoSuchType', '/fhir/R4/NoSuchType/1', '/fhir/R5/Patient', '/elsewhere'])(
    'answers %s with a 404 OperationOutcome',
    async (path) => {
      const res = await fetch(new URL(sandbox.baseUrl).origin + path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
      expect(((await res.json()) as OperationOutcome).resourceType).toBe('OperationOutcome');
    },
  );

  it('serves a CapabilityStatement at /metadata that is itself valid', async () => {
    const { status, body } = await fhir.get<CapabilityStatement>('/metadata');
    expect(status).toBe(200);
    expect(() => assertValidForWrite(body)).not.toThrow(); // validateResource, and required codes
    expect(body).toMatchObject({ resourceType: 'CapabilityStatement' });
    expect(body).toMatchObject({ fhirVersion: '4.0.1', status: 'active', kind: 'instance' });
    const [rest] = body.rest ?? [];
    expect(rest?.mode).toBe('server');
    expect(rest?.interaction?.map((i) => i.code)).toEqual(expect.arrayContaining(['transaction', 'batch']));
    const patients = rest?.resource?.find((r) => r.type === 'Patient');
    expect(patients?.interaction?.map((i) => i.code)).toEqual(
      expect.arrayContaining(['read', 'search-type', 'create', 'update', 'delete']),
    );
    expect(rest?.resource?.map((r) => r.type)).toEqual(expect.arrayContaining(['ServiceRequest', 'Observation', 'Consent']));
  });

  it('answers liveness outside the FHIR base', async () => {
    expect(await fhir.get('/health/live')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });
});
