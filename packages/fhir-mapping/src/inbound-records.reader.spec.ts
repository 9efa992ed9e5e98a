import type { BundleEntry } from '@medplum/fhirtypes';
import { PDF, bundle, condition, entry, fields, heartRate, letter, medication, patient, practitioner, request } from '../test/inbound-bundle';
import { readReferralBundle } from './referral-bundle.reader';

/** A transaction of one referral (entries 0-2) and the records given. */
const referral = (records: BundleEntry[], extra: object = {}) => bundle(patient, practitioner, request(practitioner.fullUrl!, extra), ...records);
const readOne = (records: BundleEntry[], extra: object = {}) => readReferralBundle(referral(records, extra))[0]!;
const withoutFullUrl = (resource: BundleEntry['resource']): BundleEntry => ({ resource });

describe('what a referral Bundle says about the patient', () => {
  it('reads each record about the referral\'s Patient, keyed by its identifier, else its fullUrl', () => {
    const read = readOne([
      entry(3, condition()),
      withoutFullUrl(medication({ identifier: [{ system: 'http://harbor.example/med', value: 'M-1' }], dosage: [{ text: '1 mg at night' }] })),
      entry(5, heartRate()),
      entry(6, letter()),
    ]);
    expect(read.conditions).toEqual([{
      entry: 3, key: 'urn:uuid:00000000-0000-4000-8000-000000000003',
      read: { code: { codings: [{ system: 'http://snomed.info/sct', code: '370143000' }], text: 'Major depressive disorder' }, clinicalStatus: 'active', part2: false },
    }]);
    expect(read.medications).toEqual([{
      entry: 4, key: 'http://harbor.example/med|M-1', read: { rxnorm: '197901', name: 'lorazepam 1 MG Oral Tablet', status: 'active', dosage: '1 mg at night', identifiers: [{ system: 'http://harbor.example/med', value: 'M-1' }] },
    }]);
    expect(read.measurements).toEqual([{ entry: 5, key: 'urn:uuid:00000000-0000-4000-8000-000000000005', read: { measurement: { kind: 'heart-rate', perMinute: 72 }, effectiveAt: '2026-11-20T09:30:00Z' } }]);
    expect(read.letter).toEqual({ entry: 6, key: 'urn:uuid:00000000-0000-4000-8000-000000000006', read: { contentType: 'application/pdf', data: PDF } });
  });

  it('takes a record the ServiceRequest references (supportingInfo, reasonReference) even without a subject', () => {
    const unsubjected = entry(3, letter({ subject: undefined }));
    const reason = entry(4, condition());
    const read = readOne([unsubjected, reason], { supportingInfo: [{ reference: unsubjected.fullUrl }], reasonReference: [{ reference: reason.fullUrl }] });
    expect([read.letter?.entry, read.conditions.map((c) => c.entry)]).toEqual([3, [4]]);
  });

  it('refuses a referenced record about another patient, and a record about no referral', () => {
    const other = entry(9, { ...patient.resource!, identifier: [] } as never);
    const elsewhere = entry(3, condition({ subject: { reference: other.fullUrl } }));
    expect(fields(() => readReferralBundle(referral([other, elsewhere], { supportingInfo: [{ reference: elsewhere.fullUrl }] })))).toEqual([
      { field: 'Bundle.entry[4].resource.subject', message: 'must reference the referral\'s Patient' },
    ]);
    expect(fields(() => readReferralBundle(referral([other, elsewhere])))).toEqual([
      { field: 'Bundle.entry[4]', message: 'Condition is about no referral in this Bundle: its subject must be a referral\'s Patient, or a ServiceRequest must reference it' },
    ]);
  });

  it('names, by entry, each record it cannot read and each with no key', () => {
    const issues = fields(() => readReferralBundle(referral([
      entry(3, heartRate({ code: { coding: [{ system: 'http://loinc.org', code: '8310-5' }] } })),
      withoutFullUrl(condition({ clinicalStatus: undefined })),
      entry(5, medication({ status: 'intended' })),
    ])));
    expect(issues.map((i) => i.field)).toEqual([
      'Bundle.entry[3].resource.code', 'Bundle.entry[4].resource.identifier', 'Bundle.entry[4].resource.clinicalStatus', 'Bundle.entry[5].resource.status',
    ]);
    expect(issues[0]?.message).toMatch(/^is not a measurement Keta takes: LOINC 85354-9 \(blood-pressure\), 8867-4 \(heart-rate\)/);
  });

  it('takes one letter per referral, sent inline as a PDF', () => {
    expect(fields(() => readReferralBundle(referral([entry(3, letter()), entry(4, letter())])))).toEqual([
      { field: 'Bundle.entry[4]', message: 'is a second letter for the referral (the first is entry 3): Keta takes one letter per referral' },
    ]);
    const byUrl = letter({ content: [{ attachment: { contentType: 'application/pdf', url: 'https://harbor.example/letters/1.pdf' } }] });
    expect(fields(() => readReferralBundle(referral([entry(3, byUrl)]))).map((i) => i.field)).toEqual(['Bundle.entry[3].resource.content[0].attachment.data']);
  });

  it('reads a record shared by two referrals of one patient into both, and names its failure once', () => {
    const second = { ...request(practitioner.fullUrl!), fullUrl: 'urn:uuid:0f1e2d3c-5555-4b4a-8c9d-0e1f2a3b4c5d' };
    const read = readReferralBundle(bundle(patient, practitioner, request(practitioner.fullUrl!), second, entry(4, condition())));
    expect(read.map((r) => r.conditions.map((c) => c.entry))).toEqual([[4], [4]]);
    expect(fields(() => readReferralBundle(bundle(patient, practitioner, request(practitioner.fullUrl!), second, entry(4, condition({ code: {} })))))).toHaveLength(1);
  });
});
