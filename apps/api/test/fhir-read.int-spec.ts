import { validateResource } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import { indexFhirDefinitions } from './fhir-definitions';
import { createReferral, fhirGet, issuesOf, type ReferralIds } from './fhir-fixtures';
import { startTestApp, type TestApp } from './test-app';

describe('FHIR read (GET /fhir/R4/:type/:id)', () => {
  let t: TestApp;
  let clinician: string;
  let ids: ReferralIds;

  beforeAll(async () => {
    indexFhirDefinitions();
    t = await startTestApp('fhir_read');
    clinician = (await t.signedIn('clinician')).token;
    ids = await createReferral(t, (await t.signedIn('referrer')).token);
  });
  afterAll(() => t.close());

  it.each([
    ['Patient', 'patient'],
    ['ServiceRequest', 'serviceRequest'],
    ['Task', 'task'],
  ] as const)('reads a %s as the projection holds it, a valid R4 resource with its version', async (type, key) => {
    const res = await fhirGet(t, `${type}/${ids[key]}`, clinician);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
    const resource = res.body as Resource;
    const [stored] = await t.db.query(`SELECT resource FROM fhir_resource WHERE resource_type = $1 AND id = $2`, [type, ids[key]]);
    expect(resource).toEqual(stored.resource);
    expect(resource).toMatchObject({ resourceType: type, id: ids[key], meta: { versionId: '1' } });
    expect(res.headers.etag).toBe('W/"1"');
    expect(new Date(res.headers['last-modified']!).getTime()).toBeLessThanOrEqual(Date.now());
    expect(() => validateResource(resource)).not.toThrow();
  });

  it('answers 404 with an OperationOutcome for an unknown id, a malformed one, and an id of another type', async () => {
    for (const path of [`Patient/${randomUUID()}`, 'Task/not-a-uuid', `Patient/${ids.task}`]) {
      const res = await fhirGet(t, path, clinician);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
      expect(issuesOf(res.body)).toEqual([expect.objectContaining({ severity: 'error', code: 'not-found' })]);
      expect(() => validateResource(res.body)).not.toThrow();
    }
  });

  it('answers 404 with an OperationOutcome for a type it does not serve', async () => {
    for (const path of [`Immunization/${randomUUID()}`, 'Immunization', 'patient', `patient/${ids.patient}`]) {
      const res = await fhirGet(t, path, clinician);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(issuesOf(res.body)).toEqual([expect.objectContaining({ code: 'not-found' })]);
    }
  });

  it('records every read in the audit trail, by type and id', async () => {
    await fhirGet(t, `ServiceRequest/${ids.serviceRequest}`, clinician);
    const missing = randomUUID();
    await fhirGet(t, `Task/${missing}`, clinician);
    const rows = await t.db.query(
      `SELECT resource_type, resource_id, action, outcome, error_code FROM audit_event WHERE resource_id = ANY($1) ORDER BY id DESC`,
      [[ids.serviceRequest, missing]],
    );
    expect(rows).toEqual(expect.arrayContaining([
      { resource_type: 'fhir:ServiceRequest', resource_id: ids.serviceRequest, action: 'read', outcome: 'success', error_code: null },
      { resource_type: 'fhir:Task', resource_id: missing, action: 'read', outcome: 'failed', error_code: 'not_found' },
    ]));
  });
});
