import type { InfusionAdministrationRecord, KetamineConcentration } from '@keta/domain';
import type { CodeableConcept, Coding, Medication, MedicationAdministration, Quantity } from '@medplum/fhirtypes';
import { KETA_SYSTEMS } from './identifier-systems';
import type { ProjectedResource } from './projected-resource';

const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const UCUM = 'http://unitsofmeasure.org';

/** Clinical-drug (SCD) codes, which US Core wants for medication[x] (DOMAIN.md §3.2). */
export const KETAMINE_SCD: Record<KetamineConcentration, Coding> = {
  10: { system: RXNORM, code: '238082', display: 'ketamine 10 MG/ML Injectable Solution' },
  50: { system: RXNORM, code: '238084', display: 'ketamine 50 MG/ML Injectable Solution' },
  100: { system: RXNORM, code: '238083', display: 'ketamine 100 MG/ML Injectable Solution' },
};

const INTRAVENOUS: CodeableConcept = { coding: [{ system: 'http://snomed.info/sct', code: '47625008', display: 'Intravenous route' }] };
/** The contained Medication's local id, when there is a lot number to carry. */
const MEDICATION_ID = 'ketamine';

const quantity = (value: number, unit: string): Quantity => ({ value, unit, system: UCUM, code: unit });

/**
 * The infusion as a MedicationAdministration (DOMAIN.md §2.5): the SCD, IV route, dose in mg, rate in mg/h,
 * the weight the dose came from as supporting information. A lot number needs a contained Medication
 * (batch.lotNumber); without one the SCD goes in medicationCodeableConcept, which every EHR reads.
 */
export function toFhirInfusionAdministration(given: InfusionAdministrationRecord): ProjectedResource<MedicationAdministration> {
  const own = { system: KETA_SYSTEMS.infusionAdministration, value: given.id };
  const drug: CodeableConcept = { coding: [KETAMINE_SCD[given.concentrationMgPerMl]] };
  const resource: MedicationAdministration & { id: string } = {
    resourceType: 'MedicationAdministration',
    id: given.id,
    identifier: [own],
    status: given.status,
    ...(given.statusReason ? { statusReason: [{ text: given.statusReason }] } : {}),
    ...(given.lotNumber
      ? { contained: [medication(drug, given.lotNumber)], medicationReference: { reference: `#${MEDICATION_ID}` } }
      : { medicationCodeableConcept: drug }),
    subject: { reference: `Patient/${given.patientId}` },
    context: { reference: `Encounter/${given.encounterId}` },
    ...(given.weightMeasurementId ? { supportingInformation: [{ reference: `Observation/${given.weightMeasurementId}` }] } : {}),
    effectivePeriod: { start: given.start, ...(given.end ? { end: given.end } : {}) },
    dosage: {
      route: INTRAVENOUS,
      dose: quantity(given.doseMg, 'mg'),
      ...(given.rateMgPerHour === undefined ? {} : { rateQuantity: quantity(given.rateMgPerHour, 'mg/h') }),
    },
  };
  return { resource, patientId: given.patientId, syncIdentifier: own, status: given.status };
}

function medication(code: CodeableConcept, lotNumber: string): Medication {
  return { resourceType: 'Medication', id: MEDICATION_ID, code, batch: { lotNumber } };
}
