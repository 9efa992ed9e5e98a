import type { AdverseEvent } from '@medplum/fhirtypes';
import { fromFhirAdverseEffect } from './adverse-effect.reader';

const fields = (event: AdverseEvent) => {
  try {
    fromFhirAdverseEffect(event);
  } catch (error) {
    return (error as { issues: Array<{ field: string }> }).issues.map((i) => i.field);
  }
  return [];
};

const SERIOUSNESS = 'http://terminology.hl7.org/CodeSystem/adverse-event-seriousness';

describe('reading an AdverseEvent', () => {
  it('names every element it cannot use', () => {
    expect(fields({ resourceType: 'AdverseEvent', actuality: 'potential', event: { text: 'Headache' }, subject: { reference: 'Patient/p1' } })).toEqual([
      'AdverseEvent.actuality', 'AdverseEvent.event', 'AdverseEvent.encounter', 'AdverseEvent.id', 'AdverseEvent.date', 'AdverseEvent.seriousness',
    ]);
  });

  it('matches the effect text whatever its case, and counts any serious outcome as serious', () => {
    const event: AdverseEvent = {
      resourceType: 'AdverseEvent', id: 'f1', actuality: 'actual', event: { text: ' elevated BLOOD pressure ' }, subject: { reference: 'Patient/p1' },
      encounter: { reference: 'Encounter/e1' }, date: '2026-03-02T15:30:00Z', seriousness: { coding: [{ system: SERIOUSNESS, code: 'SeriousResultsInHospitalization' }] },
    };
    expect(fromFhirAdverseEffect(event)).toStrictEqual({
      id: 'f1', patientId: 'p1', encounterId: 'e1', effect: 'elevated-blood-pressure', occurredAt: '2026-03-02T15:30:00Z', serious: true,
    });
  });
});
