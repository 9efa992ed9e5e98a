import type { MedicationAdministration } from '@medplum/fhirtypes';
import { fromFhirInfusionAdministration } from './infusion-administration.reader';

const fields = (given: MedicationAdministration) => {
  try {
    fromFhirInfusionAdministration(given);
  } catch (error) {
    return (error as { issues: Array<{ field: string }> }).issues.map((i) => i.field);
  }
  return [];
};

const ketamine = { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '238083' }] };
const given: MedicationAdministration = {
  resourceType: 'MedicationAdministration', id: 'a1', status: 'completed', medicationCodeableConcept: ketamine,
  subject: { reference: 'Patient/p1' }, context: { reference: 'Encounter/e1' }, effectivePeriod: { start: '2026-03-02T15:10:00Z' },
  dosage: { dose: { value: 35, system: 'http://unitsofmeasure.org', code: 'mg' } },
};

describe('reading a ketamine MedicationAdministration', () => {
  it('names every element it cannot use', () => {
    expect(fields({
      resourceType: 'MedicationAdministration', status: 'on-hold', medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '6130' }] },
      subject: { reference: 'Patient/' }, effectiveDateTime: '2026-03-02', dosage: { dose: { value: 0.035, unit: 'g' }, rateQuantity: { value: 1, code: 'mg/min', system: 'http://unitsofmeasure.org' } },
    })).toEqual([
      'MedicationAdministration.status', 'MedicationAdministration.medication[x]', 'MedicationAdministration.subject', 'MedicationAdministration.context',
      'MedicationAdministration.id', 'MedicationAdministration.effectivePeriod.start', 'MedicationAdministration.dosage.dose', 'MedicationAdministration.dosage.rateQuantity',
    ]);
  });

  it('reads the weight Observation among other supporting information', () => {
    const record = fromFhirInfusionAdministration({ ...given, supportingInformation: [{ reference: 'Condition/c1' }, { reference: 'Observation/w7' }] });
    expect(record).toStrictEqual({
      id: 'a1', patientId: 'p1', encounterId: 'e1', status: 'completed', concentrationMgPerMl: 100, doseMg: 35, start: '2026-03-02T15:10:00Z', weightMeasurementId: 'w7',
    });
  });

  it('needs the contained Medication that medicationReference points at', () => {
    const elsewhere: MedicationAdministration = { ...given, medicationCodeableConcept: undefined, medicationReference: { reference: '#other' }, contained: [{ resourceType: 'Medication', id: 'ketamine', code: ketamine }] };
    expect(fields(elsewhere)).toEqual(['MedicationAdministration.medication[x]']);
  });
});
