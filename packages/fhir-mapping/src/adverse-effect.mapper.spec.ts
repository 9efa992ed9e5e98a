import { ADVERSE_EFFECTS, type AdverseEffectRecord } from '@keta/domain';
import { validateResource } from '@medplum/core';
import { indexFhirDefinitions } from '../test/fhir-definitions';
import { ADVERSE_EFFECT_SYSTEM, ADVERSE_EFFECT_TEXT, toFhirAdverseEffect } from './adverse-effect.mapper';

beforeAll(indexFhirDefinitions);

const effect = (over: Partial<AdverseEffectRecord> = {}): AdverseEffectRecord => ({
  id: 'f0000000-0000-4000-8000-000000000001', patientId: 'p1', encounterId: 'e1', effect: 'nausea', occurredAt: '2026-03-02T15:30:00.000Z', serious: false, ...over,
});

describe('adverse effect mapping', () => {
  it('is an actual AdverseEvent of the patient in the infusion encounter, identified by Keta', () => {
    const { resource, syncIdentifier } = toFhirAdverseEffect(effect());
    expect(() => validateResource(resource)).not.toThrow();
    expect(resource).toMatchObject({
      actuality: 'actual', subject: { reference: 'Patient/p1' }, encounter: { reference: 'Encounter/e1' }, date: '2026-03-02T15:30:00.000Z',
    });
    // R4 AdverseEvent.identifier is a single Identifier.
    expect(resource.identifier).toEqual({ system: ADVERSE_EFFECT_SYSTEM, value: resource.id });
    expect(syncIdentifier).toEqual(resource.identifier);
  });

  it.each(ADVERSE_EFFECTS)('names %s in text only, since no code for it is verified', (kind) => {
    const { resource } = toFhirAdverseEffect(effect({ effect: kind }));
    expect(resource.event).toEqual({ text: ADVERSE_EFFECT_TEXT[kind] });
  });

  it('gives every effect its own text', () => {
    expect(new Set(Object.values(ADVERSE_EFFECT_TEXT)).size).toBe(ADVERSE_EFFECTS.length);
  });

  it.each([[true, 'Serious'], [false, 'Non-serious']] as const)('codes serious=%s as adverse-event-seriousness %s', (serious, code) => {
    const { resource } = toFhirAdverseEffect(effect({ serious }));
    expect(resource.seriousness?.coding).toEqual([expect.objectContaining({ system: 'http://terminology.hl7.org/CodeSystem/adverse-event-seriousness', code })]);
  });

  it('suspects the administration when it is known', () => {
    expect(toFhirAdverseEffect(effect({ administrationId: 'a1' })).resource.suspectEntity).toEqual([{ instance: { reference: 'MedicationAdministration/a1' } }]);
    expect(toFhirAdverseEffect(effect()).resource).not.toHaveProperty('suspectEntity');
  });
});
