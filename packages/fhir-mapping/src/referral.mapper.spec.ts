import type { PatientRecord, ReferralRecord } from '@keta/domain';
import { validateResource } from '@medplum/core';
import { indexFhirDefinitions } from '../test/fhir-definitions';
import { KETA_SYSTEMS } from './identifier-systems';
import { toFhirPatient } from './patient.mapper';
import { toFhirReferralTask, toFhirServiceRequest } from './referral.mapper';
import { toSyncBundle } from './sync-bundle';

beforeAll(indexFhirDefinitions);

const patient: PatientRecord = {
  id: '0b5e6a4e-5d3f-4a52-9a0e-8f5f3f1a2b01',
  demographics: {
    name: { given: ['Ana', 'Maria'], family: 'Reyes' }, birthDate: '1984-02-29', sex: 'female',
    phone: '+1 555 0100', identifiers: [{ system: 'http://hospital.example/mrn', value: 'MRN-1' }],
  },
};
const referral: ReferralRecord = {
  id: '7c1d2e3f-1111-4c2d-8e9f-0a1b2c3d4e5f',
  taskId: '9e8d7c6b-2222-4a5b-9c8d-7e6f5a4b3c2d',
  patientId: patient.id,
  status: 'received',
  indication: { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F33.1' },
  reason: 'Two failed SSRI trials',
  referrer: { name: 'Dr Lee', npi: '1234567893' },
  createdAt: '2026-11-22T10:00:00.000Z',
};

describe('Patient mapping', () => {
  it('is valid FHIR with Keta\'s identifier first, then the referrer\'s', () => {
    const { resource, syncIdentifier } = toFhirPatient(patient);
    expect(() => validateResource(resource)).not.toThrow();
    expect(resource.identifier).toEqual([{ system: KETA_SYSTEMS.patient, value: patient.id }, { system: 'http://hospital.example/mrn', value: 'MRN-1' }]);
    expect(resource).toMatchObject({ gender: 'female', birthDate: '1984-02-29', name: [{ family: 'Reyes', given: ['Ana', 'Maria'] }] });
    expect(resource.telecom).toEqual([{ system: 'phone', value: '+1 555 0100' }]);
    expect(syncIdentifier).toEqual({ system: KETA_SYSTEMS.patient, value: patient.id });
  });
});

describe('referral mapping', () => {
  it('gives a BSeR-style ServiceRequest: referral code, coded reason, NPI requester, FILL identifier', () => {
    const { resource } = toFhirServiceRequest(referral);
    expect(() => validateResource(resource)).not.toThrow();
    expect(resource).toMatchObject({
      status: 'active', intent: 'order',
      code: { coding: [{ system: 'http://snomed.info/sct', code: '3457005' }] },
      subject: { reference: `Patient/${patient.id}` },
      requester: { identifier: { system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' } },
      reasonCode: [{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F33.1', display: 'Major depressive disorder, recurrent' }] }],
    });
    expect(resource.identifier?.[0]?.type?.coding?.[0]?.code).toBe('FILL');
  });

  it('contains the referrer: Practitioner (NPI, name), Organization and the PractitionerRole linking them, with the phone', () => {
    const withPractice = { ...referral, referrer: { ...referral.referrer, organization: 'Harbor Psychiatry', phone: '+1 555 0101' } };
    for (const { resource } of [toFhirServiceRequest(withPractice), toFhirReferralTask(withPractice)]) {
      expect(() => validateResource(resource)).not.toThrow();
      expect(resource.contained).toEqual([
        { resourceType: 'Practitioner', id: 'referrer-practitioner', identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }], name: [{ text: 'Dr Lee' }] },
        { resourceType: 'Organization', id: 'referrer-organization', name: 'Harbor Psychiatry' },
        {
          resourceType: 'PractitionerRole', id: 'referrer-role', practitioner: { reference: '#referrer-practitioner', display: 'Dr Lee' },
          organization: { reference: '#referrer-organization', display: 'Harbor Psychiatry' }, telecom: [{ system: 'phone', value: '+1 555 0101', use: 'work' }],
        },
      ]);
      expect(resource.requester).toEqual({ reference: '#referrer-role', identifier: { system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }, display: 'Dr Lee' });
    }
  });

  it('contains no Organization when the referrer\'s is not known', () => {
    const { resource } = toFhirServiceRequest(referral);
    expect(resource.contained?.map((r) => r.resourceType)).toEqual(['Practitioner', 'PractitionerRole']);
    expect(resource.contained?.[1]).toEqual({ resourceType: 'PractitionerRole', id: 'referrer-role', practitioner: { reference: '#referrer-practitioner', display: 'Dr Lee' } });
  });

  it('says why the Task is on hold or declined in statusReason.text (BSeR)', () => {
    const { resource } = toFhirReferralTask({ ...referral, status: 'declined', statusReason: 'Active psychosis' });
    expect(() => validateResource(resource)).not.toThrow();
    expect(resource.statusReason).toEqual({ text: 'Active psychosis' });
    expect(toFhirReferralTask(referral).resource.statusReason).toBeUndefined();
  });

  it.each([
    ['received', 'received', '2.0'],
    ['accepted', 'accepted', '3.0'],
    ['declined', 'rejected', '4.0'],
    ['completed', 'completed', '7.0'],
  ] as const)('carries %s as Task.status %s with business status %s', (status, taskStatus, business) => {
    const { resource } = toFhirReferralTask({ ...referral, status });
    expect(() => validateResource(resource)).not.toThrow();
    expect(resource.status).toBe(taskStatus);
    expect(resource.businessStatus?.coding?.[0]?.code).toBe(business);
    expect(resource.focus).toEqual({ reference: `ServiceRequest/${referral.id}` });
  });

  it.each([
    ['accepted', 'scheduled', 'in-progress', '5.1.1'],
    ['accepted', 'in-treatment', 'in-progress', '5.1.4'],
    ['declined', 'in-treatment', 'rejected', '4.0'],
  ] as const)('carries a %s referral whose treatment is %s as Task.status %s with business status %s', (status, treatment, taskStatus, business) => {
    const { resource } = toFhirReferralTask({ ...referral, status, treatment });
    expect(() => validateResource(resource)).not.toThrow();
    expect(resource.status).toBe(taskStatus);
    expect(resource.businessStatus?.coding?.[0]?.code).toBe(business);
  });

  it('closes the loop: the completed Task carries the closing summary as BSeR feedback items', () => {
    const closingSummary = {
      closedAt: '2027-01-20T12:00:00.000Z', note: 'Good response; boosters as needed',
      series: { id: 'c3d4e5f6-3333-4a5b-9c8d-7e6f5a4b3c2d', kind: 'mood' as const, protocol: 'condensed', infusionsCompleted: 6, firstInfusionOn: '2027-01-04', lastInfusionOn: '2027-01-15' },
      scores: [{ measure: 'phq9' as const, baseline: 19, final: 7 }, { measure: 'gad7' as const, baseline: null, final: 5 }],
    };
    const { resource } = toFhirReferralTask({ ...referral, status: 'completed', closingSummary });
    expect(() => validateResource(resource)).not.toThrow();
    expect(resource.output).toEqual([
      { type: { coding: [{ system: 'http://snomed.info/sct', code: '298057009', display: 'Number of appointments attended' }], text: 'Infusions completed' }, valueInteger: 6 },
      { type: { text: 'Series' }, valuePeriod: { start: '2027-01-04', end: '2027-01-15' } },
      { type: { coding: [{ system: 'http://loinc.org', code: '44261-6', display: 'PHQ-9 total score' }], text: 'PHQ-9 total score before the series' }, valueInteger: 19 },
      { type: { coding: [{ system: 'http://loinc.org', code: '44261-6', display: 'PHQ-9 total score' }], text: 'PHQ-9 total score at the end of the series' }, valueInteger: 7 },
      { type: { coding: [{ system: 'http://loinc.org', code: '70274-6', display: 'GAD-7 total score' }], text: 'GAD-7 total score at the end of the series' }, valueInteger: 5 },
      { type: { text: 'Closing note' }, valueString: 'Good response; boosters as needed' },
    ]);
    expect(toFhirReferralTask({ ...referral, status: 'completed' }).resource.output).toBeUndefined();
  });
});

describe('sync Bundle', () => {
  it('upserts each resource by its Keta identifier and links them by urn:uuid', () => {
    const items = [toFhirPatient(patient), toFhirServiceRequest(referral), toFhirReferralTask(referral)];
    const bundle = toSyncBundle(items);
    expect(() => validateResource(bundle)).not.toThrow();
    expect(bundle.entry?.map((e) => e.request)).toEqual([
      { method: 'PUT', url: `Patient?identifier=${KETA_SYSTEMS.patient}|${patient.id}` },
      { method: 'PUT', url: `ServiceRequest?identifier=${KETA_SYSTEMS.referral}|${referral.id}` },
      { method: 'PUT', url: `Task?identifier=${KETA_SYSTEMS.referralTask}|${referral.taskId}` },
    ]);
    const [p, sr, task] = bundle.entry!.map((e) => e.resource as unknown as Record<string, unknown>);
    expect(p).not.toHaveProperty('id');
    expect(sr).toMatchObject({ subject: { reference: `urn:uuid:${patient.id}` } });
    expect(task).toMatchObject({ focus: { reference: `urn:uuid:${referral.id}` }, for: { reference: `urn:uuid:${patient.id}` } });
  });

  it('keeps the referrer contained, its local references as they are', () => {
    const bundle = toSyncBundle([toFhirServiceRequest(referral)]);
    expect(() => validateResource(bundle)).not.toThrow();
    expect(bundle.entry?.[0]?.resource).toMatchObject({ contained: toFhirServiceRequest(referral).resource.contained, requester: { reference: '#referrer-role' } });
  });

  it('leaves references to resources outside the Bundle alone', () => {
    const bundle = toSyncBundle([toFhirServiceRequest(referral)]);
    expect(bundle.entry?.[0]?.resource).toMatchObject({ subject: { reference: `Patient/${patient.id}` } });
  });
});
