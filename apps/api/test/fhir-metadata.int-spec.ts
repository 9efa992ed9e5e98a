import { validateResource } from '@medplum/core';
import type { CapabilityStatement } from '@medplum/fhirtypes';
import { indexFhirDefinitions, r4SearchParameters } from './fhir-definitions';
import { fhirGet } from './fhir-fixtures';
import { startTestApp, type TestApp } from './test-app';

describe('FHIR CapabilityStatement (GET /fhir/R4/metadata)', () => {
  let t: TestApp;
  let statement: CapabilityStatement;

  beforeAll(async () => {
    indexFhirDefinitions();
    t = await startTestApp('fhir_metadata');
    const res = await fhirGet(t, 'metadata');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
    statement = res.body as CapabilityStatement;
  });
  afterAll(() => t.close());

  it('is public and a valid R4 CapabilityStatement', () => {
    expect(() => validateResource(statement)).not.toThrow();
    expect(statement).toMatchObject({
      resourceType: 'CapabilityStatement', status: 'active', kind: 'instance', fhirVersion: '4.0.1', format: ['json'],
    });
    expect(statement.implementation?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fhir\/R4$/);
  });

  it('states the referral transaction, read and search-type on Patient, ServiceRequest and Task, and nothing more', () => {
    expect(statement.rest).toHaveLength(1);
    const [rest] = statement.rest!;
    expect(rest!.mode).toBe('server');
    expect(rest!.interaction!.map((i) => i.code)).toEqual(['transaction']);
    expect(rest!.operation).toBeUndefined();
    expect(rest!.resource!.map((r) => r.type)).toEqual(['Patient', 'ServiceRequest', 'Task']);
    for (const resource of rest!.resource!) {
      expect(resource.interaction!.map((i) => i.code)).toEqual(['read', 'search-type']);
      expect(resource.operation).toBeUndefined();
      expect(resource.searchRevInclude).toBeUndefined();
    }
    const searchParams = Object.fromEntries(rest!.resource!.map((r) => [r.type, r.searchParam!.map((p) => p.name)]));
    expect(searchParams).toEqual({
      Patient: ['_id', '_lastUpdated', 'identifier'],
      ServiceRequest: ['_id', '_lastUpdated', 'identifier', 'patient', 'subject', 'status', 'authored'],
      Task: ['_id', '_lastUpdated', 'identifier', 'patient', 'subject', 'status', 'authored-on'],
    });
    expect(Object.fromEntries(rest!.resource!.map((r) => [r.type, r.searchInclude]))).toEqual({
      Patient: undefined, ServiceRequest: ['ServiceRequest:patient'], Task: ['Task:patient'],
    });
  });

  it('defines each search parameter by the standard R4 SearchParameter of that name, type and resource', () => {
    const standard = r4SearchParameters();
    for (const resource of statement.rest![0]!.resource!) {
      for (const param of resource.searchParam!) {
        const definition = standard.get(param.definition!);
        expect({ type: resource.type, name: param.name, found: definition !== undefined }).toEqual({ type: resource.type, name: param.name, found: true });
        expect({ code: definition!.code, type: definition!.type }).toEqual({ code: param.name, type: param.type });
        expect(definition!.base.some((base: string) => base === resource.type || base === 'Resource')).toBe(true);
      }
    }
  });
});
