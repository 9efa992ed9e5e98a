import type { ScreeningFindingRecord } from '@keta/domain';
import { validateResource } from '@medplum/core';
import { fields } from '../test/inbound-bundle';
import { indexFhirDefinitions } from '../test/fhir-definitions';
import { KETA_SYSTEMS } from './identifier-systems';
import { toFhirDetectedIssue } from './screening-finding.mapper';
import { fromFhirDetectedIssue } from './screening-finding.reader';

beforeAll(indexFhirDefinitions);

const finding: ScreeningFindingRecord = {
  id: '5c7d9e1f-4444-4d5e-8f6a-7b8c9d0e1f2a',
  patientId: '0b5e6a4e-5d3f-4a52-9a0e-8f5f3f1a2b01',
  referralId: '7c1d2e3f-1111-4c2d-8e9f-0a1b2c3d4e5f',
  code: 'medication.benzodiazepine',
  severity: 'review',
  message: 'Lorazepam may blunt the effect of ketamine: a clinician decides whether to hold it.',
  source: 'DOMAIN.md §4.5',
  medicationId: '3a5b7c9d-2222-4b3c-8d4e-5f6a7b8c9d0e',
  identifiedAt: '2026-11-22T10:05:00.000Z',
};
const keta = (code: string) => ({ system: KETA_SYSTEMS.screeningFinding, code });

describe('screening finding mapping (DOMAIN.md §2.8)', () => {
  it('gives a finding screening no longer makes as mitigated, saying when (R4 as Medplum binds it: detectedissue-status)', () => {
    const { resource, status } = toFhirDetectedIssue({ ...finding, resolvedAt: '2026-11-23T09:00:00.000Z' });
    expect(() => validateResource(resource)).not.toThrow();
    expect(status).toBe('mitigated');
    expect(resource.mitigation).toEqual([{ action: { text: 'Resolved: screening the referral again no longer finds it' }, date: '2026-11-23T09:00:00.000Z' }]);
  });

  it('gives a medication finding as a final DRG DetectedIssue with Keta\'s code, about the patient and the referral', () => {
    const { resource, syncIdentifier, status } = toFhirDetectedIssue(finding);
    expect(() => validateResource(resource)).not.toThrow();
    expect(resource).toMatchObject({
      id: finding.id,
      identifier: [{ system: KETA_SYSTEMS.screeningFinding, value: finding.id }],
      status: 'final',
      code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'DRG', display: 'Drug Interaction Alert' }, keta('medication.benzodiazepine')], text: finding.message },
      severity: 'moderate',
      patient: { reference: `Patient/${finding.patientId}` },
      identifiedDateTime: finding.identifiedAt,
      implicated: [{ reference: `MedicationStatement/${finding.medicationId}` }],
      evidence: [{ detail: [{ reference: `ServiceRequest/${finding.referralId}` }] }],
      detail: finding.message,
    });
    expect([syncIdentifier.value, status]).toEqual([finding.id, 'final']);
  });

  it('codes other findings with Keta\'s code alone, and implicates nothing without a medication', () => {
    const { medicationId: _medicationId, ...other } = finding;
    const { resource } = toFhirDetectedIssue({ ...other, code: 'eligibility.psychosis' });
    expect(resource.code).toEqual({ coding: [keta('eligibility.psychosis')], text: finding.message });
    expect(resource.implicated).toBeUndefined();
  });

  it.each([['block', 'high'], ['review', 'moderate'], ['warn', 'low'], ['info', 'low']] as const)(
    'gives severity %s as %s, and keeps Keta\'s own as a tag', (severity, fhir) => {
      const { resource } = toFhirDetectedIssue({ ...finding, severity });
      expect(resource.severity).toBe(fhir);
      expect(resource.meta?.tag).toEqual([{ system: `${KETA_SYSTEMS.screeningFinding}-severity`, code: severity }]);
    },
  );

  it('implicates the home medication as the resource type the EHR receives it as', () => {
    expect(toFhirDetectedIssue(finding, 'us-core-medication-request').resource.implicated).toEqual([{ reference: `MedicationRequest/${finding.medicationId}` }]);
  });

  it('says where the rule comes from in the narrative, escaped, marked additional', () => {
    const { resource } = toFhirDetectedIssue({ ...finding, message: 'BP 160/90 & rising', source: 'seed 003: <contraindications>' });
    expect(resource.text).toEqual({
      status: 'additional',
      div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>BP 160/90 &amp; rising</p><p>Source: <span class="finding-source">seed 003: &lt;contraindications&gt;</span></p></div>',
    });
    expect(fromFhirDetectedIssue(resource).source).toBe('seed 003: <contraindications>');
  });

  it('reading back names each element it lacks', () => {
    expect(fields(() => fromFhirDetectedIssue({ resourceType: 'DetectedIssue', status: 'final' })).map((i) => i.field)).toEqual([
      'DetectedIssue.identifier', 'DetectedIssue.patient', 'DetectedIssue.evidence', 'DetectedIssue.code', 'DetectedIssue.meta.tag',
      'DetectedIssue.detail', 'DetectedIssue.text', 'DetectedIssue.identifiedDateTime',
    ]);
  });
});
