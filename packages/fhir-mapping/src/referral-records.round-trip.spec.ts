import {
  CONDITION_CLINICAL_STATUSES, FINDING_SEVERITIES, HOME_MEDICATION_FORMATS, HOME_MEDICATION_STATUSES, ICD10CM, SNOMED,
  type ConditionRecord, type HomeMedicationRecord, type Measurement, type MeasurementRecord, type ReferralLetterRecord, type ScreeningFindingRecord,
} from '@keta/domain';
import { validateResource } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { indexFhirDefinitions } from '../test/fhir-definitions';
import { toFhirCondition } from './condition.mapper';
import { fromFhirCondition } from './condition.reader';
import { toFhirHomeMedication } from './home-medication.mapper';
import { fromFhirHomeMedication } from './home-medication.reader';
import { toFhirMeasurement } from './measurement.mapper';
import { fromFhirMeasurement } from './measurement.reader';
import { toFhirReferralLetter } from './referral-letter.mapper';
import { fromFhirReferralLetter } from './referral-letter.reader';
import { toFhirDetectedIssue } from './screening-finding.mapper';
import { fromFhirDetectedIssue } from './screening-finding.reader';

beforeAll(indexFhirDefinitions);

const RUNS = { numRuns: 300 };
const instant = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
const words = fc.array(fc.stringMatching(/^[A-Za-z0-9]{1,10}$/), { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
/** Sentences with what XHTML and URIs must escape, and what clinicians write (§, quotes, accents). */
const prose = fc.array(fc.oneof(fc.stringMatching(/^[A-Za-z0-9]{1,10}$/), fc.constantFrom('<b>', 'a&b', '&amp;', 'x<y>z', '§4.5', 'Tom\'s', '"BP"', 'Überweisung', '160/90')), { minLength: 1, maxLength: 12 })
  .map((w) => w.join(' '));
/** fast-check builds records without a prototype; the readers build plain objects. */
const plain = <T>(record: T): T => structuredClone(record);
const valid = (resource: Resource) => expect(() => validateResource(resource)).not.toThrow();

const coding = fc.record(
  { system: fc.constantFrom(SNOMED, ICD10CM, 'http://clinic.example/problems'), code: fc.stringMatching(/^[A-Z0-9][A-Z0-9.]{0,9}$/), display: words },
  { requiredKeys: ['system', 'code'] },
);
/** What senders identify their records by: unique, in their own namespaces. */
const identifiers = fc.uniqueArray(
  fc.record({ system: fc.integer({ min: 1, max: 9 }).map((n) => `http://ehr${n}.example/id`), value: fc.stringMatching(/^[A-Z]-\d{1,6}$/) }),
  { minLength: 1, maxLength: 3, selector: (i) => `${i.system}|${i.value}` },
);

const condition: fc.Arbitrary<ConditionRecord> = fc.record(
  {
    id: fc.uuid(), patientId: fc.uuid(),
    code: fc.record({ codings: fc.array(coding, { maxLength: 3 }), text: words }, { requiredKeys: ['codings'] }),
    clinicalStatus: fc.constantFrom(...CONDITION_CLINICAL_STATUSES),
    onset: fc.oneof(instant, instant.map((i) => i.slice(0, 10))), recordedAt: instant, part2: fc.boolean(), identifiers,
  },
  { requiredKeys: ['id', 'patientId', 'code', 'clinicalStatus', 'recordedAt', 'part2'] },
).filter((c) => c.code.codings.length > 0 || c.code.text !== undefined).map(plain);

const homeMedication: fc.Arbitrary<HomeMedicationRecord> = fc.record(
  { id: fc.uuid(), patientId: fc.uuid(), rxnorm: fc.stringMatching(/^\d{1,10}$/), name: words, status: fc.constantFrom(...HOME_MEDICATION_STATUSES), dosage: prose, recordedAt: instant, identifiers },
  { requiredKeys: ['id', 'patientId', 'name', 'status', 'recordedAt'] },
).map(plain);

const tenths = (min: number, max: number) => fc.integer({ min: min * 10, max: max * 10 }).map((n) => n / 10);
const measurementValue: fc.Arbitrary<Measurement> = fc.oneof(
  fc.record({ kind: fc.constant('blood-pressure' as const), systolic: fc.integer({ min: 60, max: 260 }), diastolic: fc.integer({ min: 30, max: 160 }) }),
  fc.record({ kind: fc.constantFrom('heart-rate' as const, 'respiratory-rate' as const), perMinute: fc.integer({ min: 4, max: 250 }) }),
  fc.record({ kind: fc.constant('oxygen-saturation' as const), percent: tenths(50, 100) }),
  fc.record({ kind: fc.constant('body-weight' as const), kg: tenths(1, 400) }),
  fc.record({ kind: fc.constant('pain' as const), score: fc.integer({ min: 0, max: 10 }) }),
  fc.record({ kind: fc.constant('pregnancy-status' as const), pregnant: fc.boolean() }),
);
const measurement: fc.Arbitrary<MeasurementRecord> = fc.record(
  { id: fc.uuid(), patientId: fc.uuid(), encounterId: fc.uuid(), measurement: measurementValue, effectiveAt: instant, identifiers },
  { requiredKeys: ['id', 'patientId', 'measurement', 'effectiveAt'] },
).map(plain);

const finding: fc.Arbitrary<ScreeningFindingRecord> = fc.record(
  {
    id: fc.uuid(), patientId: fc.uuid(), referralId: fc.uuid(), code: fc.stringMatching(/^(medication|eligibility|day-of)\.[a-z]{1,12}(-[a-z]{1,8})?$/),
    severity: fc.constantFrom(...FINDING_SEVERITIES), message: prose, source: prose, medicationId: fc.uuid(), identifiedAt: instant, resolvedAt: instant,
  },
  { requiredKeys: ['id', 'patientId', 'referralId', 'code', 'severity', 'message', 'source', 'identifiedAt'] },
).map(plain);

const letter: fc.Arbitrary<ReferralLetterRecord> = fc.record({
  id: fc.uuid(), referralId: fc.uuid(), patientId: fc.uuid(), contentType: fc.constant('application/pdf' as const),
  sizeBytes: fc.integer({ min: 1, max: 20 * 1024 * 1024 }), storedAt: instant,
}).map(plain);

describe('what a referral brings and what screening finds: domain → FHIR → domain', () => {
  it('gives every condition back, labels included; every Condition is valid FHIR', () => {
    fc.assert(fc.property(condition, ({ id, patientId, recordedAt, ...read }) => {
      const { resource } = toFhirCondition({ id, patientId, recordedAt, ...read });
      valid(resource);
      expect(fromFhirCondition(resource)).toStrictEqual(read);
      expect([resource.id, resource.subject, resource.recordedDate]).toEqual([id, { reference: `Patient/${patientId}` }, recordedAt]);
    }), RUNS);
  });

  it('gives every home medication back from both formats; each is valid FHIR', () => {
    fc.assert(fc.property(homeMedication, fc.constantFrom(...HOME_MEDICATION_FORMATS), ({ id, patientId, recordedAt, ...read }, format) => {
      const { resource } = toFhirHomeMedication({ id, patientId, recordedAt, ...read }, format);
      valid(resource);
      expect(fromFhirHomeMedication(resource)).toStrictEqual(read);
      expect([resource.id, resource.subject]).toEqual([id, { reference: `Patient/${patientId}` }]);
    }), RUNS);
  });

  it('gives every measurement and its time back; every Observation is valid FHIR', () => {
    fc.assert(fc.property(measurement, (record) => {
      const { resource } = toFhirMeasurement(record);
      valid(resource);
      expect(fromFhirMeasurement(resource)).toStrictEqual({ measurement: record.measurement, effectiveAt: record.effectiveAt, ...(record.identifiers ? { identifiers: record.identifiers } : {}) });
      expect(resource.encounter).toEqual(record.encounterId ? { reference: `Encounter/${record.encounterId}` } : undefined);
    }), RUNS);
  });

  it('gives every screening finding back, source and severity included; every DetectedIssue is valid FHIR', () => {
    fc.assert(fc.property(finding, fc.constantFrom(...HOME_MEDICATION_FORMATS), (record, format) => {
      const { resource } = toFhirDetectedIssue(record, format);
      valid(resource);
      expect(fromFhirDetectedIssue(resource)).toStrictEqual(record);
    }), RUNS);
  });

  it('gives every referral letter record back; every DocumentReference is valid FHIR', () => {
    fc.assert(fc.property(letter, (record) => {
      const { resource } = toFhirReferralLetter(record);
      valid(resource);
      expect(fromFhirReferralLetter(resource)).toStrictEqual(record);
    }), RUNS);
  });
});
