import type { ConsentRecord } from '@keta/domain';
import { validateResource } from '@medplum/core';
import { indexFhirDefinitions } from '../test/fhir-definitions';
import { toFhirConsent } from './consent.mapper';
import { KETA_SYSTEMS } from './identifier-systems';
import { PART2_LABELS } from './security-labels';

beforeAll(indexFhirDefinitions);

const PATIENT = '0b5e6a4e-5d3f-4a52-9a0e-8f5f3f1a2b01';
const treatment = (over: Partial<ConsentRecord> = {}): ConsentRecord =>
  ({ id: 'c0000000-0000-4000-8000-000000000001', patientId: PATIENT, signedAt: '2026-03-02T15:04:05.000Z', kind: 'treatment', status: 'active', ...over }) as ConsentRecord;
const privacy = (coversPart2: boolean): ConsentRecord =>
  ({ ...treatment(), kind: 'privacy', recipient: { name: 'Valley Psychiatry EHR', url: 'https://ehr.valley.example/fhir' }, coversPart2 });

const mapped = (record: ConsentRecord) => {
  const projected = toFhirConsent(record);
  expect(() => validateResource(projected.resource)).not.toThrow();
  return projected;
};

describe('Consent mapping', () => {
  it.each([
    ['treatment', treatment(), 'treatment', '59284-0'],
    ['privacy', privacy(false), 'patient-privacy', '64292-6'],
  ] as const)('maps a %s consent to scope %s and LOINC category %s, signed by the patient', (_kind, record, scope, category) => {
    const { resource, syncIdentifier, status } = mapped(record);
    expect(resource.scope.coding).toEqual([expect.objectContaining({ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: scope })]);
    expect(resource.category).toEqual([{ coding: [expect.objectContaining({ system: 'http://loinc.org', code: category })] }]);
    expect(resource).toMatchObject({
      id: record.id, status: 'active', dateTime: record.signedAt,
      patient: { reference: `Patient/${PATIENT}` }, performer: [{ reference: `Patient/${PATIENT}` }],
      policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }] },
      provision: { type: 'permit' },
    });
    expect(resource.identifier).toEqual([syncIdentifier]);
    expect(syncIdentifier).toEqual({ system: KETA_SYSTEMS.consent, value: record.id });
    expect(status).toBe('active');
  });

  it('makes a revoked consent inactive, denying from the revocation on', () => {
    const { resource, status } = mapped(treatment({ status: 'revoked', revokedAt: '2026-04-01T09:00:00.000Z' } as Partial<ConsentRecord>));
    expect(status).toBe('inactive');
    expect(resource.status).toBe('inactive');
    expect(resource.provision?.provision).toEqual([{ type: 'deny', period: { start: '2026-04-01T09:00:00.000Z' } }]);
  });

  it('lets a privacy consent disclose to its recipient, and lists the Part 2 labels only when it covers Part 2 data', () => {
    const covering = mapped(privacy(true)).resource.provision;
    expect(covering?.securityLabel).toEqual(PART2_LABELS);
    expect(covering?.action?.[0]?.coding?.[0]?.code).toBe('disclose');
    expect(covering?.actor).toEqual([{
      role: { coding: [expect.objectContaining({ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' })] },
      reference: { display: 'Valley Psychiatry EHR', identifier: { system: 'urn:ietf:rfc:3986', value: 'https://ehr.valley.example/fhir' } },
    }]);
    expect(mapped(privacy(false)).resource.provision).not.toHaveProperty('securityLabel');
    expect(mapped(treatment()).resource.provision).toEqual({ type: 'permit' });
  });

  it('points at the signed PDF as a Binary and lapses on the expiry day', () => {
    const { resource } = mapped(treatment({ documentId: 'd0000000-0000-4000-8000-000000000009', expiresOn: '2027-03-01' }));
    expect(resource.sourceAttachment).toEqual({ contentType: 'application/pdf', url: 'Binary/d0000000-0000-4000-8000-000000000009' });
    expect(resource.provision?.period).toEqual({ end: '2027-03-01' });
  });

  it('always carries a policy rule, which R4 (ppc-1) requires', () => {
    const { policyRule: _rule, ...withoutRule } = mapped(privacy(true)).resource;
    expect(() => validateResource(withoutRule)).toThrow(/ppc-1/);
  });

  it('names the form version the patient read as its policy, and a legal representative as the one who signed', () => {
    const form = { id: 'f0000000-0000-4000-8000-000000000002', version: 3, title: 'Informed consent to IV ketamine' };
    const { resource } = mapped(treatment({ form, signedBy: { signer: 'legal-representative', representativeName: 'Jordan Rivera' }, witnessedBy: 'u1' }));
    expect(resource.policy).toEqual([{ uri: `urn:uuid:${form.id}` }]);
    expect(resource.sourceAttachment).toEqual({ title: 'Informed consent to IV ketamine (version 3)' });
    expect(resource.performer).toEqual([{ display: 'Jordan Rivera' }]);
    expect(mapped(treatment({ form, signedBy: { signer: 'patient' }, documentId: 'd1' })).resource.sourceAttachment).toEqual({ contentType: 'application/pdf', url: 'Binary/d1' });
  });
});
