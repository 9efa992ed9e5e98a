import type { Encounter } from '@medplum/fhirtypes';
import { fromFhirInfusionEncounter } from './infusion-encounter.reader';

const fields = (encounter: Encounter) => {
  try {
    fromFhirInfusionEncounter(encounter);
  } catch (error) {
    return (error as { issues: Array<{ field: string }> }).issues.map((i) => i.field);
  }
  return [];
};

describe('reading an infusion Encounter', () => {
  it('names every element it cannot use', () => {
    expect(fields({ resourceType: 'Encounter', status: 'triaged', class: { code: 'AMB' }, subject: { reference: 'Group/g1' }, basedOn: [{ reference: 'CarePlan/1' }] })).toEqual([
      'Encounter.status', 'Encounter.subject', 'Encounter.id', 'Encounter.period.start', 'Encounter.basedOn',
    ]);
  });

  it('reads an EHR\'s planned encounter with no end and no referral', () => {
    const planned: Encounter = { resourceType: 'Encounter', id: 'e9', status: 'planned', class: { code: 'AMB' }, subject: { reference: 'Patient/p9' }, period: { start: '2026-05-01T14:00:00Z' } };
    expect(fromFhirInfusionEncounter(planned)).toStrictEqual({ id: 'e9', patientId: 'p9', status: 'planned', start: '2026-05-01T14:00:00Z' });
  });
});
