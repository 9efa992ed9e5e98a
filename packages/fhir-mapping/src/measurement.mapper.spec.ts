import type { Measurement, MeasurementRecord } from '@keta/domain';
import { validateResource } from '@medplum/core';
import type { Observation } from '@medplum/fhirtypes';
import { fields } from '../test/inbound-bundle';
import { indexFhirDefinitions } from '../test/fhir-definitions';
import { KETA_SYSTEMS } from './identifier-systems';
import { toFhirMeasurement } from './measurement.mapper';
import { fromFhirMeasurement } from './measurement.reader';

beforeAll(indexFhirDefinitions);

const base = { id: '4b6c8d0e-3333-4c4d-9e5f-6a7b8c9d0e1f', patientId: '0b5e6a4e-5d3f-4a52-9a0e-8f5f3f1a2b01', effectiveAt: '2026-11-22T10:40:00.000Z' };
const observe = (measurement: Measurement, extra: Partial<MeasurementRecord> = {}) => toFhirMeasurement({ ...base, measurement, ...extra }).resource;
const loinc = (...codes: string[]) => codes.map((code) => ({ system: 'http://loinc.org', code }));
const ucum = (value: number, code: string) => expect.objectContaining({ value, system: 'http://unitsofmeasure.org', code });
const category = (code: string) => [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code }] }];

describe('measurement mapping (DOMAIN.md §2.6, §3.1)', () => {
  it.each<[string, Measurement, string[], string, Partial<Observation>]>([
    ['heart rate', { kind: 'heart-rate', perMinute: 88 }, ['8867-4'], 'vital-signs', { valueQuantity: ucum(88, '/min') }],
    ['respiratory rate', { kind: 'respiratory-rate', perMinute: 14 }, ['9279-1'], 'vital-signs', { valueQuantity: ucum(14, '/min') }],
    ['SpO2 (both codes US Core requires)', { kind: 'oxygen-saturation', percent: 97.5 }, ['59408-5', '2708-6'], 'vital-signs', { valueQuantity: ucum(97.5, '%') }],
    ['body weight', { kind: 'body-weight', kg: 70.2 }, ['29463-7'], 'vital-signs', { valueQuantity: ucum(70.2, 'kg') }],
    ['pain 0-10', { kind: 'pain', score: 3 }, ['72514-3'], 'survey', { valueInteger: 3 }],
    ['pregnant', { kind: 'pregnancy-status', pregnant: true }, ['82810-3'], 'social-history', { valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '77386006', display: 'Pregnant' }] } }],
    ['not pregnant', { kind: 'pregnancy-status', pregnant: false }, ['82810-3'], 'social-history', { valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '60001007', display: 'Not pregnant' }] } }],
  ])('gives %s its LOINC code(s), category and value', (_name, measurement, codes, categoryCode, value) => {
    const resource = observe(measurement);
    expect(() => validateResource(resource)).not.toThrow();
    expect(resource).toMatchObject({ status: 'final', category: category(categoryCode), code: { coding: loinc(...codes) }, effectiveDateTime: base.effectiveAt, ...value });
  });

  it('gives blood pressure as the 85354-9 panel with systolic and diastolic components in mm[Hg]', () => {
    const resource = observe({ kind: 'blood-pressure', systolic: 164, diastolic: 92 });
    expect(() => validateResource(resource)).not.toThrow();
    expect(resource).toMatchObject({ code: { coding: loinc('85354-9') }, category: category('vital-signs') });
    expect(resource.component?.map((c) => [c.code.coding, c.valueQuantity])).toEqual([
      [loinc('8480-6'), ucum(164, 'mm[Hg]')],
      [loinc('8462-4'), ucum(92, 'mm[Hg]')],
    ]);
    expect(resource.valueQuantity).toBeUndefined();
  });

  it('is Keta\'s, about the patient, in the infusion encounter when there is one', () => {
    const { resource, syncIdentifier } = toFhirMeasurement({ ...base, encounterId: 'e1', measurement: { kind: 'heart-rate', perMinute: 60 } });
    expect(resource).toMatchObject({ id: base.id, subject: { reference: `Patient/${base.patientId}` }, encounter: { reference: 'Encounter/e1' } });
    expect(syncIdentifier).toEqual({ system: KETA_SYSTEMS.measurement, value: base.id });
    expect(observe({ kind: 'heart-rate', perMinute: 60 }).encounter).toBeUndefined();
  });
});

describe('measurement reading', () => {
  const heartRate = (extra: Partial<Observation>): Observation => ({ ...observe({ kind: 'heart-rate', perMinute: 60 }), ...extra });

  it('refuses a code Keta does not take, naming the ones it takes', () => {
    expect(fields(() => fromFhirMeasurement(heartRate({ code: { coding: loinc('8310-5') } })))).toEqual([{
      field: 'Observation.code',
      message: 'is not a measurement Keta takes: LOINC 85354-9 (blood-pressure), 8867-4 (heart-rate), 9279-1 (respiratory-rate), 59408-5 or 2708-6 (oxygen-saturation), 29463-7 (body-weight), 72514-3 (pain), 82810-3 (pregnancy-status)',
    }]);
  });

  it('recognises SpO2 by either code, and converts a body weight in pounds or grams', () => {
    const spo2 = heartRate({ code: { coding: loinc('2708-6') }, valueQuantity: { value: 95, system: 'http://unitsofmeasure.org', code: '%' } });
    expect(fromFhirMeasurement(spo2).measurement).toEqual({ kind: 'oxygen-saturation', percent: 95 });
    const weight = (value: number, code: string) => fromFhirMeasurement(heartRate({ code: { coding: loinc('29463-7') }, valueQuantity: { value, system: 'http://unitsofmeasure.org', code } })).measurement;
    expect(weight(150, '[lb_av]')).toEqual({ kind: 'body-weight', kg: 150 * 0.45359237 });
    expect(weight(70500, 'g')).toEqual({ kind: 'body-weight', kg: 70.5 });
  });

  it('names each element it cannot use', () => {
    const read = (extra: Partial<Observation>) => fields(() => fromFhirMeasurement(heartRate(extra))).map((i) => i.field);
    expect(read({ status: 'preliminary', effectiveDateTime: '2026-11', valueQuantity: { value: 60, unit: 'bpm' } })).toEqual(['Observation.status', 'Observation.effective[x]', 'Observation.valueQuantity']);
    expect(read({ code: { coding: loinc('85354-9') }, component: [{ code: { coding: loinc('8480-6') }, valueQuantity: { value: 120, system: 'http://unitsofmeasure.org', code: 'mm[Hg]' } }] })).toEqual(['Observation.component']);
    expect(read({ code: { coding: loinc('72514-3') }, valueInteger: 11 })).toEqual(['Observation.valueInteger']);
    expect(read({ code: { coding: loinc('82810-3') }, valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '261665006' }] } })).toEqual(['Observation.valueCodeableConcept']);
  });

  it('takes the time as a date, a date-time with a zone, an instant or a period\'s start', () => {
    const at = (extra: Partial<Observation>) => fromFhirMeasurement(heartRate({ effectiveDateTime: undefined, ...extra })).effectiveAt;
    expect([at({ effectiveDateTime: '2026-11-20' }), at({ effectiveInstant: '2026-11-20T09:30:00+02:00' }), at({ effectivePeriod: { start: '2026-11-20T09:30:00Z' } })])
      .toEqual(['2026-11-20', '2026-11-20T09:30:00+02:00', '2026-11-20T09:30:00Z']);
  });
});
