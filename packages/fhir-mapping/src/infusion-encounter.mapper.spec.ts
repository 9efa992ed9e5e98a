import { INFUSION_ENCOUNTER_STATUSES, type InfusionEncounterRecord } from '@keta/domain';
import { validateResource } from '@medplum/core';
import { indexFhirDefinitions } from '../test/fhir-definitions';
import { KETA_SYSTEMS } from './identifier-systems';
import { toFhirInfusionEncounter } from './infusion-encounter.mapper';

beforeAll(indexFhirDefinitions);

const session = (over: Partial<InfusionEncounterRecord> = {}): InfusionEncounterRecord => ({
  id: 'e0000000-0000-4000-8000-000000000001', patientId: 'p0000000-0000-4000-8000-000000000001',
  status: 'finished', start: '2026-03-02T15:00:00.000Z', end: '2026-03-02T16:10:00.000Z', ...over,
});

describe('infusion Encounter mapping', () => {
  it('is an ambulatory encounter typed as an IV infusion (CPT 96365), for the patient, over the chair time', () => {
    const { resource, syncIdentifier } = toFhirInfusionEncounter(session());
    expect(() => validateResource(resource)).not.toThrow();
    expect(resource.class).toEqual({ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' });
    expect(resource.type).toEqual([{ coding: [expect.objectContaining({ system: 'http://www.ama-assn.org/go/cpt', code: '96365' })], text: 'IV ketamine infusion' }]);
    expect(resource).toMatchObject({
      subject: { reference: 'Patient/p0000000-0000-4000-8000-000000000001' },
      period: { start: '2026-03-02T15:00:00.000Z', end: '2026-03-02T16:10:00.000Z' },
    });
    expect(resource.identifier).toEqual([{ system: KETA_SYSTEMS.infusionEncounter, value: 'e0000000-0000-4000-8000-000000000001' }]);
    expect(syncIdentifier.value).toBe(resource.id);
  });

  it.each(INFUSION_ENCOUNTER_STATUSES)('keeps status %s as the Encounter status', (status) => {
    const projected = toFhirInfusionEncounter(session({ status }));
    expect(() => validateResource(projected.resource)).not.toThrow();
    expect([projected.resource.status, projected.status]).toEqual([status, status]);
  });

  it('is based on the referral when there is one, and leaves the end open while in progress', () => {
    const { resource } = toFhirInfusionEncounter(session({ status: 'in-progress', end: undefined, referralId: 'r1' }));
    expect(resource.basedOn).toEqual([{ reference: 'ServiceRequest/r1' }]);
    expect(resource.period).toEqual({ start: '2026-03-02T15:00:00.000Z' });
    expect(toFhirInfusionEncounter(session()).resource).not.toHaveProperty('basedOn');
  });
});
