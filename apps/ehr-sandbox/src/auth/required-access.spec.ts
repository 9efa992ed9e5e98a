import { FhirRouter, type HttpMethod } from '@medplum/fhir-router';
import { neededAccess } from './required-access';

const router = new FhirRouter();
const interactionOf = (method: HttpMethod, path: string) => router.find(method, path)?.data?.interaction;
const needed = (method: HttpMethod, path: string, body?: unknown) =>
  neededAccess(method, path, body, interactionOf).map(({ resourceType, permission }) => `${resourceType}.${permission}`);

describe('the access a FHIR request needs', () => {
  it.each<[HttpMethod, string, string[]]>([
    ['GET', '/Patient/1', ['Patient.r']],
    ['GET', '/Patient/1/_history/2', ['Patient.r']],
    ['GET', '/Patient', ['Patient.s']],
    ['POST', '/Patient/_search', ['Patient.s']],
    ['GET', '/', ['*.s']],
    ['POST', '/Patient', ['Patient.c']],
    ['PUT', '/Patient/1', ['Patient.u']],
    ['PUT', '/Patient', ['Patient.u']],
    ['PATCH', '/Patient/1', ['Patient.u']],
    ['DELETE', '/Patient/1', ['Patient.d']],
  ])('%s %s needs %j', (method, path, expected) => {
    expect(needed(method, path)).toEqual(expected);
  });

  it('checks every entry of a transaction by its own method and type', () => {
    const transaction = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { request: { method: 'POST', url: 'Patient' } },
        { request: { method: 'PUT', url: 'Observation?identifier=urn:x|1' } },
        { request: { method: 'GET', url: 'Encounter/9' } },
        { request: { method: 'DELETE', url: '/Condition/3' } },
        { resource: { resourceType: 'Patient' } },
      ],
    };
    expect(needed('POST', '/', transaction)).toEqual(['Patient.c', 'Observation.u', 'Encounter.r', 'Condition.d']);
  });

  it('needs nothing for a Bundle without entries, or a path the router does not know', () => {
    expect(needed('POST', '/', { resourceType: 'Bundle', type: 'batch' })).toEqual([]);
    expect(needed('GET', '/Patient/1/Observation')).toEqual([]);
  });
});
