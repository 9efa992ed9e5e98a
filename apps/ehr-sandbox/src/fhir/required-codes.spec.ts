import type { Resource } from '@medplum/fhirtypes';
import { loadFhirDefinitions } from './fhir-definitions';
import { requiredCodeIssues } from './required-codes';

/** Resources as a client might send them: not held to @medplum/fhirtypes' code unions. */
const where = (resource: object) => requiredCodeIssues(resource as Resource).flatMap((issue) => issue.expression ?? []);

describe('requiredCodeIssues', () => {
  beforeAll(() => loadFhirDefinitions());

  it.each<[string, object, string[]]>([
    ['a top-level code', { resourceType: 'Patient', gender: 'robot' }, ['Patient.gender']],
    ['a code inside a data type', { resourceType: 'Patient', name: [{ use: 'nickname' }, { use: 'alias' }] }, ['Patient.name[1].use']],
    [
      'a code in a contained resource',
      { resourceType: 'Patient', contained: [{ resourceType: 'Practitioner', gender: 'x' }] },
      ['Patient.contained[0].gender'],
    ],
    [
      'a code in a Bundle entry and in its request',
      {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            resource: { resourceType: 'ServiceRequest', status: 'open', intent: 'order', subject: {} },
            request: { method: 'FETCH', url: 'ServiceRequest' },
          },
        ],
      },
      ['Bundle.entry[0].resource.status', 'Bundle.entry[0].request.method'],
    ],
  ])('finds %s outside its required value set', (_case, resource, expressions) => {
    expect(where(resource)).toEqual(expressions);
  });

  it.each<[string, object]>([
    [
      'codes from their value sets',
      { resourceType: 'ServiceRequest', status: 'active', intent: 'order', priority: 'urgent', subject: { reference: 'Patient/1' } },
    ],
    [
      'codes of hierarchical code systems',
      { resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' }, location: [{ location: {}, status: 'completed' }] },
    ],
    [
      'codes the definitions cannot enumerate (MIME types, currencies)',
      { resourceType: 'Invoice', status: 'issued', totalNet: { currency: 'XTS' }, note: [{ text: 'x' }] },
    ],
    ['an attachment of any MIME type', { resourceType: 'DocumentReference', status: 'current', content: [{ attachment: { contentType: 'x/y' } }] }],
    ['codes in extensions, which bind nothing', { resourceType: 'Patient', extension: [{ url: 'urn:x', valueCode: 'anything' }] }],
  ])('accepts %s', (_case, resource) => {
    expect(where(resource)).toEqual([]);
  });
});
