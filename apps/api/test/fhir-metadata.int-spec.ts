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

  it('states the referral transaction, read and search-type on the clinic\'s record types, and nothing more', () => {
    expect(statement.rest).toHaveLength(1);
    const [rest] = statement.rest!;
    expect(rest!.mode).toBe('server');
    expect(rest!.interaction!.map((i) => i.code)).toEqual(['transaction']);
    expect(rest!.operation).toBeUndefined();
    expect(rest!.resource!.map((r) => r.type)).toEqual([
      'Patient', 'ServiceRequest', 'Task', 'DocumentReference', 'Consent', 'Condition', 'Encounter', 'MedicationAdministration',
      'MedicationStatement', 'Observation', 'DetectedIssue', 'QuestionnaireResponse', 'Binary',
    ]);
    for (const resource of rest!.resource!) {
      expect(resource.interaction!.map((i) => i.code)).toEqual(resource.type === 'Binary' ? ['read'] : ['read', 'search-type']);
      expect(resource.operation).toBeUndefined();
      expect(resource.searchRevInclude).toBeUndefined();
    }
    const searchable = rest!.resource!.filter((r) => r.type !== 'Binary');
    const searchParams = Object.fromEntries(searchable.map((r) => [r.type, r.searchParam!.map((p) => p.name)]));
    const common = ['_id', '_lastUpdated', 'identifier', 'patient'];
    expect(searchParams).toEqual({
      Patient: ['_id', '_lastUpdated', 'identifier'],
      ServiceRequest: [...common, 'subject', 'status', 'authored'],
      Task: [...common, 'subject', 'status', 'authored-on'],
      DocumentReference: [...common, 'subject', 'status', 'date'],
      Consent: [...common, 'status', 'date'],
      Condition: [...common, 'subject', 'clinical-status', 'recorded-date'],
      Encounter: [...common, 'subject', 'status', 'date'],
      MedicationAdministration: [...common, 'subject', 'status', 'effective-time'],
      MedicationStatement: [...common, 'subject', 'status'],
      Observation: [...common, 'subject', 'status', 'date'],
      DetectedIssue: [...common, 'status', 'identified'],
      QuestionnaireResponse: [...common, 'subject', 'status', 'authored'],
    });
    for (const resource of searchable) {
      expect(resource.searchInclude).toEqual(resource.type === 'Patient' ? undefined : [`${resource.type}:patient`]);
    }
  });

  it('defines each search parameter by the standard R4 SearchParameter of that name, type and resource', () => {
    const standard = r4SearchParameters();
    for (const resource of statement.rest![0]!.resource!) {
      for (const param of resource.searchParam ?? []) {
        const definition = standard.get(param.definition!);
        expect({ type: resource.type, name: param.name, found: definition !== undefined }).toEqual({ type: resource.type, name: param.name, found: true });
        expect({ code: definition!.code, type: definition!.type }).toEqual({ code: param.name, type: param.type });
        expect(definition!.base.some((base: string) => base === resource.type || base === 'Resource')).toBe(true);
      }
    }
  });
});

describe('FHIR links behind a proxy (PUBLIC_URL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('fhir_public_url', { PUBLIC_URL: 'https://keta.clinic.example/' });
  });
  afterAll(() => t.close());

  it('names the configured URL, not the Host header, as the base and the token endpoint', async () => {
    const statement = (await fhirGet(t, 'metadata').set('host', 'internal:8080')).body as CapabilityStatement;
    expect(statement.implementation?.url).toBe('https://keta.clinic.example/fhir/R4');
    const uris = statement.rest![0]!.security!.extension![0]!.extension!;
    expect(uris).toEqual([{ url: 'token', valueUri: 'https://keta.clinic.example/oauth2/token' }]);
  });
});
