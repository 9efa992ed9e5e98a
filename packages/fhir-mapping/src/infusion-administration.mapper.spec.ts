import { KETAMINE_CONCENTRATIONS, type InfusionAdministrationRecord } from '@keta/domain';
import { validateResource } from '@medplum/core';
import { indexFhirDefinitions } from '../test/fhir-definitions';
import { KETA_SYSTEMS } from './identifier-systems';
import { toFhirInfusionAdministration } from './infusion-administration.mapper';
import { toSyncBundle } from './sync-bundle';

beforeAll(indexFhirDefinitions);

// DOMAIN.md §2.5: 0.5 mg/kg x 70 kg = 35 mg over 40 min, i.e. 52.5 mg/h.
const infusion = (over: Partial<InfusionAdministrationRecord> = {}): InfusionAdministrationRecord => ({
  id: 'a0000000-0000-4000-8000-000000000001', patientId: 'p1', encounterId: 'e1', status: 'completed', concentrationMgPerMl: 50,
  doseMg: 35, rateMgPerHour: 52.5, start: '2026-03-02T15:10:00.000Z', end: '2026-03-02T15:50:00.000Z', weightMeasurementId: 'w1', ...over,
});

const mapped = (record: InfusionAdministrationRecord) => {
  const projected = toFhirInfusionAdministration(record);
  expect(() => validateResource(projected.resource)).not.toThrow();
  return projected;
};

describe('ketamine MedicationAdministration mapping', () => {
  it('gives the IV route, the dose in mg, the rate in mg/h, the encounter, the weight and the infusion period', () => {
    const { resource, syncIdentifier } = mapped(infusion());
    expect(resource.dosage).toEqual({
      route: { coding: [{ system: 'http://snomed.info/sct', code: '47625008', display: 'Intravenous route' }] },
      dose: { value: 35, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' },
      rateQuantity: { value: 52.5, unit: 'mg/h', system: 'http://unitsofmeasure.org', code: 'mg/h' },
    });
    expect(resource).toMatchObject({
      status: 'completed', subject: { reference: 'Patient/p1' }, context: { reference: 'Encounter/e1' },
      supportingInformation: [{ reference: 'Observation/w1' }],
      effectivePeriod: { start: '2026-03-02T15:10:00.000Z', end: '2026-03-02T15:50:00.000Z' },
    });
    expect(resource.identifier).toEqual([syncIdentifier]);
    expect(syncIdentifier).toEqual({ system: KETA_SYSTEMS.infusionAdministration, value: resource.id });
  });

  it.each([[10, '238082'], [50, '238084'], [100, '238083']] as const)('codes %i mg/mL as RxNorm SCD %s', (concentrationMgPerMl, scd) => {
    expect(KETAMINE_CONCENTRATIONS).toContain(concentrationMgPerMl);
    const { resource } = mapped(infusion({ concentrationMgPerMl }));
    expect(resource.medicationCodeableConcept?.coding).toEqual([expect.objectContaining({ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: scd })]);
  });

  it('carries the lot number in a contained Medication it references', () => {
    const { resource } = mapped(infusion({ lotNumber: 'KX2291' }));
    expect(resource.medicationReference).toEqual({ reference: '#ketamine' });
    expect(resource.contained).toEqual([expect.objectContaining({ resourceType: 'Medication', id: 'ketamine', batch: { lotNumber: 'KX2291' } })]);
    expect(resource).not.toHaveProperty('medicationCodeableConcept');
  });

  it.each([
    ['stopped', 'BP 182/104 twice'],
    ['not-done', 'Pre-check BP above the hold line'],
  ] as const)('gives a %s infusion its reason', (status, statusReason) => {
    const { resource } = mapped(infusion({ status, statusReason, rateMgPerHour: undefined, end: undefined }));
    expect(resource.status).toBe(status);
    expect(resource.statusReason).toEqual([{ text: statusReason }]);
    expect(resource.dosage).not.toHaveProperty('rateQuantity');
  });

  it('keeps the contained Medication local in a sync Bundle while the Encounter becomes a urn:uuid', () => {
    const administration = mapped(infusion({ lotNumber: 'KX2291' }));
    const encounter = { resource: { resourceType: 'Encounter' as const, id: 'e1', status: 'finished' as const, class: { code: 'AMB' } }, syncIdentifier: { system: 's', value: 'e1' } };
    const bundle = toSyncBundle([encounter, administration]);
    expect(() => validateResource(bundle)).not.toThrow();
    expect(bundle.entry?.[1]?.resource).toMatchObject({ medicationReference: { reference: '#ketamine' }, context: { reference: 'urn:uuid:e1' } });
  });
});
