import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';

/** Small factories for inbound referral Bundles: a patient, a referrer, a referral and records about the patient. */
export const patient: BundleEntry = {
  fullUrl: 'urn:uuid:5b0a3a4c-1111-4c1e-9a51-1f2e3d4c5b6a',
  resource: { resourceType: 'Patient', identifier: [{ system: 'http://harbor.example/mrn', value: 'MRN-9' }], name: [{ family: 'Okafor', given: ['Ada'] }], birthDate: '1979-04-02', gender: 'female' },
};
export const practitioner: BundleEntry = {
  fullUrl: 'urn:uuid:7c1d2e3f-2222-4c2d-8e9f-0a1b2c3d4e5f',
  resource: { resourceType: 'Practitioner', identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }], name: [{ given: ['Mia'], family: 'Lee' }] },
};
export const role: BundleEntry = {
  fullUrl: 'urn:uuid:8d2e3f40-3333-4d3e-9fa0-1b2c3d4e5f60',
  resource: { resourceType: 'PractitionerRole', practitioner: { reference: practitioner.fullUrl } },
};
export const request = (requester: string, extra: object = {}): BundleEntry => ({
  fullUrl: 'urn:uuid:9e3f4051-4444-4e4f-a0b1-2c3d4e5f6071',
  resource: {
    resourceType: 'ServiceRequest', status: 'active', intent: 'order', subject: { reference: patient.fullUrl },
    requester: { reference: requester }, note: [{ text: 'Treatment-resistant depression' }],
    reasonCode: [{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F33.1' }] }], ...extra,
  },
});
export const bundle = (...entry: BundleEntry[]): Bundle => ({ resourceType: 'Bundle', type: 'transaction', entry });

/** An entry with a fullUrl of its own (n tells entries apart). */
export const entry = (n: number, resource: Resource): BundleEntry => ({ fullUrl: `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, resource });
const about = { subject: { reference: patient.fullUrl } };
export const condition = (extra: object = {}): Resource => ({
  resourceType: 'Condition', ...about, clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
  code: { coding: [{ system: 'http://snomed.info/sct', code: '370143000' }], text: 'Major depressive disorder' }, ...extra,
});
export const medication = (extra: object = {}): Resource => ({
  resourceType: 'MedicationStatement', ...about, status: 'active',
  medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '197901' }], text: 'lorazepam 1 MG Oral Tablet' }, ...extra,
});
export const heartRate = (extra: object = {}): Resource => ({
  resourceType: 'Observation', ...about, status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
  effectiveDateTime: '2026-11-20T09:30:00Z', valueQuantity: { value: 72, unit: 'beats/minute', system: 'http://unitsofmeasure.org', code: '/min' }, ...extra,
});
export const PDF = new TextEncoder().encode('%PDF-1.7\n%letter\n');
export const letter = (extra: object = {}): Resource => ({
  resourceType: 'DocumentReference', ...about, status: 'current',
  content: [{ attachment: { contentType: 'application/pdf', data: Buffer.from(PDF).toString('base64') } }], ...extra,
});

/** The fields a read refuses, or none. */
export const fields = (read: () => unknown): Array<{ field: string; message: string }> => {
  try {
    read();
  } catch (error) {
    return [...(error as { issues: Array<{ field: string; message: string }> }).issues];
  }
  return [];
};
