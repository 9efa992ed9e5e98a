import type { Bundle, BundleEntry } from '@medplum/fhirtypes';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DomainError } from '@keta/errors';
import { bundle, condition, entry, fields, heartRate, patient, practitioner, request, role } from '../test/inbound-bundle';
import { INBOUND_TYPES, readReferralBundle, readReferralUnits } from './referral-bundle.reader';

const none = { conditions: [], medications: [], measurements: [] };

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
        ...none,
      });
    }
  });

  it('keeps the referrer\'s organization and phone: the role\'s phone first, else the organization\'s', () => {
    const organization = entry(90, { resourceType: 'Organization', name: 'Harbor Psychiatry', telecom: [{ system: 'phone', value: '+1 555 0101' }] });
    const withOrganization = (telecom?: object[]): BundleEntry => ({
      ...role, resource: { resourceType: 'PractitionerRole', practitioner: { reference: practitioner.fullUrl }, organization: { reference: organization.fullUrl }, telecom } as never,
    });
    const referrer = (roleEntry: BundleEntry) => readReferralBundle(bundle(patient, practitioner, organization, roleEntry, request(role.fullUrl!)))[0]?.referral.referrer;
    expect(referrer(withOrganization())).toEqual({ name: 'Mia Lee', npi: '1234567893', organization: 'Harbor Psychiatry', phone: '+1 555 0101' });
    expect(referrer(withOrganization([{ system: 'phone', value: '+1 555 0199' }]))?.phone).toBe('+1 555 0199');
  });

  it('reads a referrer contained in the ServiceRequest, as Keta sends one', () => {
    const contained = [
      { resourceType: 'Practitioner', id: 'p', identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }], name: [{ text: 'Dr Mia Lee' }] },
      { resourceType: 'Organization', id: 'o', name: 'Harbor Psychiatry' },
      { resourceType: 'PractitionerRole', id: 'r', practitioner: { reference: '#p' }, organization: { reference: '#o' }, telecom: [{ system: 'phone', value: '+1 555 0101' }] },
    ];
    const [read] = readReferralBundle(bundle(patient, request('#r', { contained })));
    expect(read?.referral.referrer).toEqual({ name: 'Dr Mia Lee', npi: '1234567893', organization: 'Harbor Psychiatry', phone: '+1 555 0101' });
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

  it('answers a batch referral with its records, and refuses it whole when one of them cannot be read', () => {
    const other = entry(80, { ...patient.resource!, identifier: [{ system: 'http://harbor.example/mrn', value: 'MRN-10' }] } as never);
    const stray = entry(3, condition({ subject: { reference: other.fullUrl } }));
    const batch = (...records: BundleEntry[]): Bundle => ({ resourceType: 'Bundle', type: 'batch', entry: [patient, practitioner, request(practitioner.fullUrl!), other, stray, ...records] });
    const good = readReferralUnits(batch(entry(1, condition()), entry(2, heartRate())));
    expect(good.units.map((u) => [u.entry, u.members])).toEqual([[2, [0, 1, 5, 6]]]);
    expect(good.unsupported).toEqual([{ field: 'Bundle.entry[4]', message: 'Condition is about no referral in this Bundle: its subject must be a referral\'s Patient, or a ServiceRequest must reference it' }]);
    const bad = readReferralUnits(batch(entry(1, condition()), entry(2, heartRate({ code: { coding: [{ system: 'http://loinc.org', code: '8310-5' }] } }))));
    expect(bad.units[0]?.read).toBeInstanceOf(DomainError);
    expect((bad.units[0]?.read as DomainError).issues.map((i) => i.field)).toEqual(['Bundle.entry[6].resource.code']);
  });

  describe('Synthea bundles (cql-exec-fhir test/fixtures/r4)', () => {
    const dir = join(dirname(require.resolve('cql-exec-fhir/package.json')), 'test', 'fixtures', 'r4');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('Condition_'));
    const records = ['Condition', 'MedicationStatement', 'MedicationRequest', 'Observation', 'DocumentReference'];

    it.each(files)('%s is refused whole, naming each entry Keta does not take and each record about no referral', (file) => {
      const synthea = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Bundle;
      const issues = fields(() => readReferralBundle(synthea));
      const types = (synthea.entry ?? []).map((e) => e.resource?.resourceType ?? '');
      const foreign = types.filter((type) => !INBOUND_TYPES.has(type));
      expect(types).not.toContain('ServiceRequest');
      expect(foreign.length).toBeGreaterThan(0);
      expect(issues).toHaveLength(foreign.length + types.filter((type) => records.includes(type)).length);
      expect(issues[0]).toEqual({ field: `Bundle.entry[${types.indexOf(foreign[0]!)}]`, message: `${foreign[0]} is not a type Keta takes` });
      expect(issues.at(-1)?.message).toMatch(/is about no referral in this Bundle/);
    });
  });
});
