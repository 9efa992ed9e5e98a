import type { Bundle, BundleEntry } from '@medplum/fhirtypes';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DomainError } from '@keta/errors';
import { readReferralBundle, readReferralUnits } from './referral-bundle.reader';

const patient: BundleEntry = {
  fullUrl: 'urn:uuid:5b0a3a4c-1111-4c1e-9a51-1f2e3d4c5b6a',
  resource: { resourceType: 'Patient', identifier: [{ system: 'http://harbor.example/mrn', value: 'MRN-9' }], name: [{ family: 'Okafor', given: ['Ada'] }], birthDate: '1979-04-02', gender: 'female' },
};
const practitioner: BundleEntry = {
  fullUrl: 'urn:uuid:7c1d2e3f-2222-4c2d-8e9f-0a1b2c3d4e5f',
  resource: { resourceType: 'Practitioner', identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }], name: [{ given: ['Mia'], family: 'Lee' }] },
};
const role: BundleEntry = {
  fullUrl: 'urn:uuid:8d2e3f40-3333-4d3e-9fa0-1b2c3d4e5f60',
  resource: { resourceType: 'PractitionerRole', practitioner: { reference: practitioner.fullUrl } },
};
const request = (requester: string, extra: object = {}): BundleEntry => ({
  fullUrl: 'urn:uuid:9e3f4051-4444-4e4f-a0b1-2c3d4e5f6071',
  resource: {
    resourceType: 'ServiceRequest', status: 'active', intent: 'order', subject: { reference: patient.fullUrl },
    requester: { reference: requester }, note: [{ text: 'Treatment-resistant depression' }],
    reasonCode: [{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F33.1' }] }], ...extra,
  },
});
const bundle = (...entry: BundleEntry[]): Bundle => ({ resourceType: 'Bundle', type: 'transaction', entry });
const fields = (read: () => unknown) => {
  try {
    read();
  } catch (error) {
    return (error as { issues: Array<{ field: string; message: string }> }).issues;
  }
  return [];
};

describe('readReferralBundle', () => {
  it('reads a referral with its patient and its referrer (directly or through a PractitionerRole)', () => {
    for (const requester of [practitioner.fullUrl!, role.fullUrl!]) {
      const [read] = readReferralBundle(bundle(patient, practitioner, role, request(requester)));
      expect(read).toEqual({
        entry: 3,
        patientEntry: 0,
        key: 'urn:uuid:9e3f4051-4444-4e4f-a0b1-2c3d4e5f6071',
        patient: { name: { given: ['Ada'], family: 'Okafor' }, birthDate: '1979-04-02', sex: 'female', identifiers: [{ system: 'http://harbor.example/mrn', value: 'MRN-9' }] },
        referral: { indication: { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F33.1' }, reason: 'Treatment-resistant depression', referrer: { name: 'Mia Lee', npi: '1234567893' } },
      });
    }
  });

  it('keys a referral by its identifier when it has one, so the same referral sent again is recognised', () => {
    const withId = request(practitioner.fullUrl!, { identifier: [{ system: 'http://harbor.example/referral', value: 'R-77' }] });
    expect(readReferralBundle(bundle(patient, practitioner, withId))[0]?.key).toBe('http://harbor.example/referral|R-77');
  });

  it('names a subject or requester that does not resolve, and a Bundle with no referral', () => {
    const orphan = request(practitioner.fullUrl!, { subject: { reference: 'Patient/elsewhere' } });
    expect(fields(() => readReferralBundle(bundle(practitioner, orphan)))).toEqual([
      { field: 'Bundle.entry[1].resource.subject', message: 'must reference a Patient in this Bundle' },
    ]);
    expect(fields(() => readReferralBundle(bundle(patient, request('Practitioner/missing')))).map((i) => i.field)).toEqual(['ServiceRequest.requester', 'ServiceRequest.requester']);
    expect(fields(() => readReferralBundle(bundle(patient, practitioner)))).toEqual([{ field: 'Bundle.entry', message: 'holds no ServiceRequest: nothing to refer' }]);
  });

  it('reads each referral of a batch on its own, with the entries it draws on', () => {
    const broken = { ...request('Practitioner/missing'), fullUrl: 'urn:uuid:0f1e2d3c-5555-4b4a-8c9d-0e1f2a3b4c5d' };
    const claim: BundleEntry = { resource: { resourceType: 'Claim' } as never };
    const { units, unsupported } = readReferralUnits({ resourceType: 'Bundle', type: 'batch', entry: [patient, practitioner, role, request(role.fullUrl!), broken, claim] });
    expect(unsupported).toEqual([{ field: 'Bundle.entry[5]', message: 'Claim is not a type Keta takes' }]);
    expect(units.map((u) => [u.entry, u.members])).toEqual([[3, [0, 2, 1]], [4, [0]]]);
    expect(units[0]?.read).not.toBeInstanceOf(DomainError);
    expect(units[1]?.read).toBeInstanceOf(DomainError);
  });

  describe('Synthea bundles (cql-exec-fhir test/fixtures/r4)', () => {
    const dir = join(dirname(require.resolve('cql-exec-fhir/package.json')), 'test', 'fixtures', 'r4');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('Condition_'));

    it.each(files)('%s is refused whole, naming each entry Keta does not take', (file) => {
      const synthea = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Bundle;
      const issues = fields(() => readReferralBundle(synthea));
      const foreign = (synthea.entry ?? []).filter((e) => !['Patient', 'Practitioner', 'PractitionerRole', 'Organization', 'ServiceRequest', 'DocumentReference', 'Condition', 'MedicationStatement', 'MedicationRequest', 'Observation'].includes(e.resource?.resourceType ?? ''));
      expect(foreign.length).toBeGreaterThan(0);
      expect(issues).toHaveLength(foreign.length);
      expect(issues[0]).toEqual({ field: `Bundle.entry[${synthea.entry!.indexOf(foreign[0]!)}]`, message: `${foreign[0]!.resource!.resourceType} is not a type Keta takes` });
    });
  });
});
