import type { Resource } from '@medplum/fhirtypes';
import { inSyncOrder } from './sync-order';
import { toSyncBundle, type SyncItem } from './sync-bundle';

const item = (resourceType: string, id: string, refs: string[] = []): SyncItem => ({
  resource: { resourceType, id, ...(refs.length ? { focus: refs.map((reference) => ({ reference })) } : {}) } as unknown as Resource & { id: string },
  syncIdentifier: { system: `urn:keta:${resourceType}`, value: id },
});

describe('a patient\'s records in the order the EHR can take them', () => {
  const patient = item('Patient', 'p');
  const request = item('ServiceRequest', 's', ['Patient/p']);
  const task = item('Task', 't', ['ServiceRequest/s', 'Patient/p']);
  const findings = Array.from({ length: 9 }, (_, i) => item('DetectedIssue', `d${i}`, ['Patient/p', 'ServiceRequest/s']));

  it('puts every record after the records it references', () => {
    const order = inSyncOrder([task, ...findings, request, patient]).map((i) => i.resource.id);
    expect(order.slice(0, 2)).toEqual(['p', 's']);
    expect(order.indexOf('t')).toBeGreaterThan(order.indexOf('s'));
    expect(new Set(order).size).toBe(12);
  });

  it('survives references that go round', () => {
    expect(inSyncOrder([request, patient])).toEqual([patient, request]);
    const a = item('Task', 'a', ['Task/b']);
    const b = item('Task', 'b', ['Task/a']);
    expect(inSyncOrder([a, b])).toHaveLength(2);
  });

  it('points a later Bundle at what an earlier one stored, by the EHR\'s ids', () => {
    const ordered = inSyncOrder([task, patient, request]);
    expect(toSyncBundle(ordered.slice(0, 2)).entry!.map((e) => e.resource?.resourceType)).toEqual(['Patient', 'ServiceRequest']);
    const later = toSyncBundle(ordered.slice(2), new Map([['Patient/p', 'Patient/ehr-1'], ['ServiceRequest/s', 'ServiceRequest/ehr-2']]));
    expect((later.entry![0]!.resource as { focus: unknown }).focus).toEqual([{ reference: 'ServiceRequest/ehr-2' }, { reference: 'Patient/ehr-1' }]);
  });
});
