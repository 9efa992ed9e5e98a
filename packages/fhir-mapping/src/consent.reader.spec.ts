import type { Consent } from '@medplum/fhirtypes';
import { toFhirConsent } from './consent.mapper';
import { fromFhirConsent } from './consent.reader';

const fields = (consent: Consent) => {
  try {
    fromFhirConsent(consent);
  } catch (error) {
    return (error as { issues: Array<{ field: string }> }).issues.map((i) => i.field);
  }
  return [];
};

const signed = toFhirConsent({
  id: 'c1', patientId: 'p1', signedAt: '2026-03-02T15:04:05.000Z', kind: 'privacy', status: 'active',
  recipient: { name: 'Dr Lee' }, coversPart2: false,
}).resource;

describe('reading a Consent', () => {
  it('names every element it cannot use', () => {
    expect(fields({ resourceType: 'Consent', status: 'proposed', scope: { text: 'adr' }, category: [] })).toEqual([
      'Consent.scope', 'Consent.patient', 'Consent.id', 'Consent.dateTime', 'Consent.status',
    ]);
  });

  it('needs a privacy consent\'s recipient, a revoked consent\'s revocation time and a Binary source', () => {
    const broken: Consent = { ...signed, status: 'inactive', provision: { type: 'permit' }, sourceAttachment: { url: 'https://docs.example/1.pdf' } };
    expect(fields(broken)).toEqual(['Consent.sourceAttachment.url', 'Consent.provision.provision', 'Consent.provision.actor']);
  });

  it('rejects an expiry that is not a date', () => {
    expect(fields({ ...signed, provision: { ...signed.provision, period: { end: '2027-03-01T00:00:00Z' } } })).toEqual(['Consent.provision.period.end']);
  });

  it('reads Part 2 cover from the provision\'s 42CFRPart2 label alone', () => {
    const labelled = { ...signed, provision: { ...signed.provision, securityLabel: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: '42CFRPart2' }] } };
    expect(fromFhirConsent(labelled)).toMatchObject({ kind: 'privacy', coversPart2: true, recipient: { name: 'Dr Lee' } });
  });
});
