import type { Measurement, MeasurementKind, MeasurementRecord } from '@keta/domain';
import type { Coding, Observation, Quantity } from '@medplum/fhirtypes';
import { KETA_SYSTEMS } from './identifier-systems';
import type { ProjectedResource } from './projected-resource';

export const LOINC_SYSTEM = 'http://loinc.org';
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';
const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

/**
 * The LOINC code(s) and category of each measurement (DOMAIN.md §2.6, §3.1); SpO2 carries both codes US Core
 * requires. Pregnancy status follows US Core's pregnancy-status profile (category social-history, LOINC 82810-3):
 * 82810-3 is not in DOMAIN.md and is unverified here.
 */
export const MEASUREMENT_CODES: Record<MeasurementKind, { loinc: readonly string[]; text: string; category: string }> = {
  'blood-pressure': { loinc: ['85354-9'], text: 'Blood pressure', category: 'vital-signs' },
  'heart-rate': { loinc: ['8867-4'], text: 'Heart rate', category: 'vital-signs' },
  'respiratory-rate': { loinc: ['9279-1'], text: 'Respiratory rate', category: 'vital-signs' },
  'oxygen-saturation': { loinc: ['59408-5', '2708-6'], text: 'Oxygen saturation (pulse oximetry)', category: 'vital-signs' },
  'body-weight': { loinc: ['29463-7'], text: 'Body weight', category: 'vital-signs' },
  pain: { loinc: ['72514-3'], text: 'Pain severity 0-10 (verbal numeric rating)', category: 'survey' },
  'pregnancy-status': { loinc: ['82810-3'], text: 'Pregnancy status', category: 'social-history' },
};

export const BLOOD_PRESSURE_COMPONENTS = { systolic: '8480-6', diastolic: '8462-4' } as const;

/** Pregnant is SNOMED 77386006 (DOMAIN.md §3.3); Not pregnant, 60001007, comes from US Core's pregnancy-status codes and is unverified here. */
export const PREGNANCY_STATUS: Record<'pregnant' | 'not-pregnant', Coding> = {
  pregnant: { system: 'http://snomed.info/sct', code: '77386006', display: 'Pregnant' },
  'not-pregnant': { system: 'http://snomed.info/sct', code: '60001007', display: 'Not pregnant' },
};

const quantity = (value: number, code: string, unit = code): Quantity => ({ value, unit, system: UCUM_SYSTEM, code });

/** The value elements of each measurement, in UCUM units. */
function valueOf(m: Measurement): Partial<Observation> {
  switch (m.kind) {
    case 'blood-pressure':
      return {
        component: [
          { code: { coding: [{ system: LOINC_SYSTEM, code: BLOOD_PRESSURE_COMPONENTS.systolic }], text: 'Systolic' }, valueQuantity: quantity(m.systolic, 'mm[Hg]', 'mmHg') },
          { code: { coding: [{ system: LOINC_SYSTEM, code: BLOOD_PRESSURE_COMPONENTS.diastolic }], text: 'Diastolic' }, valueQuantity: quantity(m.diastolic, 'mm[Hg]', 'mmHg') },
        ],
      };
    case 'heart-rate':
      return { valueQuantity: quantity(m.perMinute, '/min', 'beats/minute') };
    case 'respiratory-rate':
      return { valueQuantity: quantity(m.perMinute, '/min', 'breaths/minute') };
    case 'oxygen-saturation':
      return { valueQuantity: quantity(m.percent, '%') };
    case 'body-weight':
      return { valueQuantity: quantity(m.kg, 'kg') };
    case 'pain':
      return { valueInteger: m.score };
    case 'pregnancy-status':
      return { valueCodeableConcept: { coding: [{ ...PREGNANCY_STATUS[m.pregnant ? 'pregnant' : 'not-pregnant'] }] } };
  }
}

/** One measurement as a final Observation, tied to its infusion encounter when it was taken in one. */
export function toFhirMeasurement(record: MeasurementRecord): ProjectedResource<Observation> {
  const own = { system: KETA_SYSTEMS.measurement, value: record.id };
  const codes = MEASUREMENT_CODES[record.measurement.kind];
  const resource: Observation & { id: string } = {
    resourceType: 'Observation',
    id: record.id,
    identifier: [own, ...(record.identifiers ?? [])],
    status: 'final',
    category: [{ coding: [{ system: OBSERVATION_CATEGORY, code: codes.category }] }],
    code: { coding: codes.loinc.map((code) => ({ system: LOINC_SYSTEM, code })), text: codes.text },
    subject: { reference: `Patient/${record.patientId}` },
    ...(record.encounterId ? { encounter: { reference: `Encounter/${record.encounterId}` } } : {}),
    effectiveDateTime: record.effectiveAt,
    ...valueOf(record.measurement),
  };
  return { resource, patientId: record.patientId, syncIdentifier: own, status: 'final' };
}
