import { INDICATIONS, REFERRAL_STATUSES, SEXES, type PatientRecord, type ReferralRecord } from '@keta/domain';
import { validateResource } from '@medplum/core';
import fc from 'fast-check';
import { indexFhirDefinitions } from '../test/fhir-definitions';
import { toFhirPatient } from './patient.mapper';
import { fromFhirPatient } from './patient.reader';
import { toFhirReferralTask, toFhirServiceRequest } from './referral.mapper';
import { fromFhirReferral } from './referral.reader';

beforeAll(indexFhirDefinitions);

/** A valid NPI: nine digits and the Luhn check digit over the 80840 prefix. */
const npi = fc.stringMatching(/^[1-9]\d{8}$/).map((nine) => {
  const digits = `80840${nine}`.split('').map(Number).reverse();
  const sum = digits.reduce((total, d, i) => total + (i % 2 === 0 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
  return `${nine}${(10 - (sum % 10)) % 10}`;
});
const word = fc.stringMatching(/^[A-Z][a-z]{1,11}$/);
const isoDate = fc.date({ min: new Date('1900-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

const patientRecord: fc.Arbitrary<PatientRecord> = fc.record({
  id: fc.uuid(),
  demographics: fc.record({
    name: fc.record({ given: fc.array(word, { minLength: 1, maxLength: 3 }), family: word }),
    birthDate: isoDate,
    sex: fc.constantFrom(...SEXES),
    phone: fc.option(fc.stringMatching(/^\+1 555 \d{4}$/), { nil: undefined }),
    email: fc.option(fc.emailAddress(), { nil: undefined }),
    identifiers: fc.uniqueArray(fc.record({ system: fc.integer({ min: 1, max: 99 }).map((n) => `http://hospital${n}.example/mrn`), value: fc.stringMatching(/^MRN-\d{1,8}$/) }), { maxLength: 3, selector: (i) => i.system }),
  }),
}).map((record) => ({ ...record, demographics: JSON.parse(JSON.stringify(record.demographics)) }));

const referralRecord: fc.Arbitrary<ReferralRecord> = fc.record({
  id: fc.uuid(),
  taskId: fc.uuid(),
  patientId: fc.uuid(),
  status: fc.constantFrom(...REFERRAL_STATUSES),
  indication: fc.constantFrom(...INDICATIONS).map(({ system, code }) => ({ system, code })),
  reason: fc.array(word, { minLength: 1, maxLength: 12 }).map((words) => words.join(' ')),
  referrer: fc.record(
    {
      name: fc.array(word, { minLength: 2, maxLength: 3 }).map((w) => `Dr ${w.join(' ')}`),
      npi,
      organization: fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => `${w.join(' ')} Clinic`),
      phone: fc.stringMatching(/^\+1 555 \d{3} \d{4}$/),
    },
    { requiredKeys: ['name', 'npi'] },
  ),
  createdAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  placerIdentifier: fc.option(fc.record({ system: fc.constant('http://harbor.example/referral'), value: fc.stringMatching(/^R-\d{1,8}$/) }), { nil: undefined }),
}).filter((r) => r.taskId !== r.id).map((r) => JSON.parse(JSON.stringify(r)) as ReferralRecord);

describe('domain → FHIR → domain', () => {
  it('gives every patient back, and every Patient is valid FHIR', () => {
    fc.assert(
      fc.property(patientRecord, (record) => {
        const { resource } = toFhirPatient(record);
        expect(() => validateResource(resource)).not.toThrow();
        expect(fromFhirPatient(resource)).toEqual(record.demographics);
      }),
      { numRuns: 300 },
    );
  });

  it('gives every referral\'s indication, reason, referrer (with organization and phone) and placer identifier back; ServiceRequest and Task are valid FHIR', () => {
    fc.assert(
      fc.property(referralRecord, (record) => {
        const request = toFhirServiceRequest(record).resource;
        const task = toFhirReferralTask(record).resource;
        expect(() => validateResource(request)).not.toThrow();
        expect(() => validateResource(task)).not.toThrow();
        const { indication, reason, referrer, placerIdentifier } = record;
        expect(fromFhirReferral(request)).toStrictEqual({ indication, reason, referrer, ...(placerIdentifier ? { placerIdentifier } : {}) });
        expect([task.contained, task.requester]).toEqual([request.contained, request.requester]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('reading what Keta cannot take', () => {
  const fields = (read: () => unknown) => {
    try {
      read();
    } catch (error) {
      return (error as { issues: Array<{ field: string }> }).issues.map((i) => i.field);
    }
    return [];
  };

  it('names each missing or unusable element of a Patient', () => {
    expect(fields(() => fromFhirPatient({ resourceType: 'Patient', gender: 'robot' as 'male' }))).toEqual(['Patient.name', 'Patient.birthDate', 'Patient.gender']);
    expect(fields(() => fromFhirPatient({ resourceType: 'Patient', name: [{ family: 'Ng', given: ['A'] }], birthDate: '1980', gender: 'male' }))).toEqual(['Patient.birthDate']);
  });

  it('names each missing or unusable element of a referral, and reads the referrer from the Practitioner', () => {
    expect(fields(() => fromFhirReferral({ resourceType: 'ServiceRequest', status: 'active', intent: 'order', subject: {} }))).toEqual([
      'ServiceRequest.reasonCode', 'ServiceRequest.note', 'ServiceRequest.requester', 'ServiceRequest.requester',
    ]);
    const request = {
      resourceType: 'ServiceRequest' as const, status: 'active' as const, intent: 'order' as const, subject: {},
      reasonCode: [{ coding: [{ system: 'http://loinc.org', code: 'x' }, { system: 'http://snomed.info/sct', code: '47505003' }], text: 'PTSD after an accident' }],
      requester: { reference: 'Practitioner/p1' },
    };
    const practitioner = { resourceType: 'Practitioner' as const, identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }], name: [{ given: ['Mia'], family: 'Lee' }] };
    expect(fromFhirReferral(request, { practitioner })).toEqual({
      indication: { system: 'http://snomed.info/sct', code: '47505003' }, reason: 'PTSD after an accident', referrer: { name: 'Mia Lee', npi: '1234567893' },
    });
  });
});
